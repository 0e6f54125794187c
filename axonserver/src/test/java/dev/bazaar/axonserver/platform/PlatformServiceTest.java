package dev.bazaar.axonserver.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.axonserver.grpc.AxonClientApplication;
import dev.bazaar.axonserver.grpc.RunningNode;
import java.io.IOException;
import java.time.Duration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connecting, registering and staying connected, as the Axon client's control channel does it. */
class PlatformServiceTest {

    static RunningNode node;

    @BeforeAll
    static void connectToNode() throws IOException {
        node = RunningNode.shared();
    }

    @Test
    void aClientRegistersOnConnectAndIsForgottenWhenItLeaves() {
        AxonClientApplication visitor = AxonClientApplication.named("visitor").connectTo(node.grpcAddress());
        try (visitor) {
            connect(visitor);
            await().atMost(Duration.ofSeconds(30)).until(() -> isConnected(visitor));

            ConnectedClients.ConnectedClient registered = node.bean(ConnectedClients.class).all().stream()
                    .filter(client -> client.clientId().equals(visitor.clientId()))
                    .findFirst().orElseThrow();
            assertThat(registered.componentName()).isEqualTo("visitor");
            assertThat(registered.context()).isEqualTo("default");
            assertThat(registered.version()).isNotBlank();
            assertThat(visitor.callsStarted("io.axoniq.axonserver.grpc.control.PlatformService/GetPlatformServer")).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !isConnected(visitor));
    }

    @Test
    void acknowledgedHeartbeatsKeepTheClientOnItsFirstConnection() {
        try (AxonClientApplication steady = AxonClientApplication.named("steady").heartbeatEvery(200).connectTo(node.grpcAddress())) {
            connect(steady);
            await().atMost(Duration.ofSeconds(30)).until(() -> steady.platformAcknowledgements() >= 10);

            // a heartbeat left unacknowledged for 200 ms would have made the client reconnect
            assertThat(steady.callsStarted("io.axoniq.axonserver.grpc.control.PlatformService/OpenStream")).isEqualTo(1);
            assertThat(steady.callsStarted("io.axoniq.axonserver.grpc.control.PlatformService/GetPlatformServer")).isEqualTo(1);
            assertThat(isConnected(steady)).isTrue();
        }
    }

    /** An application without handlers or processors connects only when something asks for its connection. */
    private static void connect(AxonClientApplication application) {
        application.configuration().getComponent(AxonServerConnectionManager.class).getConnection();
    }

    private static boolean isConnected(AxonClientApplication application) {
        return node.bean(ConnectedClients.class).all().stream().anyMatch(client -> client.clientId().equals(application.clientId()));
    }
}
