package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.ConnectorStatus;
import dev.spillway.testcluster.KafkaVersions;
import dev.spillway.testcluster.TaskStatus;
import dev.spillway.testcluster.TopicClient;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Tables dropped under a real worker, on PostgreSQL and MariaDB, with a password inside connection.url that must
 * appear in no log line and no validate response: two tables, one dropped while rows flow, the other keeps flowing
 * and the task stays RUNNING with one WARN in the worker log ({@code table.poll.interval.ms=0}, so only the task
 * can notice); a custom query whose table is dropped fails its task with one line naming the table. One cluster
 * for the class, on the first of {@code spillway.it.kafka.versions}.
 */
class DroppedTableIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern NAME = Pattern.compile("\"name\":\"([^\"]*)\"");
    private static final String DROPPED_WARN = "the table was dropped";

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    private static ConnectCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        Path plugins = Files.createTempDirectory("jdbc-dropped-it-plugins");
        cluster = LOGS.watch(ConnectCluster.builder()
            .name("jdbc-dropped")
            .kafkaVersion(KafkaVersions.fromSystemProperty().get(0))
            .workers(1)
            .pluginPath(JdbcPluginDir.create(plugins.resolve("plugins")))
            .start());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aDroppedTableLeavesItsTaskRunningAndTheOtherTableFlowing(TestDatabase db) throws Exception {
        String ns = db.createNamespace();
        Secret secret = Secret.create(db, ns);
        try {
            db.createEventsTable(ns, "doomed");
            db.createEventsTable(ns, "kept");
            db.insertNames(ns + ".doomed", "doomed-", 1, 50);
            db.insertNames(ns + ".kept", "kept-", 1, 50);
            Map<String, String> config = connectorConfig(db, secret);
            config.put("mode", "incrementing");
            config.put("incrementing.column.name", "id");
            config.put("table.include.list", ns + "\\.(doomed|kept)");
            config.put("table.poll.interval.ms", "0");
            config.put("topic.prefix", "dropped.");
            ConnectRestClient rest = cluster.rest();
            JsonNode validation = rest.validate(JdbcSourceConnector.class.getName(), config);
            assertThat(validation.get("error_count").asInt()).as(validation.toString()).isZero();
            assertThat(validation.toString()).as("validate response").doesNotContain(secret.password)
                .contains("password=****");

            String name = "dropped-" + ns;
            rest.createConnector(name, config);
            rest.awaitRunning(name, 1, TIMEOUT);
            TopicClient topics = cluster.topics();
            awaitNames(topics, "dropped." + ns + ".doomed", 50);
            awaitNames(topics, "dropped." + ns + ".kept", 50);

            db.execute("DROP TABLE " + ns + ".doomed");
            db.insertNames(ns + ".kept", "kept-", 51, 100);
            assertThat(awaitNames(topics, "dropped." + ns + ".kept", 100)).contains("kept-51", "kept-100");
            Path log = cluster.worker(0).logFile();
            Await.until("the dropped-table WARN in the worker log", TIMEOUT,
                () -> lines(log, DROPPED_WARN, ns + ".doomed") > 0);
            // Still flowing after the WARN, with the task never failed.
            db.insertNames(ns + ".kept", "kept-", 101, 120);
            awaitNames(topics, "dropped." + ns + ".kept", 120);
            ConnectorStatus status = rest.status(name);
            assertThat(status.isRunning(1)).as(status.describe()).isTrue();
            assertThat(lines(log, DROPPED_WARN, ns + ".doomed")).as("dropped-table WARNs").isEqualTo(1);
            assertThat(lines(log, "Transient database error reading " + ns + ".doomed"))
                .as("retries of the dropped table").isZero();
            assertThat(lines(log, secret.password)).as("worker log lines with the password").isZero();
            rest.delete(name);
        } finally {
            secret.drop();
            db.dropNamespace(ns);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aCustomQueryWhoseTableIsDroppedFailsItsTaskNamingIt(TestDatabase db) throws Exception {
        String ns = db.createNamespace();
        Secret secret = Secret.create(db, ns);
        try {
            db.createEventsTable(ns, "queried");
            db.insertNames(ns + ".queried", "q-", 1, 20);
            Map<String, String> config = connectorConfig(db, secret);
            config.put("mode", "incrementing");
            config.put("incrementing.column.name", "id");
            config.put("query", "SELECT id, name FROM " + ns + ".queried WHERE name <> 'skip'");
            config.put("query.topic", "dropped-query-" + ns);
            config.put("key.mode", "none");
            ConnectRestClient rest = cluster.rest();
            String name = "dropped-query-" + ns;
            rest.createConnector(name, config);
            rest.awaitRunning(name, 1, TIMEOUT);
            TopicClient topics = cluster.topics();
            awaitNames(topics, "dropped-query-" + ns, 20);

            db.execute("DROP TABLE " + ns + ".queried");
            ConnectorStatus failed = rest.awaitStatus(name, TIMEOUT, "the query's task FAILED",
                s -> s.tasks().size() == 1 && s.tasks().get(0).isFailed());
            TaskStatus task = failed.tasks().get(0);
            String first = task.trace().lines().findFirst().orElse("");
            assertThat(first).contains("query reads a table or view that does not exist").contains("queried");
            assertThat(task.trace()).as("no driver stack under it").doesNotContain("Caused by");
            assertThat(task.trace()).doesNotContain(secret.password);
            assertThat(lines(cluster.worker(0).logFile(), secret.password)).as("worker log lines with the password")
                .isZero();
            rest.delete(name);
        } finally {
            secret.drop();
            db.dropNamespace(ns);
        }
    }

    /**
     * A distinctive password given in the URL: PostgreSQL's trust authentication ignores it; on MariaDB it is the
     * real password of a user made for the test.
     */
    private record Secret(TestDatabase db, String user, String password, String url) {

        static Secret create(TestDatabase db, String ns) throws Exception {
            String password = "Spw-Url-Secret-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
            if (db == TestDatabase.POSTGRES) {
                return new Secret(db, db.user, password, db.url + "?user=" + db.user + "&password=" + password);
            }
            String user = "spw_" + ns.substring(ns.length() - 8);
            db.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
                "GRANT SELECT ON " + ns + ".* TO '" + user + "'@'%'",
                "GRANT PROCESS ON *.* TO '" + user + "'@'%'");
            // The user may only see its namespace, so the URL names that database.
            String url = db.url.substring(0, db.url.lastIndexOf('/') + 1) + ns;
            return new Secret(db, user, password, url + "?user=" + user + "&password=" + password);
        }

        void drop() throws Exception {
            if (db == TestDatabase.MARIADB) {
                db.execute("DROP USER IF EXISTS '" + user + "'@'%'");
            }
        }
    }

    private static Map<String, String> connectorConfig(TestDatabase db, Secret secret) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("connection.url", secret.url);
        config.put("connection.user", secret.user);
        config.put("poll.interval.ms", "200");
        config.put("horizon.mode", "database");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    private static Set<String> awaitNames(TopicClient topics, String topic, int count) {
        return Await.until(count + " distinct rows in " + topic, TIMEOUT, () -> names(topics, topic),
            names -> names.size() >= count);
    }

    private static Set<String> names(TopicClient topics, String topic) {
        Set<String> names = new TreeSet<>();
        for (String value : TopicClient.stringValues(topics.readAll(topic, IsolationLevel.READ_UNCOMMITTED))) {
            Matcher matcher = NAME.matcher(value);
            if (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static long lines(Path log, String... parts) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> List.of(parts).stream().allMatch(line::contains)).count();
        }
    }
}
