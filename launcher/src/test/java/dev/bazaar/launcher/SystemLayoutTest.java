package dev.bazaar.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemLayoutTest {

    /** Ports the kernel hands out by itself (to outgoing connections, to binds to port 0) start here on Linux. */
    private static final int FIRST_EPHEMERAL_PORT = 32_768;

    @Test
    void freePortsAreTenDistinctPortsThatNoOutgoingConnectionCanHoldAndThatCanBeBound() throws IOException {
        SystemLayout layout = SystemLayout.freePorts();
        List<Integer> ports = List.of(layout.nodeGrpc(), layout.nodeHttp(), layout.command(), layout.graphql(), layout.relational(),
                layout.document(), layout.nodePostgres(), layout.commandPostgres(), layout.relationalPostgres(), layout.mongo());

        assertThat(ports).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isBetween(1024, FIRST_EPHEMERAL_PORT - 1));
        for (int port : ports) {
            try (ServerSocket bound = new ServerSocket(port)) {
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
