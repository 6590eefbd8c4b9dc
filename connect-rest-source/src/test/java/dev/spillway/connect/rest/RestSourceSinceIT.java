package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.TopicClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * since pagination in a real Kafka worker with exactly-once source support, against the loopback sample API served
 * both ways: {@code /since/items} filters with {@code >=}, {@code /since-gt/items} with {@code >} (sent as
 * {@code updated[gt]}, with {@code pagination.since.filter=exclusive}). Every three items share one {@code updated}
 * value and pages hold five, so every page ends in the middle of a tie, and so does every committed offset: the
 * task restart and the connector restart below both resume in the middle of a tie.
 */
class RestSourceSinceIT {

    private static final String KAFKA = "4.3.1";
    private static final String CONNECTOR = "rest-since";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    static final RestSourceHarness HARNESS = RestSourceHarness.cluster("rest-since", KAFKA).exactlyOnce();

    @Test
    void bothFilterKindsCopyEveryItemOnceInOrderAcrossRestartsInTheMiddleOfATie() throws Exception {
        try (SampleApi api = SampleApi.start(0)) {
            appendTies(api, 900);
            ConnectRestClient rest = HARNESS.rest();
            TopicClient topics = HARNESS.topics();
            rest.createConnector(CONNECTOR, connectorConfig(api));
            rest.awaitRunning(CONNECTOR, 1, TIMEOUT);

            awaitIds(topics, "since.gte", 250);
            awaitIds(topics, "since.gt", 250);
            rest.restartTask(CONNECTOR, 0);
            rest.awaitRunning(CONNECTOR, 1, TIMEOUT);

            awaitIds(topics, "since.gte", 550);
            awaitIds(topics, "since.gt", 550);
            rest.restart(CONNECTOR, true, false);
            rest.awaitRunning(CONNECTOR, 1, TIMEOUT);

            awaitIds(topics, "since.gte", 900);
            awaitIds(topics, "since.gt", 900);
            appendTies(api, 300);
            for (String topic : List.of("since.gte", "since.gt")) {
                assertThat(awaitIds(topics, topic, 1_200)).as(topic + ": every item once, in order")
                    .containsExactlyElementsOf(TaskHarness.range(1, 1_200));
            }
            assertThat(rest.status(CONNECTOR).isRunning(1)).isTrue();

            // Both restarts resumed each endpoint from an offset in the middle of a tie: two of three emitted.
            String log = HARNESS.workerLog();
            assertThat(RestSourceHarness.count(log, "Endpoint 'gte': resuming from the stored offset at since=\\d+ \\(skipping 2\\)"))
                .isEqualTo(2);
            assertThat(RestSourceHarness.count(log,
                "Endpoint 'gt': resuming from the stored offset at since=\\d+&tie=\\d+ \\(skipping 2\\)"))
                .isEqualTo(2);
        }
    }

    /** Appends {@code count} items, three per {@code updated} value, continuing the values already there. */
    private static void appendTies(SampleApi api, int count) {
        for (int i = 0; i < count; i++) {
            long id = api.size() + 1;
            api.appendUpdated((id + 2) / 3);
        }
    }

    private static Map<String, String> connectorConfig(SampleApi api) {
        Map<String, String> config = RestSourceHarness.connectorConfig("since.");
        config.put("exactly.once.support", "required");
        config.put("http.base.url", api.baseUrl().toString());
        config.put("endpoints", "gte=/since/items,gt=/since-gt/items");
        config.put("records.pointer", "/items");
        config.put("key.pointer", "/id");
        config.put("pagination.type", "since");
        config.put("pagination.since.pointer", "/updated");
        config.put("pagination.limit", "5");
        config.put("endpoint.gt.pagination.since.param", "updated[gt]");
        config.put("endpoint.gt.pagination.since.filter", "exclusive");
        // Slow enough that both restarts land mid-stream, fast enough for a short test.
        config.put("http.max.requests.per.second", "20");
        config.put("poll.interval.ms", "500");
        return config;
    }

    private static List<Long> awaitIds(TopicClient topics, String topic, int count) {
        return RestSourceHarness.awaitIds(topics, topic, count, TIMEOUT);
    }
}
