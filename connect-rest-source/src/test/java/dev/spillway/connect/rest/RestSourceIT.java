package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.TopicClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connector in a real Kafka 3.9.2 worker with exactly-once source support, loaded from a plugin directory
 * built from this module's jar and its runtime dependencies, reading the loopback sample API in cursor mode.
 */
class RestSourceIT {

    private static final Logger LOG = LoggerFactory.getLogger(RestSourceIT.class);
    private static final String KAFKA = "3.9.2";
    private static final String CONNECTOR = "rest-items";
    private static final String TOPIC = "rest.items";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final RestSourceHarness HARNESS = RestSourceHarness.cluster("rest-source", KAFKA).exactlyOnce();

    @Test
    void copiesEveryItemOnceAcrossATaskRestartAndPicksUpNewOnes() throws Exception {
        long started = System.nanoTime();
        try (SampleApi api = SampleApi.start(10_000)) {
            ConnectRestClient rest = HARNESS.rest();
            TopicClient topics = HARNESS.topics();
            rest.createConnector(CONNECTOR, connectorConfig(api));
            rest.awaitRunning(CONNECTOR, 1, TIMEOUT);

            // 1. A backfill of 10 000 items over 100 pages: each exactly once, in order.
            List<Long> first = awaitIds(topics, 10_000);
            assertThat(first).hasSize(10_000);
            assertThat(first).containsExactlyElementsOf(TaskHarness.range(1, 10_000));
            LOG.info("Backfill of 10000 items done after {} ms", elapsed(started));

            // 2. More items; the task is restarted through the REST API while it is reading them.
            api.append(6_000);
            awaitIds(topics, 11_500);
            rest.restartTask(CONNECTOR, 0);
            LOG.info("Restarted task 0 with the topic at >= 11500 records");
            rest.awaitRunning(CONNECTOR, 1, TIMEOUT);
            long resumedAt = resumedCursor(HARNESS.cluster().logFiles().get("worker-0"));
            assertThat(resumedAt).as("the restarted task resumed mid-stream, from its committed offset")
                .isBetween(10_000L, 15_999L);
            List<Long> second = awaitDistinct(topics, 16_000);
            report(second, 16_000);

            // 3. Items appended after the endpoint went idle are picked up on the next poll interval.
            api.append(250);
            List<Long> third = awaitDistinct(topics, 16_250);
            int duplicates = report(third, 16_250);
            assertThat(duplicates).as("duplicates under read_committed with exactly-once source support").isZero();
            assertThat(rest.status(CONNECTOR).isRunning(1)).isTrue();
            LOG.info("RestSourceIT scenario took {} ms", elapsed(started));
        }
    }

    private static Map<String, String> connectorConfig(SampleApi api) {
        Map<String, String> config = RestSourceHarness.connectorConfig("rest.");
        config.put("exactly.once.support", "required");
        config.put("http.base.url", api.baseUrl().toString());
        config.put("endpoints", "items=/cursor/items");
        config.put("records.pointer", "/items");
        config.put("key.pointer", "/id");
        config.put("pagination.type", "cursor");
        config.put("pagination.cursor.pointer", "/next_cursor");
        config.put("pagination.limit", "100");
        // Slow enough that the restart lands mid-stream, fast enough for a short test.
        config.put("http.max.requests.per.second", "25");
        config.put("poll.interval.ms", "500");
        return config;
    }

    /** The cursor the restarted task logged it resumes from. */
    private static long resumedCursor(Path workerLog) {
        Pattern resumed = Pattern.compile("resuming from the stored offset at cursor=(\\d+)");
        String line = Await.until("the restarted task's resume position in " + workerLog, TIMEOUT,
            () -> Files.readAllLines(workerLog).stream().filter(l -> resumed.matcher(l).find()).findFirst()
                .orElse(null),
            found -> found != null);
        Matcher matcher = resumed.matcher(line);
        assertThat(matcher.find()).isTrue();
        LOG.info("Restarted task resumed at cursor {}", matcher.group(1));
        return Long.parseLong(matcher.group(1));
    }


    /** Ids in topic order (committed records only), once at least {@code count} records are there. */
    private static List<Long> awaitIds(TopicClient topics, int count) {
        return RestSourceHarness.awaitIds(topics, TOPIC, count, TIMEOUT);
    }

    /** Ids in topic order once {@code count} distinct items are there. */
    private static List<Long> awaitDistinct(TopicClient topics, int count) {
        return Await.until(count + " distinct items in " + TOPIC, TIMEOUT,
            () -> RestSourceHarness.ids(topics, TOPIC), ids -> new LinkedHashSet<>(ids).size() >= count);
    }

    /** Asserts nothing is lost and first occurrences are in order; returns (and logs) the number of duplicates. */
    private static int report(List<Long> ids, int expected) {
        Set<Long> distinct = new LinkedHashSet<>(ids);
        assertThat(new ArrayList<>(distinct)).as("every item, first occurrences in order")
            .containsExactlyElementsOf(TaskHarness.range(1, expected));
        int duplicates = ids.size() - distinct.size();
        LOG.info("{} records for {} items: {} duplicate(s)", ids.size(), expected, duplicates);
        return duplicates;
    }

    private static long elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
