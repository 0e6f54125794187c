package dev.bazaar.axonserver.eventstore;

import dev.bazaar.axonserver.grpc.AxonErrorCode;
import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.event.CancelScheduledEventRequest;
import io.axoniq.axonserver.grpc.event.EventSchedulerGrpc;
import io.axoniq.axonserver.grpc.event.RescheduleEventRequest;
import io.axoniq.axonserver.grpc.event.ScheduleEventRequest;
import io.axoniq.axonserver.grpc.event.ScheduleToken;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Component;

/**
 * Axon Server's EventScheduler (what Axon's AxonServerEventScheduler calls): this node does not keep
 * scheduled events, and says so with Axon Server's unsupported-instruction code rather than with a
 * bare "method not found". Applications that schedule events use a local scheduler against this node.
 */
@Component
class EventSchedulerService extends EventSchedulerGrpc.EventSchedulerImplBase {

    @Override
    public void scheduleEvent(ScheduleEventRequest request, StreamObserver<ScheduleToken> response) {
        response.onError(unsupported());
    }

    @Override
    public void rescheduleEvent(RescheduleEventRequest request, StreamObserver<ScheduleToken> response) {
        response.onError(unsupported());
    }

    @Override
    public void cancelScheduledEvent(CancelScheduledEventRequest request, StreamObserver<InstructionAck> response) {
        response.onError(unsupported());
    }

    private static RuntimeException unsupported() {
        return AxonErrorCode.UNSUPPORTED_INSTRUCTION.exception(Status.UNIMPLEMENTED,
                "Scheduled events are not supported by this node");
    }
}
