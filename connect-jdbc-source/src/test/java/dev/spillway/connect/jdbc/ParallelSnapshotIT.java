package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.KafkaVersions;
import dev.spillway.testcluster.TopicClient;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One table of 20 000 rows over a composite, skewed (tenant text, n int) key, split into key ranges read by several
 * tasks of two exactly-once workers at once, while rows are inserted and updated, a transaction opened before the
 * plan commits late, another commits into a range already read, one worker is killed with SIGKILL mid-range and
 * tasks.max changes. Every row's final version must arrive, and under read_committed each snapshot row once.
 */
class ParallelSnapshotIT {

    private static final Logger LOG = LoggerFactory.getLogger(ParallelSnapshotIT.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern NAME = Pattern.compile("\"name\":\"([^\"]*)\"");
    private static final Pattern VERSION = Pattern.compile("\"v\":(\\d+)");

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    private static Path dir;
    private static ConnectCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        dir = Files.createTempDirectory("parallel-snapshot-it");
        cluster = LOGS.watch(ConnectCluster.builder()
            .name("jdbc-psnap")
            .kafkaVersion(KafkaVersions.fromSystemProperty().get(0))
            .workers(2)
            .pluginPath(JdbcPluginDir.create(dir.resolve("plugins")))
            .workerProperty("exactly.once.source.support", "enabled")
            .start());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void incrementingCatchUpSplitOverTasksLosesNothingAcrossLateCommitsAKillAndATasksMaxChange(TestDatabase db)
        throws Exception {
        String ns = db.createNamespace();
        String connector = "psnap-inc-" + ns;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = null;
        try (Connection early = db.connect(); Connection late = db.connect()) {
            String table = createAndFill(db, ns);
            // Open before the plan: the plan's high-water mark must wait for it.
            early.setAutoCommit(false);
            try (Statement s = early.createStatement()) {
                s.execute("INSERT INTO " + table + " (tenant, n, name) VALUES ('b', 500000, 'early')");
            }
            ConnectRestClient rest = cluster.rest();
            rest.createConnector(connector, config(db, ns, "incrementing", 3));
            Thread.sleep(2_000);
            early.commit();
            rest.awaitRunning(connector, 3, TIMEOUT);
            TopicClient topics = cluster.topics();
            String topic = "k." + ns + ".big";

            writer = writer(db, table, writing, written);
            writer.start();
            Await.until("some of the snapshot read", TIMEOUT, () -> count(topics, topic) > 1_500);
            // Fewer tasks mid-snapshot: the ranges left are spread over two tasks, each resuming at its offset.
            rest.putConnectorConfig(connector, config(db, ns, "incrementing", 2));
            // Opened now: its id is above the mark; it commits into the key space of a range read by then.
            late.setAutoCommit(false);
            try (Statement s = late.createStatement()) {
                s.execute("INSERT INTO " + table + " (tenant, n, name) VALUES ('a', 8000000, 'late')");
            }
            Await.until("more of the snapshot read", TIMEOUT, () -> count(topics, topic) > 4_000);
            cluster.worker(1).kill();
            LOG.info("Killed worker 1 with {} records in {}", count(topics, topic), topic);
            cluster.worker(1).start();
            late.commit();
            Thread.sleep(1_000);
            writing.set(false);
            writer.join();

            Set<String> expected = expectedNames(written.get());
            expected.add("early");
            expected.add("late");
            List<String> names = Await.until(expected.size() + " distinct rows in " + topic, TIMEOUT,
                () -> values(topics, topic, NAME), got -> new HashSet<>(got).containsAll(expected));
            assertThat(new HashSet<>(names)).containsAll(expected);
            assertThat(names).as("records under read_committed with exactly-once").doesNotHaveDuplicates();
            String offsets = rest.offsets(connector).toString();
            assertThat(offsets).contains("\"range\":\"0\"").contains("\"done\":true");
            LOG.info("ParallelSnapshotIT {}: {} rows read once each", db, names.size());
        } finally {
            writing.set(false);
            if (writer != null) {
                writer.join();
            }
            deleteQuietly(connector);
            db.dropNamespace(ns);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void timestampCatchUpSplitDeliversEveryRowsFinalVersionThroughUpdatesInsertsAndDeletes(TestDatabase db) throws Exception {
        String ns = db.createNamespace();
        String connector = "psnap-ts-" + ns;
        try {
            String table = createAndFill(db, ns);
            ConnectRestClient rest = cluster.rest();
            rest.createConnector(connector, config(db, ns, "timestamp+incrementing", 3));
            rest.awaitRunning(connector, 3, TIMEOUT);
            TopicClient topics = cluster.topics();
            String topic = "k." + ns + ".big";
            Await.until("some of the snapshot read", TIMEOUT, () -> count(topics, topic) > 2_000);
            // Updates in every range, read or not yet; inserts inside the key space; deletes of other rows (a
            // deleted row may have arrived before it went, and every row still there must arrive).
            for (int round = 0; round < 5; round++) {
                db.execute("UPDATE " + table + " SET v = v + 1 WHERE MOD(n, 97) = " + round,
                    "INSERT INTO " + table + " (tenant, n, name) VALUES ('b', " + (600000 + round) + ", 'ins-"
                        + round + "')",
                    "DELETE FROM " + table + " WHERE MOD(n, 89) = " + (40 + round) + " AND MOD(n, 97) >= 5");
                Thread.sleep(300);
            }
            Set<String> expected = expectedNames(0);
            expected.removeIf(name -> {
                int n = Integer.parseInt(name.substring(name.indexOf('-') + 1));
                return n % 89 >= 40 && n % 89 < 45 && n % 97 >= 5;
            });
            for (int round = 0; round < 5; round++) {
                expected.add("ins-" + round);
            }
            Map<String, Integer> finalVersions = new HashMap<>();
            Await.until("every row's final version in " + topic, TIMEOUT, () -> {
                finalVersions.clear();
                List<String> raw = TopicClient.stringValues(topics.readAll(topic, IsolationLevel.READ_COMMITTED));
                for (String value : raw) {
                    Matcher name = NAME.matcher(value);
                    Matcher version = VERSION.matcher(value);
                    if (name.find() && version.find()) {
                        finalVersions.merge(name.group(1), Integer.parseInt(version.group(1)), Math::max);
                    }
                }
                return finalVersions;
            }, got -> got.keySet().containsAll(expected) && updatedAll(got));
            assertThat(finalVersions.keySet()).containsAll(expected);
            assertThat(updatedAll(finalVersions)).isTrue();
        } finally {
            deleteQuietly(connector);
            db.dropNamespace(ns);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void bulkPassSplitOverTasksIsOneTransactionPerRangeAndHasEveryRowOnce(TestDatabase db) throws Exception {
        String ns = db.createNamespace();
        String connector = "psnap-bulk-" + ns;
        try {
            createAndFill(db, ns);
            Map<String, String> config = config(db, ns, "bulk", 3);
            config.put("transaction.boundary", "connector");
            // One pass within the test.
            config.put("poll.interval.ms", "600000");
            ConnectRestClient rest = cluster.rest();
            rest.createConnector(connector, config);
            rest.awaitRunning(connector, 3, TIMEOUT);
            TopicClient topics = cluster.topics();
            String topic = "k." + ns + ".big";
            Set<String> expected = expectedNames(0);
            List<String> names = Await.until(expected.size() + " rows in " + topic, TIMEOUT,
                () -> values(topics, topic, NAME), got -> new HashSet<>(got).containsAll(expected));
            assertThat(names).as("one pass under read_committed").doesNotHaveDuplicates();
            assertThat(rest.offsets(connector).toString()).contains("\"range\":\"11\"").contains("\"snapshot\":1");
        } finally {
            deleteQuietly(connector);
            db.dropNamespace(ns);
        }
    }

    /** Rows with MOD(n, 97) < 5 were updated once: their version 2 must have arrived. */
    private static boolean updatedAll(Map<String, Integer> versions) {
        for (Map.Entry<String, Integer> entry : versions.entrySet()) {
            String name = entry.getKey();
            int dash = name.indexOf('-');
            if (dash == 1) {
                int n = Integer.parseInt(name.substring(2));
                if (n % 97 < 5 && entry.getValue() < 2) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String createAndFill(TestDatabase db, String ns) throws Exception {
        String table = ns + ".big";
        if (db == TestDatabase.POSTGRES) {
            db.execute("CREATE TABLE " + table + " (tenant TEXT NOT NULL, n INT NOT NULL, seq BIGSERIAL UNIQUE,"
                    + " name TEXT NOT NULL, v INT NOT NULL DEFAULT 1, updated TIMESTAMPTZ NOT NULL DEFAULT now(),"
                    + " PRIMARY KEY (tenant, n))",
                "CREATE OR REPLACE FUNCTION " + ns + ".touch() RETURNS trigger AS $$ BEGIN NEW.updated = now();"
                    + " RETURN NEW; END $$ LANGUAGE plpgsql",
                "CREATE TRIGGER touch BEFORE UPDATE ON " + table + " FOR EACH ROW EXECUTE FUNCTION " + ns
                    + ".touch()");
            for (String[] tenant : TENANTS) {
                db.execute("INSERT INTO " + table + " (tenant, n, name) SELECT '" + tenant[0] + "', g, '"
                    + tenant[0] + "-' || g FROM generate_series(1, " + tenant[1] + ") g");
            }
            db.execute("ANALYZE " + table);
        } else {
            db.execute("CREATE TABLE " + table + " (tenant VARCHAR(20) NOT NULL, n INT NOT NULL,"
                + " seq BIGINT NOT NULL AUTO_INCREMENT UNIQUE, name VARCHAR(100) NOT NULL, v INT NOT NULL DEFAULT 1,"
                + " updated DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),"
                + " PRIMARY KEY (tenant, n)) ENGINE=InnoDB");
            for (String[] tenant : TENANTS) {
                db.execute("SET SESSION max_recursive_iterations = 100000", "INSERT INTO " + table
                    + " (tenant, n, name) WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < "
                    + tenant[1] + ") SELECT '" + tenant[0] + "', g, CONCAT('" + tenant[0] + "-', g) FROM s");
            }
            db.execute("ANALYZE TABLE " + table);
        }
        return table;
    }

    /** Skewed: most rows under one tenant. */
    private static final String[][] TENANTS = {{"a", "16000"}, {"b", "2000"}, {"c", "2000"}};

    private static Set<String> expectedNames(int written) {
        Set<String> names = new HashSet<>();
        for (String[] tenant : TENANTS) {
            for (int i = 1; i <= Integer.parseInt(tenant[1]); i++) {
                names.add(tenant[0] + "-" + i);
            }
        }
        for (int i = 1; i <= written; i++) {
            names.add("w-" + i);
        }
        return names;
    }

    /** Inserts rows into the middle of the key space (tenant 'a', beyond its first 16 000) while it runs. */
    private static Thread writer(TestDatabase db, String table, AtomicBoolean writing, AtomicInteger written) {
        return new Thread(() -> {
            try {
                while (writing.get()) {
                    StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (tenant, n, name) VALUES ");
                    for (int i = 0; i < 20; i++) {
                        int next = written.get() + i + 1;
                        sql.append(i > 0 ? ", " : "").append("('a', ").append(100000 + next).append(", 'w-")
                            .append(next).append("')");
                    }
                    db.execute(sql.toString());
                    written.addAndGet(20);
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "writer");
    }

    private static Map<String, String> config(TestDatabase db, String ns, String mode, int tasks) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSourceConnector.class.getName());
        config.put("tasks.max", String.valueOf(tasks));
        config.put("exactly.once.support", "required");
        config.put("connection.url", db.url);
        config.put("connection.user", db.user);
        config.put("mode", mode);
        config.put("incrementing.column.name", "seq");
        config.put("timestamp.column.name", "updated");
        config.put("table.include.list", ns + "\\.big");
        config.put("topic.prefix", "k.");
        config.put("batch.max.rows", "50");
        config.put("poll.interval.ms", "100");
        config.put("horizon.mode", "database");
        config.put("snapshot.split.min.rows", "2000");
        config.put("snapshot.split.max.ranges", "12");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    private static void deleteQuietly(String connector) {
        try {
            cluster.rest().delete(connector);
        } catch (RuntimeException e) {
            LOG.debug("Deleting {} failed", connector, e);
        }
    }

    private static int count(TopicClient topics, String topic) {
        return topics.listTopics().contains(topic) ? topics.count(topic, IsolationLevel.READ_COMMITTED) : 0;
    }

    private static List<String> values(TopicClient topics, String topic, Pattern field) {
        List<String> found = new ArrayList<>();
        if (!topics.listTopics().contains(topic)) {
            return found;
        }
        for (String value : TopicClient.stringValues(topics.readAll(topic, IsolationLevel.READ_COMMITTED))) {
            Matcher matcher = field.matcher(value);
            if (matcher.find()) {
                found.add(matcher.group(1));
            }
        }
        return found;
    }
}
