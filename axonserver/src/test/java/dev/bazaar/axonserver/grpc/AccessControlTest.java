package dev.bazaar.axonserver.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bazaar.axonserver.commands.CommandRouter;
import io.grpc.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With an access token configured, the node refuses Axon clients the way Axon Server does. */
class AccessControlTest {

    private static final String TOKEN = "let-me-in";

    @TempDir
    static Path dataDir;

    static RunningNode node;

    @BeforeAll
    static void startNode() {
        node = RunningNode.start(dataDir, "--bazaar.node.access-token=" + TOKEN);
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void aClientWithoutTheTokenIsRefused() {
        try (AxonClientApplication stranger = AxonClientApplication.named("stranger").connectTo(node.grpcAddress())) {
            assertThatThrownBy(() -> stranger.commandGateway().send(new OpenDoor("front")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("[AXONIQ-4003]");
            assertThat(stranger.failedCalls()).first().isEqualTo(new AxonClientApplication.FailedCall(
                    "io.axoniq.axonserver.grpc.control.PlatformService/GetPlatformServer",
                    Status.Code.PERMISSION_DENIED, "Token missing", "AXONIQ-1000"));
        }
    }

    @Test
    void aClientWithAWrongTokenIsRefused() {
        try (AxonClientApplication impostor = AxonClientApplication.named("impostor").token("let-me-out").connectTo(node.grpcAddress())) {
            assertThatThrownBy(() -> impostor.commandGateway().send(new OpenDoor("front")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("[AXONIQ-4003]");
            assertThat(impostor.failedCalls()).first().isEqualTo(new AxonClientApplication.FailedCall(
                    "io.axoniq.axonserver.grpc.control.PlatformService/GetPlatformServer",
                    Status.Code.PERMISSION_DENIED,
                    "Invalid token for io.axoniq.axonserver.grpc.control.PlatformService/GetPlatformServer", "AXONIQ-1001"));
        }
    }

    @Test
    void aClientWithTheTokenIsServed() throws Exception {
        try (AxonClientApplication door = AxonClientApplication.named("door").token(TOKEN).commandHandler(new Door()).connectTo(node.grpcAddress());
             AxonClientApplication resident = AxonClientApplication.named("resident").token(TOKEN).connectTo(node.grpcAddress())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !node.bean(CommandRouter.class).subscriptions().isEmpty());

            assertThat(resident.commandGateway().send(new OpenDoor("front")).get(30, TimeUnit.SECONDS)).isEqualTo("front is open");
            assertThat(resident.failedCalls()).isEmpty();
        }
    }

    @Test
    void theStatusPageWantsTheTokenToo() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI status = URI.create("http://localhost:" + node.httpPort() + "/v1/status");

        HttpResponse<String> withoutToken = http.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> withWrongToken = http.send(HttpRequest.newBuilder(status).header("AxonIQ-Access-Token", "let-me-out").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> withToken = http.send(HttpRequest.newBuilder(status).header("AxonIQ-Access-Token", TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.httpPort() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.headers().firstValue("ErrorCode")).contains("AXONIQ-1000");
        assertThat(withWrongToken.statusCode()).isEqualTo(403);
        assertThat(withWrongToken.headers().firstValue("ErrorCode")).contains("AXONIQ-1001");
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("\"accessControl\":true");
        assertThat(health.statusCode()).isEqualTo(200);
    }

    record OpenDoor(@TargetAggregateIdentifier String door) {
    }

    static class Door {

        @CommandHandler
        String handle(OpenDoor command) {
            return command.door() + " is open";
        }
    }
}
