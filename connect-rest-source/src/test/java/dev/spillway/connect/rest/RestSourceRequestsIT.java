package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.TopicClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The request shapes real APIs need, on one real worker with exactly-once source support: a header-versioned API
 * that also wants a secret tenant header, a GraphQL connection with its cursor in the body's variables, and a search
 * API with search_after in a POST body, an NDJSON export and an incremental export that returns its end_time, and
 * requests written as templates: a GraphQL body template holding the cursor, a search API walked with search_after
 * arrays of two sort values whose first ties across page ends, and a list with per-endpoint templated parameters.
 * Every item arrives once and in order, a restarted task resumes exactly where
 * it was (new items only), and the secret header value is in no record, record header or worker log line.
 */
class RestSourceRequestsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String SECRET = "tenant-it-s3cr3t-77q";
    /** The topics of the templated requests: a GraphQL body template, search_after arrays, per-endpoint params. */
    private static final List<String> TEMPLATED = List.of("req.templated", "req.sorted", "req.list");

    @RegisterExtension
    static final RestSourceHarness HARNESS = RestSourceHarness.cluster("rest-requests", RestSourceHarness.latestKafka())
        .exactlyOnce();

    @Test
    void everyShapeCopiesEveryItemOnceInOrderAndResumesExactlyAfterARestart() throws Exception {
        try (SampleApi versioned = SampleApi.start(45);
             QueryApi query = QueryApi.start(45)) {
            versioned.requireHeader("X-Tenant-Token", SECRET);
            ConnectRestClient rest = HARNESS.rest();
            TopicClient topics = HARNESS.topics();
            Map<String, Map<String, String>> connectors = Map.of(
                "req-versioned", versionedConfig(versioned),
                "req-graphql", withWorkerSettings(RestSourceTaskRequestsTest.graphql(query.baseUrl().toString())),
                "req-search", withWorkerSettings(RestSourceTaskRequestsTest.search(query.baseUrl().toString())),
                "req-export", ndjsonConfig(versioned),
                "req-incremental", incrementalConfig(versioned),
                "req-templated", withWorkerSettings(RestSourceTaskTemplatesTest.graphqlTemplate(query.baseUrl()
                    .toString())),
                "req-sorted", withWorkerSettings(RestSourceTaskTemplatesTest.sortedSearch(query.baseUrl().toString())),
                "req-list", withWorkerSettings(RestSourceTaskTemplatesTest.perEndpointParams(query.baseUrl()
                    .toString())));
            for (Map.Entry<String, Map<String, String>> connector : connectors.entrySet()) {
                rest.createConnector(connector.getKey(), connector.getValue());
            }
            for (String name : connectors.keySet()) {
                rest.awaitRunning(name, 1, TIMEOUT);
            }

            // 1. Every item once, in order, for every shape.
            assertThat(awaitIds(topics, "req.items", 45)).containsExactlyElementsOf(TaskHarness.range(1, 45));
            assertThat(awaitIds(topics, "req.hits", 45)).containsExactlyElementsOf(TaskHarness.range(1, 45));
            assertThat(awaitIds(topics, "req.versioned", 45)).containsExactlyElementsOf(TaskHarness.range(1, 45));
            assertThat(awaitIds(topics, "req.export", 45)).containsExactlyElementsOf(TaskHarness.range(1, 45));
            assertThat(awaitIds(topics, "req.tickets", 45)).containsExactlyElementsOf(TaskHarness.range(1, 45));
            for (String topic : TEMPLATED) {
                assertThat(awaitIds(topics, topic, 45)).as(topic).containsExactlyElementsOf(TaskHarness.range(1, 45));
            }

            // 2. Each task restarted, then new items: exactly those arrive, after the others.
            for (String name : connectors.keySet()) {
                rest.restartTask(name, 0);
            }
            for (String name : connectors.keySet()) {
                rest.awaitRunning(name, 1, TIMEOUT);
            }
            query.append(12);
            versioned.append(12);
            assertThat(awaitIds(topics, "req.items", 57)).containsExactlyElementsOf(TaskHarness.range(1, 57));
            assertThat(awaitIds(topics, "req.hits", 57)).containsExactlyElementsOf(TaskHarness.range(1, 57));
            assertThat(awaitIds(topics, "req.versioned", 57)).containsExactlyElementsOf(TaskHarness.range(1, 57));
            assertThat(awaitIds(topics, "req.export", 57)).containsExactlyElementsOf(TaskHarness.range(1, 57));
            assertThat(awaitIds(topics, "req.tickets", 57)).containsExactlyElementsOf(TaskHarness.range(1, 57));
            for (String topic : TEMPLATED) {
                assertThat(awaitIds(topics, topic, 57)).as(topic).containsExactlyElementsOf(TaskHarness.range(1, 57));
            }
            assertThat(query.bodies()).as("the body template's cursor").anySatisfy(body -> assertThat(body)
                .endsWith("\"variables\":{\"first\":10,\"after\":\"c45\"}}"));
            assertThat(query.bodies()).as("search_after with the ts tie of 45").anySatisfy(body -> assertThat(body)
                .endsWith("\"search_after\":[" + QueryApi.ts(44) + ",44]}"));
            assertThat(query.queries()).as("the endpoint's own parameter").contains("size=10&tenant=acme&from=45");
            assertThat(query.bodies()).anySatisfy(body -> assertThat(body).contains("\"after\":\"c45\""));

            // 3. The secret header went to the API, and nowhere else.
            assertThat(versioned.requests()).isNotEmpty().allSatisfy(request -> assertThat(request.headers())
                .containsEntry("x-tenant-token", SECRET));
            assertThat(versioned.requests()).filteredOn(request -> request.path().equals("/versioned/items"))
                .isNotEmpty().allSatisfy(request -> assertThat(request.headers()).containsEntry("x-api-version", "2"));
            for (String topic : List.of("req.items", "req.hits", "req.versioned", "req.export", "req.tickets",
                    "req.templated", "req.sorted", "req.list")) {
                for (ConsumerRecord<byte[], byte[]> record : topics.readAll(topic, IsolationLevel.READ_COMMITTED)) {
                    assertThat(TopicClient.string(record.value()) + TopicClient.string(record.key()))
                        .doesNotContain(SECRET);
                    for (Header header : record.headers()) {
                        assertThat(new String(header.value(), StandardCharsets.UTF_8)).as(header.key())
                            .doesNotContain(SECRET);
                    }
                }
            }
            assertThat(HARNESS.workerLog()).as("the task logs the header names").contains("X-Tenant-Token");
            for (Map.Entry<String, Path> log : HARNESS.cluster().logFiles().entrySet()) {
                assertThat(Files.readString(log.getValue())).as("the log of " + log.getKey()).doesNotContain(SECRET);
            }
        }
    }

    private static Map<String, String> withWorkerSettings(Map<String, String> taskConfig) {
        Map<String, String> config = RestSourceHarness.connectorConfig("req.", taskConfig);
        config.put("exactly.once.support", "required");
        config.put("poll.interval.ms", "300");
        return config;
    }

    private static Map<String, String> versionedConfig(SampleApi api) {
        Map<String, String> config = TaskHarness.config(api.baseUrl().toString(), "versioned=/versioned/items");
        config.put("records.pointer", "/items");
        config.put("pagination.type", "cursor");
        config.put("pagination.cursor.pointer", "/next_cursor");
        config.put("pagination.limit", "10");
        config.put("http.request.headers", "Accept: application/vnd.sample.v2+json");
        config.put("endpoint.versioned.request.headers", "X-Api-Version: 2");
        config.put("http.request.headers.secret", "X-Tenant-Token: " + SECRET);
        config.put("auth.allow.http.loopback", "true");
        return withWorkerSettings(config);
    }

    /** An NDJSON export walked by watermark; it also needs the tenant header the sample API requires. */
    private static Map<String, String> ndjsonConfig(SampleApi api) {
        Map<String, String> config = TaskHarness.ndjsonExport(api.baseUrl().toString());
        config.put("http.request.headers.secret", "X-Tenant-Token: " + SECRET);
        config.put("auth.allow.http.loopback", "true");
        return withWorkerSettings(config);
    }

    /** A Zendesk-style incremental export: the next start_time is the response's end_time. */
    private static Map<String, String> incrementalConfig(SampleApi api) {
        Map<String, String> config = RestSourceTaskRequestsTest.incremental(api.baseUrl().toString(),
            "pagination.since.next.pointer", "/end_time");
        config.put("http.request.headers.secret", "X-Tenant-Token: " + SECRET);
        config.put("auth.allow.http.loopback", "true");
        return withWorkerSettings(config);
    }

    private static List<Long> awaitIds(TopicClient topics, String topic, int count) {
        return RestSourceHarness.awaitIds(topics, topic, count, TIMEOUT);
    }
}
