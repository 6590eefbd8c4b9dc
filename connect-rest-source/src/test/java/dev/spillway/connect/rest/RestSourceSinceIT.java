package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.PluginPaths;
import dev.spillway.testcluster.TopicClient;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    @Test
    void bothFilterKindsCopyEveryItemOnceInOrderAcrossRestartsInTheMiddleOfATie(@TempDir Path dir) throws Exception {
        Path plugins = dir.resolve("plugins");
        PluginPaths.pluginDirFromBuild(plugins, "spillway-rest-source", "spillway.rest.jar", "spillway.rest.deps");

        try (SampleApi api = SampleApi.start(0);
             ConnectCluster cluster = LOGS.watch(ConnectCluster.builder()
                 .name("rest-since")
                 .kafkaVersion(KAFKA)
                 .workers(1)
                 .pluginPath(plugins)
                 .workerProperty("exactly.once.source.support", "enabled")
                 .start())) {
            appendTies(api, 900);
            ConnectRestClient rest = cluster.rest();
            TopicClient topics = cluster.topics();
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
            String log = Files.readString(cluster.logFiles().get("worker-0"));
            assertThat(count(log, "Endpoint 'gte': resuming from the stored offset at since=\\d+ \\(skipping 2\\)"))
                .isEqualTo(2);
            assertThat(count(log,
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
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", RestSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("exactly.once.support", "required");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("http.base.url", api.baseUrl().toString());
        config.put("endpoints", "gte=/since/items,gt=/since-gt/items");
        config.put("topic.prefix", "since.");
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

    private static long count(String text, String regex) {
        return Pattern.compile(regex).matcher(text).results().count();
    }

    /** Ids in topic order (committed records only), once at least {@code count} records are there. */
    private static List<Long> awaitIds(TopicClient topics, String topic, int count) {
        return Await.until("at least " + count + " records in " + topic, TIMEOUT, () -> ids(topics, topic),
            ids -> ids.size() >= count);
    }

    private static List<Long> ids(TopicClient topics, String topic) {
        List<Long> ids = new ArrayList<>();
        for (String value : TopicClient.stringValues(topics.readAll(topic, IsolationLevel.READ_COMMITTED))) {
            Matcher matcher = ID.matcher(value);
            if (!matcher.find()) {
                throw new AssertionError("no id in " + value);
            }
            ids.add(Long.parseLong(matcher.group(1)));
        }
        return ids;
    }
}
