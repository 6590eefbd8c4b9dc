package dev.spillway.connect.rest;

import static dev.spillway.testcluster.Jmx.spillwayMBeans;
import static dev.spillway.testcluster.Jmx.taskTags;
import static dev.spillway.testcluster.Jmx.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.ConnectorStatus;
import dev.spillway.testcluster.Jmx;
import dev.spillway.testcluster.TopicClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * The REST task's metrics on a real Kafka 3.9.2 worker, read the way an operator's tools read them: over remote
 * JMX on a loopback port. They move as data flows, the since lag is an hour while the task reads hour-old items and
 * close to zero once it has read fresh ones, a task restart re-registers the MBean rather than leaking one, and
 * deleting the connector leaves no Spillway MBean behind; a rebalance moves each task's MBean with the task.
 */
class RestSourceMetricsIT {

    private static final Logger LOG = LoggerFactory.getLogger(RestSourceMetricsIT.class);
    private static final String KAFKA = "3.9.2";
    private static final String CONNECTOR = "rest-metrics";
    private static final String TOPIC = "metrics.events";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final long HOUR = 3_600_000;
    private static final int BACKFILL = 1_000;
    private static final int PAGE = 50;

    private static final int JMX_PORT = Jmx.freeLoopbackPort();

    /** The class's worker, with remote JMX on a loopback port as an operator's tools would read it. */
    @RegisterExtension
    static final RestSourceHarness HARNESS = RestSourceHarness.cluster("rest-metrics", KAFKA)
        .with(builder -> builder.workerJvmOptions(Jmx.remoteJmxOptions(JMX_PORT)));

