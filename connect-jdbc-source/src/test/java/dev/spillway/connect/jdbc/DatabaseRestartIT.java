package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.ConnectorStatus;
import dev.spillway.testcluster.DatabaseServer;
import dev.spillway.testcluster.KafkaVersions;
import dev.spillway.testcluster.TopicClient;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real database server restarted under a running connector: a private PostgreSQL or MariaDB server of the test's
 * own (the shared ones must stay up), a real worker running two connectors on it (incrementing and
 * timestamp+incrementing) while a writer inserts rows with known ids. The server is stopped cleanly once and
 * killed with SIGKILL once, each time kept down for several retry backoffs and started again on the same port;
 * then it is stopped once more and a task is restarted while it is down. Every id must arrive, the tasks must
 * never fail and must be running again by themselves; the retries and duplicates seen are logged. Then the same
 * for the connector: restarted while the server is down, it must run on and start its tasks once it is back.
 */
class DatabaseRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRestartIT.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Longer than connection.timeout.ms plus several backoffs: the tasks must ride out more than one retry. */
    private static final Duration DOWN = Duration.ofSeconds(12);
    private static final Pattern ID = Pattern.compile("\"id\":([0-9]+)");
    private static final String RETRY_LOG = "transient database error, retrying";
    private static final List<String> MODES = List.of("incrementing", "timestamp+incrementing");
    private static final String START_OUTAGE_LOG = "cannot discover the tables at start";

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    /**
     * Each database once, spread over the versions (the first database on the first version, the next on the
     * next, wrapping): what a restart tests lives in the task, not the worker, and each case takes minutes.
     */
    static Stream<Arguments> databasesAndVersions() {
        List<String> versions = KafkaVersions.fromSystemProperty();
        DatabaseServer.Kind[] kinds = DatabaseServer.Kind.values();
        return java.util.stream.IntStream.range(0, kinds.length)
            .mapToObj(i -> Arguments.of(kinds[i], versions.get(i % versions.size())));
    }

    /**
     * The last of the versions only: the connector's restart lives in the connector, not the worker, and the
     * first case already ran PostgreSQL on the first version.
     */
    static Stream<String> lastKafkaVersion() {
        List<String> versions = KafkaVersions.fromSystemProperty();
        return Stream.of(versions.get(versions.size() - 1));
    }

    @ParameterizedTest(name = "{0} on Kafka {1}")
    @MethodSource("databasesAndVersions")
    void rowsSurviveAGracefulStopAndAKillOfTheDatabaseAndTheTasksRecoverByThemselves(DatabaseServer.Kind kind,
                                                                                    String kafka, @TempDir Path dir)
        throws Exception {
        TestDatabase dialect = kind == DatabaseServer.Kind.POSTGRESQL ? TestDatabase.POSTGRES : TestDatabase.MARIADB;
        try (DatabaseServer server = DatabaseServer.start(kind, Path.of("target", "db-servers"));
             ConnectCluster cluster = cluster("jdbc-db-restart", kafka, dir)) {
            String url = server.jdbcUrl(kind == DatabaseServer.Kind.POSTGRESQL ? "postgres" : "mysql");
            String ns = "restart_it";
            execute(server, url, (kind == DatabaseServer.Kind.POSTGRESQL ? "CREATE SCHEMA " : "CREATE DATABASE ") + ns);
            List<String> tables = List.of("inc", "tsinc");
            for (String table : tables) {
                execute(server, url, dialect.eventsTableDdl(ns, table).toArray(String[]::new));
            }
            ConnectRestClient rest = cluster.rest();
            for (int i = 0; i < tables.size(); i++) {
                rest.createConnector(tables.get(i), connectorConfig(server, url, ns, tables.get(i), MODES.get(i)));
                rest.awaitRunning(tables.get(i), 1, TIMEOUT);
            }
            StatusWatch watch = new StatusWatch(rest, tables);
            Writer writer = new Writer(server, url, dialect, ns, tables);
            TopicClient topics = cluster.topics();
            Path workerLog = cluster.worker(0).logFile();
            try {
                watch.start();
                writer.start();
                for (String table : tables) {
                    Await.until("rows flowing into " + table, TIMEOUT, () -> ids(topics, ns, table).size() >= 200);
                }
                outage("graceful stop", server::stop, server, writer, topics, ns, tables, workerLog, () -> { });
                outage("kill -9", server::kill, server, writer, topics, ns, tables, workerLog, () -> { });
                assertThat(watch.failures).as("task states seen FAILED (none may fail on a database outage)")
                    .isEmpty();
                for (String table : tables) {
                    assertThat(rest.status(table).isRunning(1)).as(table + " running with no manual restart")
                        .isTrue();
                }
                // A task (re)started while the database is down only retries until it is back.
                outage("task restarted while down", server::stop, server, writer, topics, ns, tables, workerLog,
                    () -> {
                        rest.restartTask(tables.get(0), 0);
                        rest.awaitRunning(tables.get(0), 1, TIMEOUT);
                    });
            } finally {
                writer.finish();
                watch.close();
            }
            int written = writer.confirmed.get();
            for (String table : tables) {
                List<Long> ids = Await.until("ids 1.." + written + " in " + table, TIMEOUT, () -> ids(topics, ns, table),
                    got -> new HashSet<>(got).size() >= written);
                Set<Long> distinct = new HashSet<>(ids);
                for (long id = 1; id <= written; id++) {
                    assertThat(distinct).as("id %d in %s", id, table).contains(id);
                }
                LOG.info("DatabaseRestartIT {} Kafka {} {}: {} rows written, {} records, {} duplicate(s)", kind,
                    kafka, table, written, ids.size(), ids.size() - distinct.size());
                assertThat(rest.status(table).isRunning(1)).as(table + " running").isTrue();
            }
            assertThat(watch.failures).as("task states seen FAILED").isEmpty();
            LOG.info("DatabaseRestartIT {} Kafka {}: writer retried {} batch(es) while the database was down",
                kind, kafka, writer.failures.get());
        }
    }

    /**
     * The connector itself (re)started while the database is down (as after a worker restart or a rebalance): it
     * must not fail but run with no tasks, find its tables once the database is back and start the tasks again,
     * which resume from the stored offsets. {@code table.poll.interval.ms=0}: the retry does not depend on it.
     */
    @ParameterizedTest(name = "PostgreSQL on Kafka {0}")
    @MethodSource("lastKafkaVersion")
    void aConnectorRestartedWhileTheDatabaseIsDownRunsAndResumesByItself(String kafka, @TempDir Path dir)
        throws Exception {
        DatabaseServer.Kind kind = DatabaseServer.Kind.POSTGRESQL;
        try (DatabaseServer server = DatabaseServer.start(kind, Path.of("target", "db-servers"));
             ConnectCluster cluster = cluster("jdbc-start-outage", kafka, dir)) {
            String url = server.jdbcUrl("postgres");
            String ns = "start_outage_it";
            String table = "inc";
            execute(server, url, "CREATE SCHEMA " + ns);
            execute(server, url, TestDatabase.POSTGRES.eventsTableDdl(ns, table).toArray(String[]::new));
            Map<String, String> config = connectorConfig(server, url, ns, table, "incrementing");
            config.put("table.poll.interval.ms", "0");
            // Trust authentication ignores it; it must appear in no log line.
            config.put("connection.password", "start-outage-secret");
            ConnectRestClient rest = cluster.rest();
            rest.createConnector(table, config);
            rest.awaitRunning(table, 1, TIMEOUT);
            StatusWatch watch = new StatusWatch(rest, List.of(table));
            Writer writer = new Writer(server, url, TestDatabase.POSTGRES, ns, List.of(table));
            TopicClient topics = cluster.topics();
            Path workerLog = cluster.worker(0).logFile();
            try {
                watch.start();
                writer.start();
                Await.until("rows flowing into " + table, TIMEOUT, () -> ids(topics, ns, table).size() >= 200);
                int writtenBefore = writer.confirmed.get();
                server.stop();
                LOG.info("database down with {} rows written; restarting the connector and its tasks",
                    writtenBefore);
                rest.restart(table, true, false);
                rest.awaitStatus(table, TIMEOUT, "connector RUNNING with no task while its tables are unknown",
                    status -> {
                        if (status.isFailed()) {
                            throw new AssertionError("connector failed on an outage:\n" + status.describe());
                        }
                        return status.isRunning() && status.tasks().isEmpty();
                    });
                Await.until("the discovery warning in the worker log", TIMEOUT,
                    () -> logLines(workerLog, START_OUTAGE_LOG) > 0);
                Await.pause(DOWN);
                assertThat(rest.status(table).isFailed()).as("connector failed while the database is down")
                    .isFalse();
                server.start();
                rest.awaitRunning(table, 1, TIMEOUT);
                Await.until("the writer past the outage", TIMEOUT,
                    () -> writer.confirmed.get() > writtenBefore + 200);
            } finally {
                if (!server.isRunning()) {
                    // Else the writer's timeout would hide the assertion that failed.
                    server.start();
                }
                writer.finish();
                watch.close();
            }
            int written = writer.confirmed.get();
            List<Long> ids = Await.until("ids 1.." + written + " in " + table, TIMEOUT, () -> ids(topics, ns, table),
                got -> new HashSet<>(got).size() >= written);
            Set<Long> distinct = new HashSet<>(ids);
            for (long id = 1; id <= written; id++) {
                assertThat(distinct).as("id %d", id).contains(id);
            }
            assertThat(ids.stream().filter(id -> id == 1L).count())
                .as("id 1 once: the new tasks resumed from the stored offsets, not from the start").isEqualTo(1);
            assertThat(watch.failures).as("states seen FAILED").isEmpty();
            assertThat(rest.status(table).isRunning(1)).as("running with no further restart").isTrue();
            assertThat(logLines(workerLog, START_OUTAGE_LOG)).as("discovery warnings").isEqualTo(1);
            assertThat(logLines(workerLog, "start-outage-secret")).as("log lines with the password").isZero();
            LOG.info("DatabaseRestartIT connector restart, Kafka {}: {} rows written, {} records, {} duplicate(s);"
                    + " discovery retries logged: {}", kafka, written, ids.size(), ids.size() - distinct.size(),
                logLines(workerLog, "table discovery retry"));
        }
    }

    private static ConnectCluster cluster(String name, String kafka, Path dir) throws IOException {
        return LOGS.watch(ConnectCluster.builder().name(name).kafkaVersion(kafka).workers(1)
            .pluginPath(JdbcPluginDir.create(dir.resolve("plugins"))).start());
    }

    private static long logLines(Path log, String text) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    /** Takes the server down, keeps it down, brings it back, and waits until every row written so far arrived. */
    private static void outage(String what, Runnable down, DatabaseServer server, Writer writer, TopicClient topics,
                               String ns, List<String> tables, Path workerLog, ThrowingRunnable whileDown)
        throws Exception {
        Map<String, Integer> retriesBefore = retries(workerLog, ns, tables);
        int writtenBefore = writer.confirmed.get();
        down.run();
        LOG.info("{}: database down with {} rows written", what, writtenBefore);
        whileDown.run();
        Await.pause(DOWN);
        server.start();
        // Rows written on both sides of the outage must arrive.
        Await.until("the writer past the outage", TIMEOUT, () -> writer.confirmed.get() > writtenBefore + 50);
        int written = writer.confirmed.get();
        for (String table : tables) {
            Await.until(what + ": ids up to " + written + " in " + table, TIMEOUT,
                () -> new HashSet<>(ids(topics, ns, table)).size() >= written);
        }
        Map<String, Integer> retriesAfter = retries(workerLog, ns, tables);
        for (String table : tables) {
            int retried = retriesAfter.get(table) - retriesBefore.get(table);
            LOG.info("{}: {} retried {} time(s) while the database was down", what, table, retried);
            assertThat(retried).as(what + ": retries logged by the " + table + " task").isPositive();
        }
    }

    private static Map<String, String> connectorConfig(DatabaseServer server, String url, String ns, String table,
                                                       String mode) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("connection.url", url);
        config.put("connection.user", server.user());
        config.put("mode", mode);
        config.put("incrementing.column.name", "id");
        config.put("timestamp.column.name", "updated");
        config.put("table.include.list", ns + "\\." + table);
        config.put("topic.prefix", "restart.");
        config.put("batch.max.rows", "20");
        config.put("poll.interval.ms", "100");
        config.put("table.poll.interval.ms", "3000");
        config.put("horizon.mode", "database");
        config.put("connection.timeout.ms", "2000");
        config.put("connection.backoff.ms", "250");
        config.put("connection.backoff.max.ms", "3000");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    private static List<Long> ids(TopicClient topics, String ns, String table) {
        String topic = "restart." + ns + "." + table;
        List<Long> ids = new ArrayList<>();
        if (!topics.listTopics().contains(topic)) {
            return ids;
        }
        for (String value : TopicClient.stringValues(topics.readAll(topic))) {
            Matcher matcher = ID.matcher(value);
            if (matcher.find()) {
                ids.add(Long.parseLong(matcher.group(1)));
            }
        }
        return ids;
    }

    /** How many retry warnings each table's task has logged so far. */
    private static Map<String, Integer> retries(Path workerLog, String ns, List<String> tables) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        tables.forEach(t -> counts.put(t, 0));
        try (Stream<String> lines = Files.lines(workerLog)) {
            lines.filter(line -> line.contains(RETRY_LOG)).forEach(line -> {
                for (String table : tables) {
                    if (line.contains(ns + "." + table + ": ")) {
                        counts.merge(table, 1, Integer::sum);
                    }
                }
            });
        }
        return counts;
    }

    private static void execute(DatabaseServer server, String url, String... sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, server.user(), "");
             Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * Inserts batches of rows with consecutive known ids into every table, one batch after the other. A batch that
     * fails (the database is down, or went down during the commit) is retried until it succeeds; the retry skips
     * ids that already exist, so an insert that did commit before its connection broke is not doubled.
     */
    private static final class Writer extends Thread {
        private static final int BATCH = 10;
        final AtomicInteger confirmed = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        private final AtomicBoolean writing = new AtomicBoolean(true);
        private final DatabaseServer server;
        private final String url;
        private final TestDatabase dialect;
        private final String ns;
        private final List<String> tables;
        private volatile Exception error;

        Writer(DatabaseServer server, String url, TestDatabase dialect, String ns, List<String> tables) {
            super("writer");
            setDaemon(true);
            this.server = server;
            this.url = url;
            this.dialect = dialect;
            this.ns = ns;
            this.tables = tables;
        }

        @Override
        public void run() {
            try {
                while (writing.get()) {
                    int from = confirmed.get() + 1;
                    insertUntilDone(from, from + BATCH - 1);
                    confirmed.set(from + BATCH - 1);
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                error = e;
            }
        }

        private void insertUntilDone(int from, int to) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                try (Connection connection = DriverManager.getConnection(url, server.user(), "");
                     Statement statement = connection.createStatement()) {
                    for (String table : tables) {
                        statement.execute(insert(ns + "." + table, from, to));
                    }
                    return;
                } catch (SQLException e) {
                    failures.incrementAndGet();
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("ids " + from + ".." + to + " not written for "
                            + TIMEOUT.toSeconds() + " s", e);
                    }
                    Thread.sleep(200);
                }
            }
        }

        private String insert(String table, int from, int to) {
            StringBuilder sql = new StringBuilder(dialect == TestDatabase.POSTGRES ? "INSERT INTO " : "INSERT IGNORE INTO ")
                .append(table).append(" (id, name) VALUES ");
            for (int id = from; id <= to; id++) {
                sql.append(id > from ? ", " : "").append('(').append(id).append(", 'r-").append(id).append("')");
            }
            return dialect == TestDatabase.POSTGRES ? sql.append(" ON CONFLICT (id) DO NOTHING").toString()
                : sql.toString();
        }

        void finish() throws Exception {
            writing.set(false);
            join(TIMEOUT.toMillis());
            if (error != null) {
                throw error;
            }
        }
    }

    /** Polls the connectors' status in the background and keeps every FAILED task state it sees. */
    private static final class StatusWatch extends Thread implements AutoCloseable {
        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        private final ConnectRestClient rest;
        private final List<String> connectors;
        private volatile boolean running = true;

        StatusWatch(ConnectRestClient rest, List<String> connectors) {
            super("status-watch");
            setDaemon(true);
            this.rest = rest;
            this.connectors = connectors;
        }

        @Override
        public void run() {
            while (running) {
                for (String connector : connectors) {
                    try {
                        ConnectorStatus status = rest.status(connector);
                        if (status.isFailed() || !status.failedTasks().isEmpty()) {
                            failures.add(status.describe());
                        }
                    } catch (RuntimeException e) {
                        // The REST API is busy or restarting: look again next time.
                    }
                }
                Await.pause(Duration.ofMillis(500));
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            join(TIMEOUT.toMillis());
        }
    }
}
