package dev.bazaar.query.document.rebuild;

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

/** The admin API over real HTTP, as the command-line client uses it. */
final class AdminClient {

    record Answer(int status, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;

    AdminClient(String base, String user, String password) {
        this.base = base;
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Answer post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    /** The status of one projection, from the list. */
    JsonNode projection(String name) {
        Answer list = get("/admin/projections");
        if (list.status() != 200) {
            throw new IllegalStateException("GET /admin/projections answered " + list.status() + ": " + list.body());
        }
        return StreamSupport.stream(list.body().get("projections").spliterator(), false)
                .filter(p -> p.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No projection " + name + " in " + list.body()));
    }

    /** Whether the projection is live with every one of its 2 segments at or past {@code index}. */
    boolean liveAt(String name, long index) {
        JsonNode status = projection(name);
        return status.get("state").asText().equals("LIVE") && status.get("segments").size() == 2
                && StreamSupport.stream(status.get("segments").spliterator(), false).allMatch(s -> s.get("position").asLong() >= index);
    }

    private Answer send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
