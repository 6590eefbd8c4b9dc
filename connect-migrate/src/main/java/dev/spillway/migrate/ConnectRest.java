package dev.spillway.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few Connect REST calls the migration makes; every failure names the call and the worker's message. */
final class ConnectRest {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ConnectRest(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    JsonNode get(String path) {
        return call("GET", path, null, false);
    }

    /** GET that answers null for 404 (no such connector). */
    JsonNode getIfExists(String path) {
        return call("GET", path, null, true);
    }

    JsonNode send(String method, String path, Object body) {
        return call(method, path, body, false);
    }

    private JsonNode call(String method, String path, Object body, boolean nullIfMissing) {
        String what = method + " " + path;
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, publisher).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (nullIfMissing && response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() >= 300) {
                throw new MigrationRefused(what + " failed with HTTP " + response.statusCode() + ": "
                    + message(response.body()));
            }
            String text = response.body();
            return text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new MigrationRefused(what + " at " + baseUrl + " failed: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new MigrationRefused("--connect-url " + baseUrl + " is not a usable http(s) URL: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationRefused(what + " was interrupted");
        }
    }

    private static String message(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.hasNonNull("message") ? node.get("message").asText() : body;
        } catch (IOException | RuntimeException e) {
            return body;
        }
    }
}
