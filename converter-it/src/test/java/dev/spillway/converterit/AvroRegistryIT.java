package dev.spillway.converterit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.KafkaDistribution;
import dev.spillway.testcluster.KafkaVersions;
import dev.spillway.testcluster.PluginPaths;
import dev.spillway.testcluster.SchemaRegistryServer;
import io.apicurio.registry.utils.converter.AvroConverter;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped JDBC source in a stock worker writing Avro through Apicurio's {@code AvroConverter} to a real
 * Apicurio Registry (module {@code schema-registry}), with the registry's global compatibility rule set to
 * BACKWARD (Confluent's default; Apicurio has none): every column type comes back equal when the records are
 * decoded with the same converter, the registry holds Avro schemas under the row's full name, and a column added
 * to the table becomes a second, BACKWARD-compatible version of the same artifact.
 */
class AvroRegistryIT {

    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String PG_USER = "postgres";
    /** A dash, illegal in an Avro name: the topic keeps it, the schema name must not. */
    private static final String TABLE = "order-lines";
    /** What the JDBC source names it: illegal characters replaced, plus 8 hex digits of the name's SHA-256. */
    private static final String AVRO_TABLE = "order_lines_" + sha256Prefix(TABLE);
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LABEL = "Grüße, 東京 ✓";
    private static final Instant AT = Instant.parse("2026-11-30T22:15:30.123Z");

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    private static SchemaRegistryServer registry;

    static List<String> kafkaVersions() {
        return KafkaVersions.fromSystemProperty();
    }

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = LOGS.watch(SchemaRegistryServer.start(SchemaRegistryServer.jarFromSystemProperty(),
                ConnectCluster.defaultWorkDir("schema-registry")));
        HttpResponse<String> rule = registry.send("POST", "/apis/registry/v2/admin/rules",
                "{\"type\":\"COMPATIBILITY\",\"config\":\"BACKWARD\"}");
        assertThat(rule.statusCode()).as("global rule: %s", rule.body()).isBetween(200, 299);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @ParameterizedTest(name = "Kafka {0}")
    @MethodSource("kafkaVersions")
    void jdbcRowsGoThroughTheRegistryAndEvolveUnderBackward(String kafkaVersion, @TempDir Path dir)
            throws Exception {
        String ns = "reg_" + kafkaVersion.replace('.', '_') + "_" + Long.toHexString(ThreadLocalRandom.current()
                .nextLong() & 0xffffffffL);
        String table = ns + ".\"" + TABLE + "\"";
        Path plugins = dir.resolve("plugins");
        PluginPaths.unzip(Path.of(System.getProperty("spillway.zip")), plugins);
        PluginPaths.copyPluginDir(Path.of(System.getProperty("spillway.converter.plugin.dir")), plugins);
        PluginPaths.copyPluginDir(KafkaDistribution.resolve(kafkaVersion).connectFilePluginDir(), plugins);

        try (Connection db = DriverManager.getConnection(PG_URL, PG_USER, "");
             ConnectCluster cluster = LOGS.watch(ConnectCluster.builder()
                     .name("avro-registry-" + kafkaVersion.replace('.', '-'))
                     .kafkaVersion(kafkaVersion)
                     .workers(1)
                     .pluginPath(plugins)
                     .start())) {
            execute(db, "CREATE SCHEMA " + ns);
            try {
                execute(db, "CREATE TABLE " + table + " (id serial PRIMARY KEY, qty int NOT NULL, big bigint,"
                        + " price numeric(20,6), label text, at timestamptz, active boolean, payload bytea,"
                        + " day date, missing text)");
                execute(db, "INSERT INTO " + table + " (qty, big, price, label, at, active, payload, day, missing)"
                        + " VALUES (7, 9007199254740993, 12345678901234.123456, '" + LABEL + "', '" + AT
                        + "', true, '\\x00ff10'::bytea, '2026-02-28', NULL),"
                        + " (-1, NULL, -0.000001, NULL, NULL, false, NULL, NULL, NULL)");

                String topic = "avro." + ns + "." + TABLE;
                cluster.rest().createConnector("avro-" + ns, connectorConfig(ns));
                cluster.rest().awaitRunning("avro-" + ns, 1, TIMEOUT);

                List<ConsumerRecord<byte[], byte[]>> first = cluster.topics().awaitRecords(topic, 2, TIMEOUT);
                try (AvroConverter keys = converter(true); AvroConverter values = converter(false)) {
                    Struct row = value(values, topic, first.get(0));
                    assertThat(row.schema().name()).isEqualTo(ns + "." + AVRO_TABLE);
                    assertThat(row.getInt32("id")).isEqualTo(1);
                    assertThat(row.getInt32("qty")).isEqualTo(7);
                    assertThat(row.getInt64("big")).isEqualTo(9007199254740993L);
                    Schema price = row.schema().field("price").schema();
                    assertThat(price.name()).isEqualTo(Decimal.LOGICAL_NAME);
                    assertThat(price.parameters()).containsEntry(Decimal.SCALE_FIELD, "6");
                    assertThat(row.get("price")).isEqualTo(new BigDecimal("12345678901234.123456"));
                    assertThat(row.getString("label")).isEqualTo(LABEL);
                    assertThat(row.schema().field("at").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
                    assertThat(row.get("at")).isEqualTo(Date.from(AT));
                    assertThat(row.getBoolean("active")).isTrue();
                    assertThat(row.getBytes("payload")).containsExactly(0x00, 0xff, 0x10);
                    assertThat(row.schema().field("day").schema().name())
                            .isEqualTo(org.apache.kafka.connect.data.Date.LOGICAL_NAME);
                    assertThat(row.get("day")).isEqualTo(Date.from(LocalDate.parse("2026-02-28")
                            .atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
                    assertThat(row.get("missing")).isNull();

                    Struct second = value(values, topic, first.get(1));
                    assertThat(second.get("price")).isEqualTo(new BigDecimal("-0.000001"));
                    for (String field : List.of("big", "label", "at", "payload", "day", "missing")) {
                        assertThat(second.get(field)).as(field).isNull();
                    }

                    SchemaAndValue key = keys.toConnectData(topic, first.get(0).headers(), first.get(0).key());
                    assertThat(((Struct) key.value()).getInt32("id")).isEqualTo(1);
                    assertThat(key.schema().name()).isEqualTo(ns + "." + AVRO_TABLE + ".Key");

                    JsonNode valueSchema = latestSchema(topic + "-value");
                    assertThat(valueSchema.get("type").asText()).isEqualTo("record");
                    assertThat(fullName(valueSchema)).isEqualTo(ns + "." + AVRO_TABLE);
                    assertThat(fullName(latestSchema(topic + "-key"))).isEqualTo(ns + "." + AVRO_TABLE + ".Key");
                    assertThat(artifactType(topic + "-value")).isEqualTo("AVRO");
                    assertThat(versions(topic + "-value")).hasSize(1);

                    // A nullable column added: a new schema version, accepted under the BACKWARD rule.
                    execute(db, "ALTER TABLE " + table + " ADD COLUMN note text");
                    execute(db, "INSERT INTO " + table + " (qty, note) VALUES (3, 'added ✓'), (4, NULL)");
                    List<ConsumerRecord<byte[], byte[]>> all = cluster.topics().awaitRecords(topic, 4, TIMEOUT);
                    Struct evolved = value(values, topic, all.get(2));
                    assertThat(evolved.getInt32("id")).isEqualTo(3);
                    assertThat(evolved.getString("note")).isEqualTo("added ✓");
                    assertThat(value(values, topic, all.get(3)).get("note")).isNull();
                    // The first records still decode with the schema they were written with.
                    assertThat(value(values, topic, all.get(0)).schema().field("note")).isNull();

                    assertThat(versions(topic + "-value")).hasSize(2);
                    JsonNode evolvedSchema = latestSchema(topic + "-value");
                    assertThat(fullName(evolvedSchema)).isEqualTo(ns + "." + AVRO_TABLE);
                    List<String> fields = new ArrayList<>();
                    evolvedSchema.get("fields").forEach(f -> fields.add(f.get("name").asText()));
                    assertThat(fields).endsWith("missing", "note");
                    assertThat(versions(topic + "-key")).hasSize(1);
                    assertThat(cluster.rest().status("avro-" + ns).isRunning(1)).isTrue();
                }
                assertParsedJsonGoesThroughTheRegistry(cluster, dir, ns);
            } finally {
                execute(db, "DROP SCHEMA " + ns + " CASCADE");
            }
        }
    }

    /**
     * Spillway's ParseJson (output struct, inferred schema) on FileStreamSource lines, written with the Avro
     * converter: the inferred Struct, nested struct and array included, is registered and decodes back.
     */
    private static void assertParsedJsonGoesThroughTheRegistry(ConnectCluster cluster, Path dir, String ns)
            throws Exception {
        Path lines = dir.resolve("docs.jsonl");
        Files.write(lines, List.of(
                "{\"id\":1,\"name\":\"Ada ✓\",\"tags\":[\"a\",\"b\"],\"price\":1.5,\"address\":{\"city\":\"Zürich\"}}",
                "{\"id\":2,\"name\":\"Bob\",\"tags\":[],\"price\":2.25,\"address\":{\"city\":\"Oslo\"}}"),
                StandardCharsets.UTF_8);
        String topic = "avro-json-" + ns;
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector");
        config.put("tasks.max", "1");
        config.put("file", lines.toString());
        config.put("topic", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", AvroConverter.class.getName());
        config.put("value.converter.apicurio.registry.url", registry.apiUrl());
        config.put("value.converter.apicurio.registry.auto-register", "true");
        config.put("transforms", "parse");
        config.put("transforms.parse.type", "dev.spillway.connect.smt.ParseJson$Value");
        cluster.rest().createConnector("avro-json-" + ns, config);
        cluster.rest().awaitRunning("avro-json-" + ns, 1, TIMEOUT);

        List<ConsumerRecord<byte[], byte[]>> records = cluster.topics().awaitRecords(topic, 2, TIMEOUT);
        try (AvroConverter values = converter(false)) {
            Struct first = value(values, topic, records.get(0));
            assertThat(first.get("id")).isEqualTo(1L);
            assertThat(first.getString("name")).isEqualTo("Ada ✓");
            assertThat(first.getArray("tags")).containsExactly("a", "b");
            assertThat(first.get("price")).isEqualTo(1.5);
            assertThat(first.getStruct("address").getString("city")).isEqualTo("Zürich");
            Struct second = value(values, topic, records.get(1));
            assertThat(second.getArray("tags")).isEmpty();
            assertThat(second.getStruct("address").getString("city")).isEqualTo("Oslo");
        }
        assertThat(artifactType(topic + "-value")).isEqualTo("AVRO");
        assertThat(latestSchema(topic + "-value").get("type").asText()).isEqualTo("record");
        cluster.rest().delete("avro-json-" + ns);
    }

    private static Map<String, String> connectorConfig(String ns) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "dev.spillway.connect.jdbc.JdbcSourceConnector");
        config.put("tasks.max", "1");
        config.put("connection.url", PG_URL);
        config.put("connection.user", PG_USER);
        config.put("mode", "incrementing");
        config.put("incrementing.column.name", "id");
        config.put("table.include.list", ns + "\\..*");
        config.put("topic.prefix", "avro.");
        config.put("poll.interval.ms", "200");
        for (String side : List.of("key", "value")) {
            config.put(side + ".converter", AvroConverter.class.getName());
            config.put(side + ".converter.apicurio.registry.url", registry.apiUrl());
            config.put(side + ".converter.apicurio.registry.auto-register", "true");
        }
        return config;
    }

    private static AvroConverter converter(boolean isKey) {
        AvroConverter converter = new AvroConverter();
        converter.configure(Map.of("apicurio.registry.url", registry.apiUrl()), isKey);
        return converter;
    }

    private static Struct value(AvroConverter converter, String topic, ConsumerRecord<byte[], byte[]> record) {
        return (Struct) converter.toConnectData(topic, record.headers(), record.value()).value();
    }

    private static JsonNode latestSchema(String artifactId) throws Exception {
        return JSON.readTree(registryGet("/groups/default/artifacts/" + artifactId));
    }

    private static String artifactType(String artifactId) throws Exception {
        return JSON.readTree(registryGet("/groups/default/artifacts/" + artifactId + "/meta")).get("type").asText();
    }

    private static List<String> versions(String artifactId) throws Exception {
        List<String> versions = new ArrayList<>();
        JSON.readTree(registryGet("/groups/default/artifacts/" + artifactId + "/versions")).get("versions")
                .forEach(v -> versions.add(v.get("version").asText()));
        return versions;
    }

    private static String registryGet(String path) throws Exception {
        HttpResponse<String> response = Await.until("GET " + path, TIMEOUT,
                () -> registry.get("/apis/registry/v2" + path), r -> r.statusCode() == 200);
        return response.body();
    }

    private static String fullName(JsonNode avroRecord) {
        String name = avroRecord.get("name").asText();
        JsonNode namespace = avroRecord.get("namespace");
        return name.contains(".") || namespace == null ? name : namespace.asText() + "." + name;
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String sha256Prefix(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
