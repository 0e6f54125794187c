package dev.bazaar.query.relational.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.StreamSupport;

/** The admin API over plain HTTP, as the command-line client calls it. */
final class AdminClient {

    static final String USER = "admin";
    static final String PASSWORD = "bazaar-admin";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    AdminClient(int port) {
        this.base = "http://localhost:" + port;
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), USER, PASSWORD);
    }

    Answer post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()), USER, PASSWORD);
    }

    Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), USER, PASSWORD);
    }

    Answer send(HttpRequest.Builder request, String user, String password) {
        if (user != null) {
            String credential = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + credential);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The status of one projection from {@code GET /admin/projections}. */
    JsonNode projection(String name) {
        JsonNode all = get("/admin/projections").body().get("projections");
        return StreamSupport.stream(all.spliterator(), false).filter(p -> p.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no projection " + name + " in " + all));
    }

    /** LIVE, and every event up to the head of the store applied. */
    boolean liveAndCaughtUp(String name) {
        JsonNode status = projection(name);
        return status.get("state").asText().equals("LIVE") && status.get("position").asLong() >= status.get("head").asLong();
    }

    record Answer(int status, String contentType, JsonNode body) {
    }
}
