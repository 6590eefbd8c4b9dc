package dev.spillway.connect.jdbc;

import static dev.spillway.testcluster.Jmx.spillwayMBeans;
import static dev.spillway.testcluster.Jmx.taskTags;
import static dev.spillway.testcluster.Jmx.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.ConnectorStatus;
import dev.spillway.testcluster.Jmx;
import dev.spillway.testcluster.KafkaVersions;
import dev.spillway.testcluster.TopicClient;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JDBC task's metrics on real workers of every tested Kafka version, read over remote JMX on a loopback port
 * while the task reads a PostgreSQL table in timestamp mode: {@code spillway:type=jdbc-source-task-metrics} on 3.9,
 * the worker's KIP-877 plugin metrics ({@code kafka.connect:type=plugins}) on 4.1+, with the same names.
 *
 * <p>The lag is made deterministic with the delay horizon: with {@code horizon.delay.ms} an hour, a backlog of
 * three-hour-old rows is read and rows newer than an hour wait, so the task stays over an hour behind however fast
 * it polls; with the delay set to 0 it reads the waiting rows and fresh ones, and the lag falls to about 0.
 */
class JdbcSourceMetricsIT {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSourceMetricsIT.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final long HOUR = 3_600_000;
    private static final int BACKLOG = 400;
    private static final int BATCH = 20;
    private static final int WAITING = 5;
    private static final int FRESH = 5;

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    static List<String> kafkaVersions() {
        return KafkaVersions.fromSystemProperty();
    }

