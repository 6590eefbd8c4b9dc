package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The task's per-endpoint metrics, read back as the MBeans a 3.9 worker shows, against the loopback sample API:
 * counts that follow the requests and faults exactly, and nothing left registered after stop().
 */
class RestSourceTaskMetricsTest {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int PAGE = 50;

    @AutoClose
    private final SampleApi api = SampleApi.start(0);

    private Map<String, String> config(String connector, String type, Map<String, String> style) {
        Map<String, String> config = new HashMap<>(style);
        config.put("name", connector);
        config.put("http.base.url", api.baseUrl().toString());
        config.put("pagination.type", type);
        config.put("pagination.limit", String.valueOf(PAGE));
        config.put("key.pointer", "/id");
        config.put("poll.interval.ms", "50");
        config.put("http.retries", "10");
        config.put("http.retry.backoff.ms", "10");
        config.put("http.retry.backoff.max.ms", "20");
        config.put("http.read.timeout.ms", "1000");
        return config;
    }

    private static ObjectName mbean(String connector, String endpoint) throws Exception {
        // Outside a worker thread there is no logging context, so the task number is unknown.
        return new ObjectName("spillway:type=rest-source-task-metrics,connector=" + connector
            + ",task=unknown,endpoint=" + endpoint);
    }

    private static double value(ObjectName name, String attribute) throws Exception {
        return ((Number) SERVER.getAttribute(name, attribute)).doubleValue();
    }

    @Test
    void countsRequestsPagesItemsAndRetriesByCauseThenUnregistersOnStop() throws Exception {
        api.append(500);
        ObjectName name = mbean("metrics-faults", "items");
        Map<String, String> config = config("metrics-faults", "cursor", Map.of("endpoints", "items=/cursor/items",
            "records.pointer", "/items", "pagination.cursor.pointer", "/next_cursor"));
        try (TaskHarness harness = new TaskHarness(config)) {
            assertThat(value(name, "last-success-timestamp-ms")).isNaN();
            harness.pollRecords(2 * PAGE, TIMEOUT);
            api.failNext(500);
            api.failNext(429, Map.of("Retry-After", "1"), "{\"error\":\"slow down\"}");
            api.delayNext(2_500);
            // A connection the server closes before answering is retried by the JDK client itself; a truncated
            // body reaches the fetcher as an I/O error.
            api.truncateNext();
            List<SourceRecord> records = harness.pollRecords(500 - 2 * PAGE, TIMEOUT);
            assertThat(records).hasSize(500 - 2 * PAGE);

            assertThat(value(name, "items-total")).isEqualTo(500);
            assertThat(value(name, "pages-total")).isEqualTo(10);
            assertThat(value(name, "retries-http-5xx-total")).isEqualTo(1);
            assertThat(value(name, "retries-http-429-total")).isEqualTo(1);
            // A cold JVM's first response may be slow enough for a timeout of its own.
            double timeouts = value(name, "retries-timeout-total");
            assertThat(timeouts).isGreaterThanOrEqualTo(1);
            assertThat(value(name, "retries-io-total")).isEqualTo(1);
            assertThat(value(name, "retries-other-total")).isZero();
            assertThat(value(name, "requests-total")).as("one request per page and per retry")
                .isEqualTo(10 + 1 + 1 + timeouts + 1);
            assertThat(value(name, "rate-limit-wait-ms-total")).as("the Retry-After: 1 wait").isBetween(1000.0,
                5000.0);
            assertThat(value(name, "items-rate")).isPositive();
            assertThat(value(name, "last-success-timestamp-ms")).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000.0));
            assertThat(SERVER.isRegistered(name)).isTrue();
            assertThat(SERVER.getMBeanInfo(name).getAttributes()).extracting(a -> a.getName())
                .doesNotContain("since-lag-ms");
        }
        assertThat(SERVER.queryNames(new ObjectName("spillway:*,connector=metrics-faults"), null)).isEmpty();
    }

    @Test
    void sinceLagIsNowMinusTheWatermarkReached() throws Exception {
        long old = System.currentTimeMillis() - 3_600_000;
        api.appendUpdated(old, old + 1, old + 2);
        ObjectName name = mbean("metrics-since", "events");
        Map<String, String> config = config("metrics-since", "since", Map.of("endpoints", "events=/since/items",
            "records.pointer", "/items", "pagination.since.pointer", "/updated"));
        try (TaskHarness harness = new TaskHarness(config)) {
            assertThat(value(name, "since-lag-ms")).as("no watermark yet").isNaN();
            harness.pollRecords(3, TIMEOUT);
            assertThat(value(name, "since-lag-ms")).as("an hour behind").isBetween(3_590_000.0, 3_700_000.0);

            long fresh = System.currentTimeMillis();
            api.appendUpdated(fresh);
            harness.pollRecords(1, TIMEOUT);
            assertThat(value(name, "since-lag-ms")).as("caught up with a fresh item")
                .isBetween(0.0, (double) (System.currentTimeMillis() - fresh));
        }
        assertThat(SERVER.isRegistered(name)).isFalse();
    }

    @Test
    void aTaskThatFailsToStartLeavesNoMBean() throws Exception {
        Map<String, String> config = config("metrics-bad-offset", "cursor", Map.of("endpoints",
            "items=/cursor/items", "records.pointer", "/items", "pagination.cursor.pointer", "/next_cursor"));
        Map<Map<String, Object>, Map<String, Object>> stored =
            Map.of(Map.of("endpoint", "items"), Map.of("v", 1, "pagination", "page", "page", 3));
        try {
            new TaskHarness(config, stored).close();
        } catch (RuntimeException expected) {
            // a stored offset of another pagination type fails start()
        }
        assertThat(SERVER.queryNames(new ObjectName("spillway:*,connector=metrics-bad-offset"), null)).isEmpty();
    }
}
