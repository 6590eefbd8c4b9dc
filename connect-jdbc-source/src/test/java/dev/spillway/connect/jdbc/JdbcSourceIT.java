package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.TopicClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connector in a real Kafka 3.9.2 worker with exactly-once source support, loaded from a plugin directory
 * built from this module's jar and its runtime dependencies (the two bundled drivers included), against the
 * loopback PostgreSQL and MariaDB. One cluster for the class.
 */
class JdbcSourceIT {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSourceIT.class);
    private static final String KAFKA = "3.9.2";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern NAME = Pattern.compile("\"name\":\"([^\"]*)\"");

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    private static Path plugins;
    private static ConnectCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        plugins = Files.createTempDirectory("jdbc-it-plugins");
        JdbcPluginDir.create(plugins.resolve("plugins"));
        cluster = LOGS.watch(ConnectCluster.builder()
            .name("jdbc-source")
            .kafkaVersion(KAFKA)
            .workers(1)
            .pluginPath(plugins.resolve("plugins"))
            .workerProperty("exactly.once.source.support", "enabled")
            .start());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void postgresTablesInTimestampIncrementingModeWithUpdatesAndANewTable() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            for (String table : List.of("orders", "customers", "items")) {
                db.createEventsTable(ns, table);
                insert(db, ns + "." + table, table + "-", 1, 300);
            }
            Map<String, String> config = connectorConfig(db, ns, "timestamp+incrementing");
            config.put("tasks.max", "2");
            config.put("exactly.once.support", "required");
            config.put("table.poll.interval.ms", "2000");
            ConnectRestClient rest = cluster.rest();
            rest.createConnector("pg-" + ns, config);
            rest.awaitRunning("pg-" + ns, 2, TIMEOUT);
            TopicClient topics = cluster.topics();
            for (String table : List.of("orders", "customers", "items")) {
                List<String> names = awaitDistinct(topics, "pg." + ns + "." + table, 300);
                assertThat(report(names)).as("duplicates with exactly-once").isZero();
            }

            // Updates move a row's timestamp forward: the row arrives again, with its new content.
            db.execute("UPDATE " + ns + ".orders SET name = 'orders-updated-' || id WHERE id <= 10");
            insert(db, ns + ".orders", "orders-", 301, 400);
            List<String> orders = awaitDistinct(topics, "pg." + ns + ".orders", 410);
            assertThat(orders).contains("orders-updated-1", "orders-updated-10", "orders-400");

            // A table created while running is found by the table check and read by a reconfigured task.
            db.createEventsTable(ns, "late_table");
            insert(db, ns + ".late_table", "late-", 1, 50);
            assertThat(awaitDistinct(topics, "pg." + ns + ".late_table", 50)).hasSize(50);

            // The key is the primary key.
            ConsumerRecord<byte[], byte[]> first = topics.readAll("pg." + ns + ".items", IsolationLevel.READ_COMMITTED)
                .get(0);
            assertThat(TopicClient.string(first.key())).isEqualTo("{\"id\":1}");
            rest.delete("pg-" + ns);
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void mariaDbIncrementingExactlyOnceAcrossATaskRestart() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        String ns = db.createNamespace();
        try {
            db.createEventsTable(ns, "events");
            insert(db, ns + ".events", "e-", 1, 2000);
            Map<String, String> config = connectorConfig(db, ns, "incrementing");
            config.put("exactly.once.support", "required");
            config.put("batch.max.rows", "100");
            ConnectRestClient rest = cluster.rest();
            String name = "maria-" + ns;
            rest.createConnector(name, config);
            rest.awaitRunning(name, 1, TIMEOUT);
            TopicClient topics = cluster.topics();
            String topic = "maria." + ns + ".events";
            Await.until("some records in " + topic, TIMEOUT, () -> topics.count(topic, IsolationLevel.READ_COMMITTED) > 100);
            rest.restartTask(name, 0);
            rest.awaitRunning(name, 1, TIMEOUT);
            insert(db, ns + ".events", "e-", 2001, 2500);
            List<String> names = awaitDistinct(topics, topic, 2500);
            assertThat(report(names)).as("duplicates under read_committed with exactly-once").isZero();
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 2500; i++) {
                expected.add("e-" + i);
            }
            assertThat(names).containsExactlyElementsOf(expected);
            rest.delete(name);
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void validateNamesTheKeyForBadPasswordUnknownTableAndBadUrl() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        String ns = db.createNamespace();
        try {
            db.createEventsTable(ns, "events");
            ConnectRestClient rest = cluster.rest();

            Map<String, String> unknown = connectorConfig(db, ns, "incrementing");
            unknown.put("table.include.list", ns + "\\.nope'; DROP TABLE " + ns + ".events; --");
            assertThat(errors(rest.validate(JdbcSourceConnector.class.getName(), unknown), "table.include.list"))
                .anySatisfy(m -> assertThat(m).contains("Matches no readable table").contains(ns + ".events"));

            Map<String, String> password = connectorConfig(db, ns, "incrementing");
            password.put("connection.password", "wrong-secret");
            assertThat(errors(rest.validate(JdbcSourceConnector.class.getName(), password), "connection.password"))
                .anySatisfy(m -> assertThat(m).contains("refused the login").doesNotContain("wrong-secret"));

            Map<String, String> url = connectorConfig(db, ns, "incrementing");
            url.put("connection.url", "jdbc:nosuchdb://127.0.0.1/x");
            assertThat(errors(rest.validate(JdbcSourceConnector.class.getName(), url), "connection.url"))
                .anySatisfy(m -> assertThat(m).contains("No JDBC driver"));

            // The table is untouched.
            db.execute("SELECT COUNT(*) FROM " + ns + ".events");
        } finally {
            db.dropNamespace(ns);
        }
    }

    /**
     * The nastiest values end to end through a worker and JsonConverter with schemas: NaN in a NOT NULL numeric
     * and infinity arrive as null with a header naming the column and holding the text, microsecond timestamps and
     * 24:00 as INT64 microseconds, money, a timetz offset and an array with a NULL as they are.
     */
    @Test
    void nastyValuesEndToEndThroughJsonConverter() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            db.execute("CREATE TABLE " + ns + ".nasty (id INT PRIMARY KEY, amount NUMERIC(10,2) NOT NULL,"
                    + " price MONEY, at TIMESTAMP(6), t TIME(6), ttz TIMETZ, a INT[])",
                "INSERT INTO " + ns + ".nasty VALUES (1, 'NaN', 1234.56, 'infinity', '24:00:00',"
                    + " '03:04:05.123456+05:30', '{1,NULL}'), (2, 1.5, 0, '2026-01-02 03:04:05.123456', '00:00:00.000001',"
                    + " '00:00:00-15:59', '{}')");
            Map<String, String> config = connectorConfig(db, ns, "bulk");
            config.put("value.converter.schemas.enable", "true");
            config.put("value.unrepresentable.action", "null");
            config.put("time.precision.mode", "microseconds");
            config.put("poll.interval.ms", "60000");
            ConnectRestClient rest = cluster.rest();
            String name = "nasty-" + ns;
            rest.createConnector(name, config);
            rest.awaitRunning(name, 1, TIMEOUT);
            TopicClient topics = cluster.topics();
            String topic = "pg." + ns + ".nasty";
            com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(topics.awaitRecords(topic, 2, TIMEOUT)
                .subList(0, 2));
            records.sort(java.util.Comparator.comparingInt(r -> {
                try {
                    return mapper.readTree(r.value()).get("payload").get("id").asInt();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
            JsonNode first = mapper.readTree(records.get(0).value());
            JsonNode row = first.get("payload");
            assertThat(row.get("amount").isNull()).isTrue();
            assertThat(row.get("at").isNull()).isTrue();
            assertThat(headerText(records.get(0), "spillway.unrepresentable.amount")).isEqualTo("NaN");
            assertThat(headerText(records.get(0), "spillway.unrepresentable.at")).isEqualTo("infinity");
            assertThat(row.get("price").asText()).isEqualTo("$1,234.56");
            assertThat(row.get("t").asLong()).isEqualTo(86_400_000_000L);
            assertThat(row.get("ttz").asText()).isEqualTo("03:04:05.123456+05:30");
            assertThat(row.get("a").toString()).isEqualTo("[1,null]");
            JsonNode fields = first.get("schema").get("fields");
            for (JsonNode field : fields) {
                if (field.get("field").asText().equals("amount")) {
                    assertThat(field.get("optional").asBoolean()).as("a NOT NULL column that may be nulled").isTrue();
                }
                if (field.get("field").asText().equals("at")) {
                    assertThat(field.get("name").asText()).isEqualTo("dev.spillway.time.MicroTimestamp");
                }
            }
            JsonNode second = mapper.readTree(records.get(1).value()).get("payload");
            assertThat(second.get("at").asLong()).isEqualTo(1_767_323_045_123_456L);
            assertThat(second.get("t").asLong()).isEqualTo(1L);
            assertThat(second.get("amount").asText()).isEqualTo("AJY="); // Decimal 1.50, scale 2, base64
            assertThat(records.get(1).headers().toArray()).isEmpty();
            rest.delete(name);
        } finally {
            db.dropNamespace(ns);
        }
    }

    private static String headerText(ConsumerRecord<byte[], byte[]> record, String key) {
        org.apache.kafka.common.header.Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> errors(JsonNode validation, String key) {
        List<String> messages = new ArrayList<>();
        for (JsonNode config : validation.get("configs")) {
            if (config.get("value").get("name").asText().equals(key)) {
                config.get("value").get("errors").forEach(e -> messages.add(e.asText()));
            }
        }
        return messages;
    }

    private static Map<String, String> connectorConfig(TestDatabase db, String ns, String mode) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("connection.url", db.url);
        config.put("connection.user", db.user);
        config.put("mode", mode);
        config.put("table.include.list", ns + "\\..*");
        config.put("incrementing.column.name", "id");
        config.put("timestamp.column.name", "updated");
        config.put("topic.prefix", db == TestDatabase.POSTGRES ? "pg." : "maria.");
        config.put("poll.interval.ms", "200");
        config.put("horizon.mode", "database");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    private static void insert(TestDatabase db, String table, String prefix, int from, int to) throws Exception {
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (name) VALUES ");
        for (int i = from; i <= to; i++) {
            sql.append(i > from ? ", " : "").append("('").append(prefix).append(i).append("')");
        }
        db.execute(sql.toString());
    }

    private static List<String> names(TopicClient topics, String topic) {
        List<String> names = new ArrayList<>();
        for (String value : TopicClient.stringValues(topics.readAll(topic, IsolationLevel.READ_COMMITTED))) {
            Matcher matcher = NAME.matcher(value);
            if (!matcher.find()) {
                throw new AssertionError("no name in " + value);
            }
            names.add(matcher.group(1));
        }
        return names;
    }

    private static List<String> awaitDistinct(TopicClient topics, String topic, int count) {
        return Await.until(count + " distinct rows in " + topic, TIMEOUT, () -> names(topics, topic),
            names -> new LinkedHashSet<>(names).size() >= count);
    }

    private static int report(List<String> names) {
        Set<String> distinct = new LinkedHashSet<>(names);
        int duplicates = names.size() - distinct.size();
        LOG.info("{} records for {} rows: {} duplicate(s)", names.size(), distinct.size(), duplicates);
        return duplicates;
    }
}
