package dev.bazaar.command.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.bazaar.command.rules.CommandFailure;
import dev.bazaar.command.rules.FailureDetails;
import dev.bazaar.command.rules.FailureKind;
import dev.bazaar.command.rules.RuleViolation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import io.grpc.StatusRuntimeException;
import org.axonframework.axonserver.connector.AxonServerException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.RemoteHandlingException;
import org.axonframework.messaging.RemoteNonTransientHandlingException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every failure as RFC 9457 problem details. Input the caller controls never answers 500:
 * 400 malformed or invalid input (naming the field), 404 an unknown aggregate, 409 a broken rule
 * or a lost race, 413 a body over the limit, 415 a content type other than JSON (the last two with
 * Spring's own handling); 503 when Axon Server cannot be reached.
 *
 * <p>A command that crossed Axon Server fails as a {@link CommandExecutionException}: its details
 * ({@link CommandFailure}) say what kind of failure it was. A failure that happened after the
 * handler (an event append refused because another command changed the aggregate first) has no
 * details; the description of the remote exception tells it apart.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final List<String> CONFLICT_MARKERS = List.of(
            ConcurrencyException.class.getSimpleName(), AggregateStreamCreationException.class.getSimpleName(),
            "AXONIQ-2000");

    /**
     * The event store could not read or write (Axon Server's data-file error codes, which Axon turns
     * into an {@link EventStoreException}): the store is unavailable, not the command wrong.
     */
    private static final List<String> STORE_UNAVAILABLE_MARKERS = List.of(
            EventStoreException.class.getSimpleName(), "AXONIQ-9000", "AXONIQ-9100");

    private static final String CONCURRENT_CHANGE =
            "It already exists, or another request changed it at the same moment: reload it and try again";

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolation(RuleViolation e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, FailureDetails.notFound(e));
    }

    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ProblemDetail concurrentChange(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, CONCURRENT_CHANGE);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail commandFailed(CommandExecutionException e) {
        Optional<CommandFailure> failure = e.getDetails().filter(CommandFailure.class::isInstance).map(CommandFailure.class::cast);
        if (failure.isPresent()) {
            return problem(statusOf(failure.get().kind()), failure.get().message());
        }
        if (remoteDescriptions(e).stream().anyMatch(d -> CONFLICT_MARKERS.stream().anyMatch(d::contains))) {
            return problem(HttpStatus.CONFLICT, CONCURRENT_CHANGE);
        }
        if (remoteDescriptions(e).stream().anyMatch(d -> STORE_UNAVAILABLE_MARKERS.stream().anyMatch(d::contains))) {
            return unavailable(e);
        }
        log.error("Command failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "The command failed inside the command service");
    }

    /**
     * Axon Server out of reach (either connector's exception, or gRPC's own), no handler connected to
     * it, or its event store unable to read or write.
     */
    @ExceptionHandler({AxonServerException.class, io.axoniq.axonserver.connector.AxonServerException.class,
            StatusRuntimeException.class, NoHandlerForCommandException.class, CommandTimeout.class,
            EventStoreException.class})
    ProblemDetail unavailable(RuntimeException e) {
        log.warn("Command not handled: {}", e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Commands cannot be handled right now; try again later");
    }

    /** A fault of this service, never of the caller's input; logged, and answered without internals. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Request failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "The request failed inside the command service");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = e.getBindingResult().getFieldErrors().stream().collect(Collectors.toMap(
                error -> error.getField(), error -> String.valueOf(error.getDefaultMessage()), (first, second) -> first));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, errors.entrySet().stream()
                .map(error -> error.getKey() + ": " + error.getValue()).sorted().collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (causeOf(e, BodyTooLarge.class) != null) {
            ProblemDetail problem = problem(HttpStatus.PAYLOAD_TOO_LARGE, causeOf(e, BodyTooLarge.class).getMessage());
            return handleExceptionInternal(e, problem, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
        }
        ProblemDetail problem;
        JsonMappingException mapping = causeOf(e, JsonMappingException.class);
        if (mapping != null && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message = mapping instanceof UnrecognizedPropertyException unknown ? unknownField(unknown)
                    : mapping.getOriginalMessage().lines().findFirst().orElse("");
            problem = problem(HttpStatus.BAD_REQUEST, field + ": " + message);
            problem.setProperty("errors", Map.of(field, message));
        } else {
            problem = problem(HttpStatus.BAD_REQUEST, "The request body is not valid JSON");
        }
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Names the fields the body may have; Jackson's own message names the Java class it was reading into. */
    private static String unknownField(UnrecognizedPropertyException unknown) {
        return "is not a field of this request; its fields are " + unknown.getKnownPropertyIds().stream()
                .map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static HttpStatus statusOf(FailureKind kind) {
        return switch (kind) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
    }

    /** What the handling side said went wrong: Axon keeps it as text, in either kind of remote exception. */
    private static List<String> remoteDescriptions(Throwable e) {
        RemoteHandlingException remote = causeOf(e, RemoteHandlingException.class);
        if (remote != null) {
            return remote.getExceptionDescriptions();
        }
        RemoteNonTransientHandlingException nonTransient = causeOf(e, RemoteNonTransientHandlingException.class);
        return nonTransient == null ? List.of(String.valueOf(e.getMessage())) : nonTransient.getExceptionDescriptions();
    }

    @Nullable
    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }
}
