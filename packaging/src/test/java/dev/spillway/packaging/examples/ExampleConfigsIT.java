package dev.spillway.packaging.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.spillway.packaging.PluginZip;
import dev.spillway.packaging.examples.DocConfigBlocks.Block;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.KafkaDistribution;
import dev.spillway.testcluster.KafkaVersions;
import dev.spillway.testcluster.PluginPaths;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every connector configuration users copy passes a real worker's {@code PUT /connector-plugins/{class}/config/
 * validate} with no error: each {@code *.json} in the zip's {@code etc/} (the monitoring dashboard aside) and each
 * connector-config block in {@code docs/} (see {@link DocConfigBlocks} for what counts and how fragments are made
 * whole). One worker on the newest tested Kafka version, with the zip and Kafka's file connectors.
 *
 * <p>The JDBC examples name a placeholder database: the schema (PostgreSQL) or database (MariaDB) {@code shop} on
 * a host users fill in. Here their {@code connection.url}, {@code connection.user} and {@code connection.password}
 * point at the loopback test databases, and {@code shop} in {@code table.include.list} and {@code query} at a
 * unique schema/database with the tables the examples read ({@code orders}, {@code customers}, {@code
 * audit_log}), so validate connects, matches the tables and runs the query as it would for a user. Nothing else is
 * changed; config provider references ({@code ${file:...}}) stay as they are.
 */
class ExampleConfigsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";
    private static final String SHOP = "shop_examples_" + Long.toHexString(System.nanoTime() & 0xffffffffL);

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    @TempDir
    static Path dir;

    private static ConnectCluster cluster;
    private static PluginZip zip;

    @BeforeAll
    static void startWorkerAndCreateShop() throws Exception {
        List<String> versions = KafkaVersions.fromSystemProperty();
        String kafkaVersion = versions.get(versions.size() - 1);
        zip = PluginZip.fromSystemProperty();
        Path pluginPath = dir.resolve("plugins");
        PluginPaths.unzip(zip.path(), pluginPath);
        PluginPaths.copyPluginDir(KafkaDistribution.resolve(kafkaVersion).connectFilePluginDir(), pluginPath);
        sql(POSTGRES_URL, "postgres", "CREATE SCHEMA " + SHOP,
                "CREATE TABLE " + SHOP + ".customers (id BIGSERIAL PRIMARY KEY, region TEXT,"
                        + " updated_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                "CREATE TABLE " + SHOP + ".orders (id BIGSERIAL PRIMARY KEY, customer_id BIGINT, status TEXT,"
                        + " total NUMERIC(12,2), updated_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                "CREATE TABLE " + SHOP + ".audit_log (id BIGSERIAL PRIMARY KEY, entry TEXT)");
        String datetime = "DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)";
        sql(MARIADB_URL, "root", "CREATE DATABASE " + SHOP,
                "CREATE TABLE " + SHOP + ".customers (id BIGINT AUTO_INCREMENT PRIMARY KEY, region VARCHAR(40),"
                        + " updated_at " + datetime + ")",
                "CREATE TABLE " + SHOP + ".orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id BIGINT,"
                        + " status VARCHAR(20), total DECIMAL(12,2), updated_at " + datetime + ")",
                "CREATE TABLE " + SHOP + ".audit_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, entry TEXT)");
        cluster = LOGS.watch(ConnectCluster.builder()
                .name("example-configs")
                .kafkaVersion(kafkaVersion)
                .workers(1)
                .pluginPath(pluginPath)
                .start());
    }

    @AfterAll
    static void stopWorkerAndDropShop() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            sql(POSTGRES_URL, "postgres", "DROP SCHEMA IF EXISTS " + SHOP + " CASCADE");
            sql(MARIADB_URL, "root", "DROP DATABASE IF EXISTS " + SHOP);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleInEtcValidates() throws Exception {
        List<String> examples = zip.entries().stream()
                .filter(e -> e.matches("[^/]+/etc/.+\\.json") && !e.contains("/etc/monitoring/")).toList();
        assertThat(examples).as("examples in etc/").hasSizeGreaterThanOrEqualTo(14)
                .anyMatch(e -> e.endsWith("/etc/jdbc/mariadb-query.json"));
        List<DynamicTest> tests = new ArrayList<>();
        for (String example : examples) {
            Map<String, String> config = JSON.readValue(zip.read(example), new TypeReference<>() { });
            tests.add(DynamicTest.dynamicTest(example.substring(example.indexOf("/etc/") + 1),
                    () -> assertValid(example, config)));
        }
        tests.add(DynamicTest.dynamicTest("etc/deploy/strimzi-kafka-connect.yaml (KafkaConnector)", () -> {
            Map<String, String> config = strimziConnectorConfig(zip.read("/etc/deploy/strimzi-kafka-connect.yaml"));
            assertValid("the KafkaConnector of strimzi-kafka-connect.yaml", config);
        }));
        return tests.stream();
    }

    /** The JDBC examples cover every mode on both databases. */
    @TestFactory
    Stream<DynamicTest> jdbcExamplesCoverEveryModeAndDatabase() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String database : List.of("postgresql", "mariadb")) {
            for (String mode : List.of("bulk", "incrementing", "timestamp", "timestamp-incrementing", "query")) {
                String name = "etc/jdbc/" + database + "-" + mode + ".json";
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Map<String, String> config = JSON.readValue(zip.read("/" + name), new TypeReference<>() { });
                    assertThat(config.get("connection.url")).startsWith("jdbc:" + database + ":");
                    if (mode.equals("query")) {
                        assertThat(config.get("query")).startsWith("SELECT");
                    } else {
                        assertThat(config.get("mode")).isEqualTo(mode.replace('-', '+'));
                        assertThat(config).doesNotContainKey("query");
                    }
                }));
            }
        }
        return tests.stream();
    }

    /**
     * The check has teeth: the same examples, broken as a stale copy would be, fail on the worker (so the database
     * was reached, the tables matched and the query run).
     */
    @TestFactory
    Stream<DynamicTest> aStaleJdbcExampleFails() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String database : List.of("postgresql", "mariadb")) {
            tests.add(DynamicTest.dynamicTest(database + ": a table that is not there", () -> assertInvalid(
                    database + "-timestamp.json", "table.include.list", "shop\\.no_such_table")));
            tests.add(DynamicTest.dynamicTest(database + ": a query on a column that is not there",
                    () -> assertInvalid(database + "-query.json", "query",
                            "SELECT o.id, o.no_such_column, o.updated_at FROM shop.orders o")));
        }
        return tests.stream();
    }

    private static void assertInvalid(String example, String key, String value) throws Exception {
        Map<String, String> config = new LinkedHashMap<>(JSON.readValue(zip.read("/etc/jdbc/" + example),
                new TypeReference<Map<String, String>>() { }));
        config.put(key, value);
        Map<String, String> pointed = pointJdbcAtTheTestDatabases(config);
        JsonNode result = cluster.rest().validate(pointed.get("connector.class"), pointed);
        assertThat(errors(result)).as("validate errors of %s with %s=%s", example, key, value)
                .anyMatch(error -> error.startsWith(key + ": "));
    }

    @TestFactory
    Stream<DynamicTest> everyConnectorConfigInTheDocsValidates() {
        Path docs = Path.of(System.getProperty("spillway.repo.root"), "docs");
        List<Block> blocks = DocConfigBlocks.under(docs);
        assertThat(blocks).hasSizeGreaterThan(10);
        return blocks.stream().map(block -> DynamicTest.dynamicTest("docs/" + block.where(),
                () -> assertValid("docs/" + block.where(), block.config())));
    }

    /** The Connect config a Strimzi KafkaConnector resource stands for: spec.class, spec.tasksMax, spec.config. */
    private static Map<String, String> strimziConnectorConfig(String yaml) throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        try (var documents = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            for (JsonNode document : documents.readAll()) {
                if (document.get("kind").asText().equals("KafkaConnector")) {
                    JsonNode spec = document.get("spec");
                    config.put("connector.class", spec.get("class").asText());
                    config.put("tasks.max", spec.get("tasksMax").asText());
                    spec.get("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
                }
            }
        }
        assertThat(config).as("a KafkaConnector in the Strimzi recipe").isNotEmpty();
        return config;
    }

    private static void assertValid(String where, Map<String, String> example) {
        Map<String, String> config = pointJdbcAtTheTestDatabases(example);
        JsonNode result = cluster.rest().validate(config.get("connector.class"), config);
        assertThat(errors(result)).as("validate errors of %s", where).isEmpty();
        assertThat(result.get("error_count").asInt()).as("error_count of %s", where).isZero();
    }

    static Map<String, String> pointJdbcAtTheTestDatabases(Map<String, String> example) {
        String url = example.get("connection.url");
        if (url == null || !"dev.spillway.connect.jdbc.JdbcSourceConnector".equals(example.get("connector.class"))) {
            return example;
        }
        Map<String, String> config = new LinkedHashMap<>(example);
        boolean postgres = url.startsWith("jdbc:postgresql:");
        config.put("connection.url", postgres ? POSTGRES_URL : "jdbc:mariadb://127.0.0.1:3306/" + SHOP);
        config.put("connection.user", postgres ? "postgres" : "root");
        config.put("connection.password", "");
        for (String key : List.of("table.include.list", "query")) {
            if (config.containsKey(key)) {
                config.put(key, config.get(key).replace("shop\\.", SHOP + "\\.").replace("shop.", SHOP + "."));
            }
        }
        return config;
    }

    /** {@code key: error} for every value with errors, short enough to read in a failure message. */
    private static List<String> errors(JsonNode result) {
        List<String> errors = new ArrayList<>();
        for (JsonNode config : result.get("configs")) {
            JsonNode value = config.get("value");
            value.get("errors").forEach(e -> errors.add(value.get("name").asText() + ": " + e.asText()));
        }
        return errors;
    }

    private static void sql(String url, String user, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            for (String s : statements) {
                statement.execute(s);
            }
        }
    }
}
