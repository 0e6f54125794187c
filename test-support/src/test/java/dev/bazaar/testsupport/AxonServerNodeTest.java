package dev.bazaar.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AxonServerNodeTest {

    @Test
    void startsTheNodeAsItsOwnProcessAndStartsItAgainAfterAKill() throws IOException {
        try (AxonServerNode node = AxonServerNode.startNew(Map.of())) {
            assertThat(node.process().pid()).isNotEqualTo(ProcessHandle.current().pid());
            assertAcceptsConnections(node.grpcPort());

            node.process().kill();
            assertThat(node.process().isAlive()).isFalse();

            node.process().restart(Duration.ofSeconds(90));
            assertAcceptsConnections(node.grpcPort());
            assertThat(node.process().lastLogLines(500)).contains("accepts gRPC on port " + node.grpcPort());
        }
    }

    private static void assertAcceptsConnections(int port) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            assertThat(socket.isConnected()).isTrue();
        }
    }
}