    @ParameterizedTest(name = "Kafka {0}")
    @MethodSource("kafkaVersions")
    void metricsMoveWithTheRowsLagFallsWhenCaughtUpAndNoMBeanOutlivesItsTask(String kafkaVersion,
                                                                            @TempDir Path dir) throws Exception {
        long started = System.nanoTime();
        int jmxPort = Jmx.freeLoopbackPort();
        boolean pluginMetrics = !kafkaVersion.startsWith("3.");
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        String connector = "jdbc-metrics-" + ns;
        try (ConnectCluster cluster = startCluster("jdbc-metrics-", kafkaVersion, dir, Jmx.remoteJmxOptions(jmxPort));
             JMXConnector jmx = Jmx.connect(jmxPort)) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            String table = db.createEventsTable(ns, "events");
            // Three hours old, a millisecond apart; then rows of now, which the hour's delay holds back.
            db.execute("INSERT INTO " + table + " (name, updated) SELECT 'old-' || g, now() - interval '3 hours'"
                + " + g * interval '1 millisecond' FROM generate_series(1, " + BACKLOG + ") g");
            db.execute("INSERT INTO " + table + " (name) SELECT 'waiting-' || g FROM generate_series(1, "
                + WAITING + ") g");
            ConnectRestClient rest = cluster.rest();
            Map<String, String> config = connectorConfig(ns, HOUR);
            rest.createConnector(connector, config);
            rest.awaitRunning(connector, 1, TIMEOUT);
            TopicClient topics = cluster.topics();
            String topic = "pgm." + ns + ".events";

            ObjectName tableBean = taskBean(pluginMetrics, connector, "0", ",table=" + ns + ".events");
            ObjectName poolBean = taskBean(pluginMetrics, connector, "0", "");
            Await.until("the task's metrics registered", TIMEOUT,
                () -> mbeans.isRegistered(tableBean) && mbeans.isRegistered(poolBean));
            LOG.info("Kafka {}: JDBC task metrics at {} and {}", kafkaVersion, tableBean, poolBean);
            if (pluginMetrics) {
                assertThat(mbeans.queryNames(new ObjectName("spillway:type=jdbc-source-task-metrics,*"), null))
                    .as("one place only").isEmpty();
            }

            // 1. The backlog: counters follow the rows, the lag stays over an hour while rows wait behind it.
            topics.awaitRecords(topic, BACKLOG, TIMEOUT);
            Await.until("rows-total = " + BACKLOG, TIMEOUT, () -> value(mbeans, tableBean, "rows-total"),
                rows -> rows == BACKLOG);
            // The catch-up streams batches of BATCH rows through one cursor (up to 50 batches), so at least one
            // query, not one per batch.
            assertThat(value(mbeans, tableBean, "queries-total")).as("the backlog's streaming cursor")
                .isGreaterThanOrEqualTo(1);
            assertThat(value(mbeans, tableBean, "query-time-avg-ms")).isGreaterThanOrEqualTo(0);
            assertThat(value(mbeans, tableBean, "query-time-ms-total")).isGreaterThanOrEqualTo(0);
            assertThat(value(mbeans, tableBean, "retries-total")).isZero();
            assertThat(value(mbeans, tableBean, "horizon-wait-ms-total")).isGreaterThanOrEqualTo(0);
            double behind = value(mbeans, tableBean, "lag-ms");
            assertThat(behind).as("an hour's delay behind now, or three hours while in the backlog")
                .isBetween(HOUR - 1_000.0, 3 * HOUR + 600_000.0);
            double polled = value(mbeans, tableBean, "queries-total");
            Await.until("queries keep running", TIMEOUT, () -> value(mbeans, tableBean, "queries-total"),
                queries -> queries > polled);
            assertThat(value(mbeans, tableBean, "rows-total")).as("the waiting rows stay behind the horizon")
                .isEqualTo(BACKLOG);
            assertThat(value(mbeans, tableBean, "lag-ms")).isGreaterThan(HOUR - 1_000.0);

            // The task's pool: its one connection, nobody waiting.
            assertThat(value(mbeans, poolBean, "pool-max-connections")).isEqualTo(1);
            Await.until("the pool's one connection", TIMEOUT,
                () -> value(mbeans, poolBean, "pool-total-connections"), total -> total == 1);
            assertThat(value(mbeans, poolBean, "pool-active-connections")
                + value(mbeans, poolBean, "pool-idle-connections")).isEqualTo(1);
            assertThat(value(mbeans, poolBean, "pool-threads-waiting")).isZero();
            LOG.info("Backlog: {} queries, lag {} ms", value(mbeans, tableBean, "queries-total"),
                value(mbeans, tableBean, "lag-ms"));

            // 2. No delay (the worker restarts the task with it): the waiting rows and fresh ones come, the lag is
            // about 0. The restarted task's counters start again from 0.
            rest.putConnectorConfig(connector, connectorConfig(ns, 0));
            db.execute("INSERT INTO " + table + " (name) SELECT 'fresh-' || g FROM generate_series(1, "
                + FRESH + ") g");
            topics.awaitRecords(topic, BACKLOG + WAITING + FRESH, TIMEOUT);
            Await.until("the reconfigured task's rows-total = " + (WAITING + FRESH), TIMEOUT,
                () -> registeredValue(mbeans, tableBean, "rows-total"), rows -> rows == WAITING + FRESH);
            double caughtUp = Await.until("lag about 0 once caught up", TIMEOUT,
                () -> value(mbeans, tableBean, "lag-ms"), lag -> lag < 30_000);
            assertThat(caughtUp).isBetween(-5_000.0, 30_000.0);
            LOG.info("Caught up: lag {} ms", caughtUp);
            assertThat(spillwayMBeans(mbeans)).containsExactlyInAnyOrder(tableBean, poolBean);

            // 3. A task restart: the old task's MBeans go on stop(), the new task's take their names.
            rest.restartTask(connector, 0);
            rest.awaitRunning(connector, 1, TIMEOUT);
            Await.until("the restarted task's fresh counters", TIMEOUT,
                () -> registeredValue(mbeans, tableBean, "rows-total"), rows -> rows >= 0 && rows < WAITING + FRESH);
            assertThat(spillwayMBeans(mbeans)).containsExactlyInAnyOrder(tableBean, poolBean);
            db.execute("INSERT INTO " + table + " (name) VALUES ('after-restart')");
            Await.until("the new task counts", TIMEOUT, () -> value(mbeans, tableBean, "rows-total"),
                rows -> rows >= 1);

            // 4. Deleting the connector leaves nothing behind.
            rest.delete(connector);
            Await.until("no Spillway MBean left", TIMEOUT, () -> spillwayMBeans(mbeans).isEmpty());
            String log = Files.readString(cluster.logFiles().get("worker-0"));
            assertThat(log).doesNotContain("Could not register metric");
            LOG.info("JdbcSourceMetricsIT on Kafka {} took {} ms", kafkaVersion,
                (System.nanoTime() - started) / 1_000_000);
        } finally {
            db.dropNamespace(ns);
        }
    }

    /**
     * A rebalance moves a task to a new worker: the worker that gave it up unregisters its metrics (the task's
     * stop()), the new one registers them, and each task's metrics are on exactly one worker. Each worker is read
     * through a local JMX agent started in it with the Attach API, so the workers need no ports of their own.
     */
    @ParameterizedTest(name = "Kafka {0}")
    @MethodSource("kafkaVersions")
    void aRebalanceMovesEachTasksMetricsWithTheTask(String kafkaVersion, @TempDir Path dir) throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        String connector = "jdbc-rebalance-" + ns;
        try (ConnectCluster cluster = startCluster("jdbc-metrics-rebalance-", kafkaVersion, dir, List.of())) {
            db.createEventsTable(ns, "a");
            db.createEventsTable(ns, "b");
            ConnectRestClient rest = cluster.rest();
            Map<String, String> config = connectorConfig(ns, 0);
            config.put("tasks.max", "2");
            config.put("table.include.list", ns + "\\.(a|b)");
            rest.createConnector(connector, config);
            rest.awaitRunning(connector, 2, TIMEOUT);
            try (JMXConnector first = Jmx.attach(cluster.worker(0).pid().orElseThrow())) {
                MBeanServerConnection worker0 = first.getMBeanServerConnection();
                Await.until("both tasks' metrics on worker-0", TIMEOUT,
                    () -> taskTags(spillwayMBeans(worker0)).equals(Set.of("0", "1")));

                cluster.addWorker();
                ConnectorStatus spread = rest.awaitSpread(connector, 2, 2, TIMEOUT);
                try (JMXConnector second = Jmx.attach(cluster.worker(1).pid().orElseThrow())) {
                    MBeanServerConnection worker1 = second.getMBeanServerConnection();
                    Set<String> on0 = spread.taskIdsOn(cluster.worker(0).workerId());
                    Set<String> on1 = spread.taskIdsOn(cluster.worker(1).workerId());
                    LOG.info("Kafka {}, after the rebalance: worker-0 runs tasks {}, worker-1 runs tasks {}",
                        kafkaVersion, on0, on1);
                    // Per task: its table's metrics and its pool's.
                    Await.until("each task's metrics on its worker only", TIMEOUT,
                        () -> taskTags(spillwayMBeans(worker0)).equals(on0)
                            && taskTags(spillwayMBeans(worker1)).equals(on1)
                            && spillwayMBeans(worker0).size() == 2 * on0.size()
                            && spillwayMBeans(worker1).size() == 2 * on1.size());

                    rest.delete(connector);
                    Await.until("no Spillway MBean on either worker", TIMEOUT,
                        () -> spillwayMBeans(worker0).isEmpty() && spillwayMBeans(worker1).isEmpty());
                }
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    /** One worker of this version with the plugin built from this module. */
    private static ConnectCluster startCluster(String name, String kafkaVersion, Path dir, List<String> jvmOptions)
            throws Exception {
        Path plugins = dir.resolve("plugins");
        JdbcPluginDir.create(plugins);
        return LOGS.watch(ConnectCluster.builder()
            .name(name + kafkaVersion.replace('.', '-'))
            .kafkaVersion(kafkaVersion)
            .workers(1)
            .pluginPath(plugins)
            .workerJvmOptions(jvmOptions)
            .start());
    }

    private static Map<String, String> connectorConfig(String ns, long horizonDelayMs) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("connection.url", TestDatabase.POSTGRES.url);
        config.put("connection.user", TestDatabase.POSTGRES.user);
        config.put("mode", "timestamp");
        config.put("table.include.list", ns + "\\.events");
        config.put("timestamp.column.name", "updated");
        config.put("topic.prefix", "pgm.");
        config.put("poll.interval.ms", "300");
        config.put("batch.max.rows", String.valueOf(BATCH));
        // The shared database's other clients may hold transactions open: the delay horizon ignores them.
        config.put("horizon.mode", "delay");
        config.put("horizon.delay.ms", String.valueOf(horizonDelayMs));
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    /** Where the worker of this version puts a task's metrics with these extra tags ({@code ",table=.."}). */
    private static ObjectName taskBean(boolean pluginMetrics, String connector, String task, String tags)
            throws Exception {
        return new ObjectName((pluginMetrics ? "kafka.connect:type=plugins" : "spillway:type=jdbc-source-task-metrics")
            + ",connector=" + connector + ",task=" + task + tags);
    }








    /** The value, or -1 while the MBean is not registered (between a task's stop and its successor's start). */
    private static double registeredValue(MBeanServerConnection mbeans, ObjectName name, String attribute)
            throws Exception {
        return mbeans.isRegistered(name) ? value(mbeans, name, attribute) : -1.0;
    }
}
