package dev.bazaar.launcher.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A query service's admin API (the rebuild contract), over the JDK's HTTP client with HTTP Basic. */
final class AdminApi {

    /** An answer the caller cannot go on with: its message is for the user. */
    static final class Refused extends RuntimeException {

        Refused(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI service;
    private final String authorization;

    AdminApi(URI service, String user, String password) {
        this.service = service;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    List<ProjectionStatus> projections() {
        return listOf(send("GET", "/admin/projections", 200));
    }

    /** Starts rebuilding one projection, or every one when {@code projection} is null. */
    List<ProjectionStatus> rebuild(String projection) {
        if (projection == null) {
            return listOf(send("POST", "/admin/projections/rebuild", 202));
        }
        return List.of(ProjectionStatus.of(send("POST", "/admin/projections/" + projection + "/rebuild", 202)));
    }

    private static List<ProjectionStatus> listOf(JsonNode answer) {
        List<ProjectionStatus> statuses = new ArrayList<>();
        answer.get("projections").forEach(p -> statuses.add(ProjectionStatus.of(p)));
        return statuses;
    }

    private JsonNode send(String method, String path, int expected) {
        HttpRequest request = HttpRequest.newBuilder(service.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Refused("Cannot reach " + service + ": is the service running?");
        } catch (IOException e) {
            throw new Refused("Cannot talk to " + service + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("Interrupted");
        }
        if (response.statusCode() == expected) {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new Refused(method + " " + path + " answered something that is not JSON: " + e.getMessage());
            }
        }
        if (response.statusCode() == 401) {
            throw new Refused("The service refused the admin credential (401): pass --user and --password, "
                    + "or set BAZAAR_ADMIN_PASSWORD");
        }
        throw new Refused(method + " " + path + " answered " + response.statusCode() + ": " + detailOf(response.body()));
    }

    private static String detailOf(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            return problem.hasNonNull("detail") ? problem.get("detail").asText() : body;
        } catch (IOException e) {
            return body;
        }
    }
}
