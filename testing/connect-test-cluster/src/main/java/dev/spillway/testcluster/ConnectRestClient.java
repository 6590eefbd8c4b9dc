package dev.spillway.testcluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A client for the Kafka Connect REST API of one worker.
 *
 * <p>Calls answered with 409 (the worker group is rebalancing) are retried a few times; any other non-2xx answer
 * throws {@link ConnectRestException}.
 */
public final class ConnectRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };
    /** Connect forwards some requests to the leader and waits up to 90 s for it; stay just under that. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(85);
    private static final int CONFLICT_ATTEMPTS = 8;
    /** Connector name used by {@link #validate} when the config has none. */
    static final String VALIDATION_NAME = "spillway-validation";
    /** One HTTP client for all workers: it is thread-safe, and each instance would own a selector thread. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;

    /** @param baseUrl e.g. {@code http://127.0.0.1:8083} */
    public ConnectRestClient(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
    }

    static HttpClient sharedHttpClient() {
        return HTTP;
    }

    public String baseUrl() {
        return baseUrl;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Worker and plugins

    /** {@code GET /}: the worker's version, commit and Kafka cluster id. */
    public JsonNode serverInfo() {
        return send("GET", "/", null);
    }

    /** {@code GET /connector-plugins?connectorsOnly=...}: every plugin, or only connectors. */
    public List<PluginInfo> connectorPlugins(boolean connectorsOnly) {
        JsonNode plugins = send("GET", "/connector-plugins?connectorsOnly=" + connectorsOnly, null);
        List<PluginInfo> result = new ArrayList<>();
        for (JsonNode plugin : plugins) {
            JsonNode version = plugin.get("version");
            result.add(new PluginInfo(plugin.path("class").asText(), plugin.path("type").asText(),
                    version == null || version.isNull() ? null : version.asText()));
        }
        return result;
    }

    /**
     * {@code PUT /connector-plugins/{class}/config/validate}. {@code connector.class} and {@code name} are filled in
     * when absent: Connect counts a missing {@code name} as an error, although a config file used with
     * {@code PUT /connectors/{name}/config} rightly has none.
     *
     * @return the validation result; {@code error_count} says how many values are invalid
     */
    public JsonNode validate(String pluginClass, Map<String, String> config) {
        Map<String, String> body = new LinkedHashMap<>(config);
        body.putIfAbsent("connector.class", pluginClass);
        body.putIfAbsent("name", VALIDATION_NAME);
        return send("PUT", "/connector-plugins/" + encode(pluginClass) + "/config/validate", body);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Connectors

    /** {@code GET /connectors}. */
    public List<String> connectors() {
        return JSON.convertValue(send("GET", "/connectors", null), STRING_LIST);
    }

    /** {@code POST /connectors}; fails with 409 if it already exists. Returns the created connector's info. */
    public JsonNode createConnector(String name, Map<String, String> config) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("config", config);
        return send("POST", "/connectors", body);
    }

    /** {@code PUT /connectors/{name}/config}: creates the connector or updates its configuration. */
    public JsonNode putConnectorConfig(String name, Map<String, String> config) {
        return send("PUT", connectorPath(name) + "/config", config);
    }

    /** {@code GET /connectors/{name}/config}. */
    public Map<String, String> connectorConfig(String name) {
        return JSON.convertValue(send("GET", connectorPath(name) + "/config", null), STRING_MAP);
    }

    /** {@code GET /connectors/{name}/status}. */
    public ConnectorStatus status(String name) {
        return ConnectorStatus.fromJson(send("GET", connectorPath(name) + "/status", null));
    }

    /** {@code PUT /connectors/{name}/pause}. */
    public void pause(String name) {
        send("PUT", connectorPath(name) + "/pause", null);
    }

    /** {@code PUT /connectors/{name}/resume}. */
    public void resume(String name) {
        send("PUT", connectorPath(name) + "/resume", null);
    }

    /** {@code PUT /connectors/{name}/stop} (Kafka 3.5+): stops the connector and its tasks, keeping its config. */
    public void stop(String name) {
        send("PUT", connectorPath(name) + "/stop", null);
    }

    /** {@code POST /connectors/{name}/restart?includeTasks=..&onlyFailed=..}. */
    public void restart(String name, boolean includeTasks, boolean onlyFailed) {
        send("POST", connectorPath(name) + "/restart?includeTasks=" + includeTasks + "&onlyFailed=" + onlyFailed,
                null);
    }

    /** {@code POST /connectors/{name}/tasks/{id}/restart}. */
    public void restartTask(String name, int taskId) {
        send("POST", connectorPath(name) + "/tasks/" + taskId + "/restart", null);
    }

    /** {@code DELETE /connectors/{name}}. */
    public void delete(String name) {
        send("DELETE", connectorPath(name), null);
    }

    /** {@code GET /connectors/{name}/offsets} (Kafka 3.5+). */
    public JsonNode offsets(String name) {
        return send("GET", connectorPath(name) + "/offsets", null);
    }

    /** {@code DELETE /connectors/{name}/offsets} (Kafka 3.6+); the connector must be stopped first. */
    public JsonNode resetOffsets(String name) {
        return send("DELETE", connectorPath(name) + "/offsets", null);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Waiting

    /**
     * Waits until the connector and exactly {@code tasks} tasks are {@code RUNNING}. Fails at once, with the trace, if
     * the connector or a task is {@code FAILED}.
     */
    public ConnectorStatus awaitRunning(String name, int tasks, Duration timeout) {
        return awaitStatus(name, timeout, "connector " + name + " and " + tasks + " task(s) RUNNING", status -> {
            if (status.isFailed() || !status.failedTasks().isEmpty()) {
                throw new AssertionError("Connector " + name + " failed while waiting for it to run:\n"
                        + status.describe());
            }
            return status.isRunning(tasks);
        });
    }

    /** Waits until the connector and exactly {@code tasks} tasks run, spread over {@code workers} distinct workers. */
    public ConnectorStatus awaitSpread(String name, int tasks, int workers, Duration timeout) {
        return awaitStatus(name, timeout, tasks + " task(s) of " + name + " running on " + workers + " worker(s)",
                status -> status.isRunning(tasks)
                        && status.tasks().stream().map(TaskStatus::workerId).distinct().count() == workers);
    }

    /** Waits until the connector is in {@code connectorState}, whatever its tasks do. */
    public ConnectorStatus awaitState(String name, String connectorState, Duration timeout) {
        return awaitStatus(name, timeout, "connector " + name + " " + connectorState,
                status -> connectorState.equals(status.state()));
    }

    /** Waits until the connector is in {@code connectorState} and has exactly {@code tasks} tasks in {@code taskState}. */
    public ConnectorStatus awaitState(String name, String connectorState, int tasks, String taskState,
                                      Duration timeout) {
        return awaitStatus(name, timeout,
                "connector " + name + " " + connectorState + " with " + tasks + " task(s) " + taskState,
                status -> connectorState.equals(status.state()) && status.tasks().size() == tasks
                        && status.tasks().stream().allMatch(task -> taskState.equals(task.state())));
    }

    /**
     * Waits until the connector's status satisfies {@code condition}. Errors while asking (404 before the connector is
     * known, a worker restarting) count as "not yet"; an {@link AssertionError} thrown by {@code condition} fails at
     * once.
     */
    public ConnectorStatus awaitStatus(String name, Duration timeout, String description,
                                       Predicate<ConnectorStatus> condition) {
        return Await.until(description + " (via " + baseUrl + ")", timeout, () -> status(name), condition);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Plumbing

    private static String connectorPath(String name) {
        return "/connectors/" + encode(name);
    }

    /** Encodes one path segment: connector names may contain spaces and other reserved characters. */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, Object body) {
        String uri = baseUrl + path;
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize request body for " + method + " " + uri, e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, publisher)
                .build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + uri + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted during " + method + " " + uri, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(response.body(), method, uri);
            }
            // 409: a rebalance is in progress (or the leader is not known yet); it usually settles within seconds.
            if (status == 409 && attempt < CONFLICT_ATTEMPTS && isRebalanceConflict(response.body())) {
                Await.pause(Duration.ofMillis(250L * attempt));
                continue;
            }
            throw new ConnectRestException(method, uri, status, response.body());
        }
    }

    /** 409 also means "connector already exists", which must not be retried. */
    static boolean isRebalanceConflict(String body) {
        String message = ConnectRestException.errorMessage(body).toLowerCase(Locale.ROOT);
        return !message.contains("already exists");
    }

    private static JsonNode parse(String body, String method, String uri) {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(method + " " + uri + " answered with invalid JSON: " + body, e);
        }
    }

    @Override
    public String toString() {
        return "ConnectRestClient[" + baseUrl + "]";
    }
}
