package dev.bazaar.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The system as a client sees it: JSON over HTTP, REST for commands and GraphQL for reads. */
final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String commandUrl;
    private final String graphqlUrl;

    Http(String commandUrl, String graphqlUrl) {
        this.commandUrl = commandUrl;
        this.graphqlUrl = graphqlUrl;
    }

    record Response(int status, JsonNode body, String contentType) {

        Response(int status, JsonNode body) {
            this(status, body, "");
        }

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }

    Response post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(commandUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    Response put(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(commandUrl + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    /** A GET of any URL, such as the node's status page. */
    Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** A POST to another instance of the command service than the one this client talks to. */
    Response postTo(String serviceUrl, String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(serviceUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    /** Runs a GraphQL query and answers the whole response, {@code data} and {@code errors}, whatever its status. */
    Response graphqlResponse(String query, Map<String, Object> variables) {
        return send(HttpRequest.newBuilder(URI.create(graphqlUrl + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(Map.of("query", query, "variables", variables)))));
    }

    /** An admin call to a query service, with the admin credential of local runs. */
    Response admin(String serviceUrl, String method, String path) {
        String credential = java.util.Base64.getEncoder().encodeToString("admin:bazaar-admin".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(serviceUrl + path))
                .header("Authorization", "Basic " + credential)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** Runs a GraphQL query and answers its {@code data}, failing on any entry in {@code errors}. */
    JsonNode graphql(String query, Map<String, Object> variables) {
        Response response = send(HttpRequest.newBuilder(URI.create(graphqlUrl + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(Map.of("query", query, "variables", variables)))));
        if (response.status() != 200 || response.body().hasNonNull("errors")) {
            throw new AssertionError("GraphQL answered " + response.status() + ": " + response.body());
        }
        return response.body().get("data");
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), body, response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
