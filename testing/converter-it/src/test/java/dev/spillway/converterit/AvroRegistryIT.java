package dev.spillway.converterit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.KafkaDistribution;
import dev.spillway.testcluster.KafkaVersions;
import dev.spillway.testcluster.PluginPaths;
import dev.spillway.testcluster.SchemaRegistryServer;
import io.apicurio.registry.utils.converter.AvroConverter;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped plugins in a stock worker writing Avro through Apicurio's {@code AvroConverter} to a real Apicurio
 * Registry (module {@code schema-registry}), with the registry's global compatibility rule set to BACKWARD
 * (Confluent's default; Apicurio has none). Everything is decoded again with the same converter:
 * <ul>
 *   <li>JDBC rows with every mapped PostgreSQL type; a column added, then two columns widened (int to bigint,
 *       numeric precision), each a new BACKWARD-compatible version of the same artifact;</li>
 *   <li>JDBC rows in time.precision.mode=microseconds (INT64 with Spillway's schema names);</li>
 *   <li>ParseJson's inferred Struct of FileStreamSource lines;</li>
 *   <li>REST source items as JSON text (a string schema), through ParseJson, and as the source's own
 *       value.format=struct, equal to ParseJson's;</li>
 *   <li>Debezium-shaped envelopes through ParseJson (declared), CdcUnwrap and Mask.</li>
 * </ul>
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
    private static final String UUID = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
    private static final String DOC = "{\"b\":[1, 2.50],  \"a\":\"x\"}";
    /** numeric(60,20): 40 integer digits, more than a long or a double holds. */
    private static final String HUGE = "1234567890123456789012345678901234567890.12345678901234567890";

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
    void recordsGoThroughTheRegistryAndEvolveUnderBackward(String kafkaVersion, @TempDir Path dir)
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
                execute(db, "CREATE TYPE " + ns + ".mood AS ENUM ('happy', 'sad')");
                execute(db, "CREATE TABLE " + table + " (id serial PRIMARY KEY, qty int NOT NULL, big bigint,"
                        + " price numeric(20,6), label text, at timestamptz, active boolean, payload bytea,"
                        + " day date, small smallint, ratio real, score double precision, uid uuid, doc json,"
                        + " docb jsonb, clock time, local timestamp, mood " + ns + ".mood, tags text[],"
                        + " huge numeric(60,20), missing text)");
                execute(db, "INSERT INTO " + table + " (qty, big, price, label, at, active, payload, day, small,"
                        + " ratio, score, uid, doc, docb, clock, local, mood, tags, huge, missing)"
                        + " VALUES (7, 9007199254740993, 12345678901234.123456, '" + LABEL + "', '" + AT
                        + "', true, '\\x00ff10'::bytea, '2026-02-28', 32767, 1.5, 2.718281828459045, '" + UUID
                        + "', '" + DOC + "', '" + DOC + "', '13:45:30.123', '2026-11-30 22:15:30.123', 'sad',"
                        + " ARRAY['x', NULL, 'ü'], " + HUGE + ", NULL),"
                        + " (-1, NULL, -0.000001, NULL, NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                        + " NULL, NULL, NULL, NULL, NULL, NULL, NULL)");

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
                    assertThat(row.get("small")).isEqualTo((short) 32767);
                    assertThat(row.get("ratio")).isEqualTo(1.5f);
                    assertThat(row.get("score")).isEqualTo(2.718281828459045);
                    assertThat(row.getString("uid")).isEqualTo(UUID);
                    assertThat(row.getString("doc")).isEqualTo(DOC);
                    // jsonb keeps its own normal form: keys sorted, one space after ':' and ','.
                    assertThat(row.getString("docb")).isEqualTo("{\"a\": \"x\", \"b\": [1, 2.50]}");
                    assertThat(row.schema().field("clock").schema().name()).isEqualTo(Time.LOGICAL_NAME);
                    assertThat(row.get("clock")).isEqualTo(new Date(((13 * 60 + 45) * 60 + 30) * 1000L + 123));
                    assertThat(row.schema().field("local").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
                    assertThat(row.get("local")).isEqualTo(Date.from(AT));
                    assertThat(row.getString("mood")).isEqualTo("sad");
                    assertThat(row.getArray("tags")).containsExactly("x", null, "ü");
                    Schema huge = row.schema().field("huge").schema();
                    assertThat(huge.name()).isEqualTo(Decimal.LOGICAL_NAME);
                    assertThat(huge.parameters()).containsEntry(Decimal.SCALE_FIELD, "20");
                    assertThat(row.get("huge")).isEqualTo(new BigDecimal(HUGE));

                    Struct second = value(values, topic, first.get(1));
                    assertThat(second.get("price")).isEqualTo(new BigDecimal("-0.000001"));
                    for (String field : List.of("big", "label", "at", "payload", "day", "small", "ratio", "score", "uid",
                            "doc", "docb", "clock", "local", "mood", "tags", "huge", "missing")) {
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

                    // Two columns widened in one statement (int to bigint, numeric(20,6) to numeric(24,6)): a
                    // third version, accepted under BACKWARD (Avro promotes int to long; a decimal's precision
                    // is not part of Avro's schema resolution).
                    execute(db, "ALTER TABLE " + table + " ALTER COLUMN qty TYPE bigint,"
                            + " ALTER COLUMN price TYPE numeric(24,6)");
                    execute(db, "INSERT INTO " + table + " (qty, price) VALUES (9007199254740993,"
                            + " 123456789012345678.123456)");
                    List<ConsumerRecord<byte[], byte[]>> widened = cluster.topics().awaitRecords(topic, 5, TIMEOUT);
                    Struct wide = value(values, topic, widened.get(4));
                    assertThat(wide.getInt32("id")).isEqualTo(5);
                    assertThat(wide.schema().field("qty").schema().type()).isEqualTo(Schema.Type.INT64);
                    assertThat(wide.get("qty")).isEqualTo(9007199254740993L);
                    assertThat(wide.schema().field("price").schema().parameters())
                            .containsEntry(Decimal.SCALE_FIELD, "6");
                    assertThat(wide.get("price")).isEqualTo(new BigDecimal("123456789012345678.123456"));
                    assertThat(wide.getString("note")).isNull();
                    // Records written before the change keep decoding with their own, narrower schema.
                    assertThat(value(values, topic, widened.get(0)).get("qty")).isEqualTo(7);
                    assertThat(value(values, topic, widened.get(2)).get("qty")).isEqualTo(3);
                    assertThat(versions(topic + "-value")).hasSize(3);
                    JsonNode widenedQty = field(latestSchema(topic + "-value"), "qty");
                    assertThat(widenedQty.get("type").asText()).isEqualTo("long");

                    assertThat(versions(topic + "-key")).hasSize(1);
                    assertThat(cluster.rest().status("avro-" + ns).isRunning(1)).isTrue();
                }
                assertParsedJsonGoesThroughTheRegistry(cluster, dir, ns);
                assertMicrosecondTimesGoThroughTheRegistry(cluster, db, ns);
                assertRestItemsGoThroughTheRegistry(cluster, ns);
                assertUnwrappedChangeEventsGoThroughTheRegistry(cluster, dir, ns);
            } finally {
                execute(db, "DROP SCHEMA " + ns + " CASCADE");
            }
        }
    }

    /**
     * The JDBC source's time.precision.mode=microseconds: INT64 fields named dev.spillway.time.MicroTimestamp /
     * MicroTime are registered as Avro longs with that connect.name and decode back with every digit.
     */
    private static void assertMicrosecondTimesGoThroughTheRegistry(ConnectCluster cluster, Connection db, String ns)
            throws Exception {
        // A schema of its own, so that the first connector (all tables of ns) does not pick the table up.
        String micro = ns + "_micro";
        execute(db, "CREATE SCHEMA " + micro);
        try {
            execute(db, "CREATE TABLE " + micro + ".precise (id serial PRIMARY KEY, at timestamptz NOT NULL,"
                    + " clock time(6))");
            execute(db, "INSERT INTO " + micro + ".precise (at, clock) VALUES ('2026-11-30 22:15:30.123456+00',"
                    + " '24:00:00')");
            Map<String, String> config = connectorConfig(micro);
            config.put("topic.prefix", "micro.");
            config.put("time.precision.mode", "microseconds");
            cluster.rest().createConnector("micro-" + ns, config);
            cluster.rest().awaitRunning("micro-" + ns, 1, TIMEOUT);
            String topic = "micro." + micro + ".precise";
            List<ConsumerRecord<byte[], byte[]>> records = cluster.topics().awaitRecords(topic, 1, TIMEOUT);
            try (AvroConverter values = converter(false)) {
                Struct row = value(values, topic, records.get(0));
                assertThat(row.schema().field("at").schema().name()).isEqualTo("dev.spillway.time.MicroTimestamp");
                assertThat(row.getInt64("at")).isEqualTo(Instant.parse("2026-11-30T22:15:30.123456Z").toEpochMilli()
                        * 1000 + 456);
                assertThat(row.schema().field("clock").schema().name()).isEqualTo("dev.spillway.time.MicroTime");
                assertThat(row.getInt64("clock")).isEqualTo(86_400_000_000L);
            }
            JsonNode at = field(latestSchema(topic + "-value"), "at");
            assertThat(at.toString()).contains("\"long\"").contains("dev.spillway.time.MicroTimestamp");
            cluster.rest().delete("micro-" + ns);
        } finally {
            execute(db, "DROP SCHEMA " + micro + " CASCADE");
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
        Map<String, String> config = fileSourceConfig(lines, topic);
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

    /**
     * Spillway's REST source on a loopback API of two cursor-linked pages, once with the items as JSON text
     * (a string schema), once with ParseJson's inferred Struct chained after it, and once with value.format=struct,
     * whose values and registered schema equal ParseJson's.
     */
    private static void assertRestItemsGoThroughTheRegistry(ConnectCluster cluster, String ns) throws Exception {
        List<String> items = List.of(
                "{\"id\":\"a1\",\"qty\":3,\"price\":12.5,\"tags\":[\"x\"],\"customer\":{\"name\":\"Zoë ✓\"}}",
                "{\"id\":\"a2\",\"qty\":9007199254740993,\"price\":0.25,\"tags\":[],\"customer\":{\"name\":\"Bo\"}}",
                "{\"id\":\"a3\",\"qty\":-1,\"price\":1E+2,\"tags\":[\"y\",\"z\"],\"customer\":{\"name\":\"東京\"}}");
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/items", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String body = query != null && query.contains("cursor=p2")
                    ? "{\"items\":[" + items.get(2) + "],\"next\":null}"
                    : "{\"items\":[" + items.get(0) + "," + items.get(1) + "],\"next\":\"p2\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        api.start();
        try {
            String text = "avro-rest-text-" + ns;
            String parsed = "avro-rest-struct-" + ns;
            cluster.rest().createConnector(text, restSourceConfig(api, text + "."));
            cluster.rest().awaitRunning(text, 1, TIMEOUT);
            List<ConsumerRecord<byte[], byte[]>> texts = cluster.topics().awaitRecords(text + ".items", 3, TIMEOUT);
            // Only after the first one registered its schema: Apicurio 2.4.2 on H2 can give two artifacts created
            // at the same moment the same content id, and the loser's task fails (a primary key violation).
            Map<String, String> parsing = restSourceConfig(api, parsed + ".");
            parsing.put("transforms", "parse");
            parsing.put("transforms.parse.type", "dev.spillway.connect.smt.ParseJson$Value");
            parsing.put("transforms.parse.output", "struct");
            cluster.rest().createConnector(parsed, parsing);
            cluster.rest().awaitRunning(parsed, 1, TIMEOUT);
            List<ConsumerRecord<byte[], byte[]>> structs =
                    cluster.topics().awaitRecords(parsed + ".items", 3, TIMEOUT);
            // The REST source's own value.format=struct: the same inference as ParseJson, no transform.
            String native_ = "avro-rest-native-" + ns;
            Map<String, String> nativeStructs = restSourceConfig(api, native_ + ".");
            nativeStructs.put("value.format", "struct");
            cluster.rest().createConnector(native_, nativeStructs);
            cluster.rest().awaitRunning(native_, 1, TIMEOUT);
            List<ConsumerRecord<byte[], byte[]>> natives =
                    cluster.topics().awaitRecords(native_ + ".items", 3, TIMEOUT);
            try (AvroConverter values = converter(false)) {
                for (int i = 0; i < items.size(); i++) {
                    assertThat(value(values, native_ + ".items", natives.get(i)))
                            .isEqualTo(value(values, parsed + ".items", structs.get(i)));
                }
                for (int i = 0; i < items.size(); i++) {
                    SchemaAndValue decoded = values.toConnectData(text + ".items", texts.get(i).headers(),
                            texts.get(i).value());
                    // Apicurio's converter gives a primitive back without a schema (only records and other
                    // containers get one), and a string as Avro's Utf8: the registered schema is checked below.
                    // Exactly the API's text, every digit of 9007199254740993 and the 1E+2 spelling included.
                    assertThat(decoded.value()).hasToString(items.get(i));
                }
                Struct first = value(values, parsed + ".items", structs.get(0));
                assertThat(first.getString("id")).isEqualTo("a1");
                assertThat(first.get("qty")).isEqualTo(3L);
                assertThat(first.get("price")).isEqualTo(12.5);
                assertThat(first.getArray("tags")).containsExactly("x");
                assertThat(first.getStruct("customer").getString("name")).isEqualTo("Zoë ✓");
                Struct second = value(values, parsed + ".items", structs.get(1));
                assertThat(second.get("qty")).isEqualTo(9007199254740993L);
                assertThat(second.getArray("tags")).isEmpty();
                Struct third = value(values, parsed + ".items", structs.get(2));
                assertThat(third.get("price")).isEqualTo(100.0);
                assertThat(third.getStruct("customer").getString("name")).isEqualTo("東京");
            }
            assertThat(artifactType(text + ".items-value")).isEqualTo("AVRO");
            assertThat(latestSchema(text + ".items-value").isTextual()
                    ? latestSchema(text + ".items-value").asText()
                    : latestSchema(text + ".items-value").get("type").asText()).isEqualTo("string");
            assertThat(latestSchema(parsed + ".items-value").get("type").asText()).isEqualTo("record");
            assertThat(latestSchema(native_ + ".items-value")).isEqualTo(latestSchema(parsed + ".items-value"));
            cluster.rest().delete(text);
            cluster.rest().delete(parsed);
            cluster.rest().delete(native_);
        } finally {
            api.stop(0);
        }
    }

    /**
     * Debezium-shaped change events as FileStreamSource lines, turned into an envelope Struct by ParseJson (declared
     * schema), unwrapped by CdcUnwrap (deletes rewritten, metadata added as fields) and a field hashed by Mask: the
     * row Struct that comes out is registered and decodes back.
     */
    private static void assertUnwrappedChangeEventsGoThroughTheRegistry(ConnectCluster cluster, Path dir, String ns)
            throws Exception {
        String row = "struct<id:int64!,email:string,name:string>";
        Path lines = dir.resolve("changes.jsonl");
        Files.write(lines, List.of(
                "{\"before\":null,\"after\":{\"id\":1,\"email\":\"ada@example.com\",\"name\":\"Ada ✓\"},"
                        + "\"source\":{\"table\":\"customers\",\"ts_ms\":1764633600000},\"op\":\"c\",\"ts_ms\":1764633600123}",
                "{\"before\":{\"id\":1,\"email\":\"ada@example.com\",\"name\":\"Ada ✓\"},"
                        + "\"after\":{\"id\":1,\"email\":\"ada@lovelace.org\",\"name\":\"Ada\"},"
                        + "\"source\":{\"table\":\"customers\",\"ts_ms\":1764633601000},\"op\":\"u\",\"ts_ms\":1764633601123}",
                "{\"before\":{\"id\":1,\"email\":\"ada@lovelace.org\",\"name\":\"Ada\"},\"after\":null,"
                        + "\"source\":{\"table\":\"customers\",\"ts_ms\":1764633602000},\"op\":\"d\",\"ts_ms\":1764633602123}"),
                StandardCharsets.UTF_8);
        String topic = "avro-cdc-" + ns;
        Map<String, String> config = fileSourceConfig(lines, topic);
        config.put("transforms", "parse,unwrap,mask");
        config.put("transforms.parse.type", "dev.spillway.connect.smt.ParseJson$Value");
        config.put("transforms.parse.schema.mode", "declared");
        config.put("transforms.parse.schema.declared", "before:" + row + ",after:" + row
                + ",source:struct<table:string,ts_ms:int64>,op:string!,ts_ms:int64");
        config.put("transforms.unwrap.type", "dev.spillway.connect.smt.CdcUnwrap$Value");
        config.put("transforms.unwrap.delete.tombstone.handling.mode", "rewrite");
        config.put("transforms.unwrap.add.fields", "op,table,source.ts_ms");
        config.put("transforms.mask.type", "dev.spillway.connect.smt.Mask$Value");
        config.put("transforms.mask.fields", "email");
        config.put("transforms.mask.mode", "hash");
        cluster.rest().createConnector(topic, config);
        cluster.rest().awaitRunning(topic, 1, TIMEOUT);

        List<ConsumerRecord<byte[], byte[]>> records = cluster.topics().awaitRecords(topic, 3, TIMEOUT);
        try (AvroConverter values = converter(false)) {
            Struct created = value(values, topic, records.get(0));
            List<String> fields = new ArrayList<>();
            created.schema().fields().forEach(f -> fields.add(f.name()));
            assertThat(fields).containsExactly("id", "email", "name", "__deleted", "__op", "__table",
                    "__source_ts_ms");
            assertThat(created.get("id")).isEqualTo(1L);
            assertThat(created.getString("email")).isEqualTo(sha256Hex("ada@example.com"));
            assertThat(created.getString("name")).isEqualTo("Ada ✓");
            assertThat(created.getString("__deleted")).isEqualTo("false");
            assertThat(created.getString("__op")).isEqualTo("c");
            assertThat(created.getString("__table")).isEqualTo("customers");
            assertThat(created.get("__source_ts_ms")).isEqualTo(1764633600000L);
            Struct updated = value(values, topic, records.get(1));
            assertThat(updated.getString("email")).isEqualTo(sha256Hex("ada@lovelace.org"));
            assertThat(updated.getString("__op")).isEqualTo("u");
            Struct deleted = value(values, topic, records.get(2));
            assertThat(deleted.getString("name")).isEqualTo("Ada");
            assertThat(deleted.getString("email")).isEqualTo(sha256Hex("ada@lovelace.org"));
            assertThat(deleted.getString("__deleted")).isEqualTo("true");
            assertThat(deleted.getString("__op")).isEqualTo("d");
        }
        assertThat(artifactType(topic + "-value")).isEqualTo("AVRO");
        assertThat(versions(topic + "-value")).hasSize(1);
        cluster.rest().delete(topic);
    }

    private static Map<String, String> restSourceConfig(HttpServer api, String topicPrefix) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "dev.spillway.connect.rest.RestSourceConnector");
        config.put("tasks.max", "1");
        config.put("http.base.url", "http://127.0.0.1:" + api.getAddress().getPort());
        config.put("endpoints", "items=/items");
        config.put("topic.prefix", topicPrefix);
        config.put("records.pointer", "/items");
        config.put("key.pointer", "/id");
        config.put("pagination.type", "cursor");
        config.put("pagination.cursor.pointer", "/next");
        config.put("pagination.cursor.param", "cursor");
        config.put("poll.interval.ms", "1000");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        avroConverter(config, "value");
        return config;
    }

    private static Map<String, String> fileSourceConfig(Path file, String topic) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector");
        config.put("tasks.max", "1");
        config.put("file", file.toString());
        config.put("topic", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        avroConverter(config, "value");
        return config;
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
        avroConverter(config, "key");
        avroConverter(config, "value");
        return config;
    }

    /** The worker-side AvroConverter for {@code side} (key or value), registering schemas as they come. */
    private static void avroConverter(Map<String, String> config, String side) {
        config.put(side + ".converter", AvroConverter.class.getName());
        config.put(side + ".converter.apicurio.registry.url", registry.apiUrl());
        config.put(side + ".converter.apicurio.registry.auto-register", "true");
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

    /** The type of an Avro record's field, by name ("long", or a logical type's base type). */
    private static JsonNode field(JsonNode avroRecord, String name) {
        for (JsonNode field : avroRecord.get("fields")) {
            if (field.get("name").asText().equals(name)) {
                JsonNode type = field.get("type");
                return type.isObject() ? type : JSON.createObjectNode().set("type", type);
            }
        }
        throw new AssertionError("no field " + name + " in " + avroRecord);
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
        return sha256Hex(text).substring(0, 8);
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