    @Test
    void metricsMoveWithTheDataAndLeaveNoMBeanBehind() throws Exception {
        long started = System.nanoTime();
        long hourAgo = System.currentTimeMillis() - HOUR;

        try (SampleApi api = SampleApi.start(0);
             JMXConnector jmx = Jmx.connect(JMX_PORT)) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName endpoint = new ObjectName("spillway:type=rest-source-task-metrics,connector=" + CONNECTOR
                + ",task=0,endpoint=events");
            api.appendUpdated(LongStream.rangeClosed(1, BACKFILL).map(i -> hourAgo + i).toArray());
            ConnectRestClient rest = HARNESS.rest();
            TopicClient topics = HARNESS.topics();
            rest.createConnector(CONNECTOR, connectorConfig(api));
            rest.awaitRunning(CONNECTOR, 1, TIMEOUT);

            // 1. A backfill of hour-old items: counts follow, the lag is an hour.
            topics.awaitRecords(TOPIC, BACKFILL, TIMEOUT);
            Await.until("items-total = " + BACKFILL, TIMEOUT, () -> value(mbeans, endpoint, "items-total"),
                items -> items == BACKFILL);
            double pages = value(mbeans, endpoint, "pages-total");
            assertThat(pages).as("pages of %s items", PAGE).isGreaterThanOrEqualTo(BACKFILL / PAGE);
            assertThat(value(mbeans, endpoint, "requests-total")).isGreaterThanOrEqualTo(pages);
            assertThat(value(mbeans, endpoint, "since-lag-ms")).as("an hour behind now")
                .isBetween(HOUR - BACKFILL - 1_000.0, HOUR + 120_000.0);
            assertThat(value(mbeans, endpoint, "last-success-timestamp-ms"))
                .isGreaterThan(System.currentTimeMillis() - 60_000.0);
            assertThat(value(mbeans, endpoint, "retries-http-5xx-total")).isZero();
            LOG.info("Backfill: {} pages, lag {} ms", pages, value(mbeans, endpoint, "since-lag-ms"));

            // 2. Faults are counted by cause; fresh items bring the lag down to about the poll interval.
            api.failNext(503);
            api.failNext(429, Map.of("Retry-After", "1"), "");
            long fresh = System.currentTimeMillis();
            api.appendUpdated(fresh, fresh, fresh);
            topics.awaitRecords(TOPIC, BACKFILL + 3, TIMEOUT);
            Await.until("items-total = " + (BACKFILL + 3), TIMEOUT, () -> value(mbeans, endpoint, "items-total"),
                items -> items == BACKFILL + 3);
            assertThat(value(mbeans, endpoint, "retries-http-5xx-total")).isEqualTo(1);
            assertThat(value(mbeans, endpoint, "retries-http-429-total")).isEqualTo(1);
            assertThat(value(mbeans, endpoint, "rate-limit-wait-ms-total")).isGreaterThanOrEqualTo(1_000);
            double caughtUp = value(mbeans, endpoint, "since-lag-ms");
            assertThat(caughtUp).as("lag once caught up").isBetween(0.0, 30_000.0);
            LOG.info("Caught up: lag {} ms", caughtUp);

            // 3. A task restart: the old task's MBean is unregistered on stop() and the new task's takes its name.
            rest.restartTask(CONNECTOR, 0);
            rest.awaitRunning(CONNECTOR, 1, TIMEOUT);
            Await.until("the restarted task's fresh counters", TIMEOUT,
                () -> mbeans.isRegistered(endpoint) ? value(mbeans, endpoint, "items-total") : -1.0,
                items -> items >= 0 && items < BACKFILL);
            assertThat(spillwayMBeans(mbeans)).containsExactly(endpoint);
            api.appendUpdated(System.currentTimeMillis());
            Await.until("the new task counts", TIMEOUT, () -> value(mbeans, endpoint, "items-total"),
                items -> items >= 1);

            // 4. Deleting the connector leaves nothing behind.
            rest.delete(CONNECTOR);
            Await.until("no spillway MBean left", TIMEOUT, () -> spillwayMBeans(mbeans).isEmpty());
            assertThat(HARNESS.workerLog()).doesNotContain("Could not register metric");
            LOG.info("RestSourceMetricsIT took {} ms", (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * A rebalance moves a task to a new worker: the worker that gave it up unregisters its MBean (the task's
     * stop()), the new one registers it, and each task has exactly one MBean in the cluster. Each worker's MBeans
     * are read through a local JMX agent started in it with the Attach API, so the workers need no ports of their own.
     * A cluster of its own: a second worker cannot share the class worker's fixed remote JMX port.
     */
    @Test
    void aRebalanceMovesEachTasksMBeanWithTheTask() throws Exception {
        try (SampleApi api = SampleApi.start(200);
             ConnectCluster cluster = HARNESS.start(builder -> builder.name("rest-metrics-rebalance"))) {
            ConnectRestClient rest = cluster.rest();
            Map<String, String> config = new HashMap<>(connectorConfig(api));
            config.put("tasks.max", "2");
            config.put("endpoints", "a=/cursor/items,b=/cursor/items");
            config.put("pagination.type", "cursor");
            config.put("pagination.cursor.pointer", "/next_cursor");
            config.put("topic.prefix", "rebalance.");
            rest.createConnector(CONNECTOR, config);
            rest.awaitRunning(CONNECTOR, 2, TIMEOUT);
            try (JMXConnector first = Jmx.attach(cluster.worker(0).pid().orElseThrow())) {
                MBeanServerConnection worker0 = first.getMBeanServerConnection();
                Await.until("both tasks' MBeans on worker-0", TIMEOUT,
                    () -> taskTags(spillwayMBeans(worker0)).equals(Set.of("0", "1")));

                cluster.addWorker();
                ConnectorStatus spread = rest.awaitSpread(CONNECTOR, 2, 2, TIMEOUT);
                try (JMXConnector second = Jmx.attach(cluster.worker(1).pid().orElseThrow())) {
                    MBeanServerConnection worker1 = second.getMBeanServerConnection();
                    Set<String> on0 = spread.taskIdsOn(cluster.worker(0).workerId());
                    Set<String> on1 = spread.taskIdsOn(cluster.worker(1).workerId());
                    LOG.info("After the rebalance: worker-0 runs tasks {}, worker-1 runs tasks {}", on0, on1);
                    Await.until("each task's MBean on its worker only", TIMEOUT,
                        () -> taskTags(spillwayMBeans(worker0)).equals(on0)
                            && taskTags(spillwayMBeans(worker1)).equals(on1));

                    rest.delete(CONNECTOR);
                    Await.until("no spillway MBean on either worker", TIMEOUT,
                        () -> spillwayMBeans(worker0).isEmpty() && spillwayMBeans(worker1).isEmpty());
                }
            }
        }
    }




    private static Map<String, String> connectorConfig(SampleApi api) {
        Map<String, String> config = RestSourceHarness.connectorConfig("metrics.");
        config.put("http.base.url", api.baseUrl().toString());
        config.put("endpoints", "events=/since/items");
        config.put("records.pointer", "/items");
        config.put("key.pointer", "/id");
        config.put("pagination.type", "since");
        config.put("pagination.since.pointer", "/updated");
        config.put("pagination.limit", String.valueOf(PAGE));
        config.put("poll.interval.ms", "300");
        config.put("http.retry.backoff.ms", "50");
        config.put("http.retry.backoff.max.ms", "200");
        return config;
    }





}
