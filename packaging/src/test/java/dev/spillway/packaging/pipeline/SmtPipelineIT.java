package dev.spillway.packaging.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.spillway.packaging.testplugin.JsonLinesSourceConnector;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.KafkaVersions;
import dev.spillway.testcluster.PluginPaths;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spillway's transforms chained inside a stock worker, on the shipped zip: Debezium-shaped change events
 * (written with JsonConverter, schemas on) are unwrapped, their e-mail hashed, test rows dropped by Kafka's own
 * {@code Filter} with Spillway's {@code FieldMatches} predicate, and rows routed to a topic per region; and Guard
 * sending what ParseJson cannot parse to an error topic.
 */
class SmtPipelineIT {

    private static final String HMAC_KEY = "pipeline-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    static List<String> kafkaVersions() {
        return KafkaVersions.fromSystemProperty();
    }

    @ParameterizedTest(name = "Kafka {0}")
    @MethodSource("kafkaVersions")
    void transformChainsRunInsideStockWorkers(String kafkaVersion, @TempDir Path dir) throws Exception {
        Path pluginPath = dir.resolve("plugins");
        PluginPaths.unzip(Path.of(System.getProperty("spillway.zip")), pluginPath);
        PluginPaths.jarOfPackage(pluginPath.resolve("test-json-lines").resolve("test-json-lines.jar"),
                Path.of(System.getProperty("spillway.test.classes", "target/test-classes")),
                JsonLinesSourceConnector.class.getPackageName(),
                Map.of("org.apache.kafka.connect.source.SourceConnector",
                        List.of(JsonLinesSourceConnector.class.getName())));
        Path events = dir.resolve("events.jsonl");
        Files.write(events, changeEvents(), StandardCharsets.UTF_8);

        try (ConnectCluster cluster = ConnectCluster.builder()
                .name("smt-pipeline-" + kafkaVersion.replace('.', '-'))
                .kafkaVersion(kafkaVersion)
                .workers(1)
                .pluginPath(pluginPath)
                .logLevel("dev.spillway.connect.smt.value.StructValues", "DEBUG")
                .start()) {
            LOGS.watch(cluster);
            Map<String, String> config = new java.util.LinkedHashMap<>();
            config.put("connector.class", JsonLinesSourceConnector.class.getName());
            config.put("tasks.max", "1");
            config.put("file", events.toString());
            config.put("topic", "dbserver1.inventory.customers");
            config.put("transforms", "unwrap,hashEmail,dropTests,route");
            config.put("transforms.unwrap.type", "dev.spillway.connect.smt.CdcUnwrap$Value");
            config.put("transforms.unwrap.delete.tombstone.handling.mode", "rewrite");
            config.put("transforms.unwrap.add.fields", "op,source.ts_ms");
            config.put("transforms.unwrap.add.headers", "op");
            config.put("transforms.hashEmail.type", "dev.spillway.connect.smt.Mask$Value");
            config.put("transforms.hashEmail.fields", "email");
            config.put("transforms.hashEmail.mode", "hash");
            config.put("transforms.hashEmail.hash.algorithm", "HMAC-SHA-256");
            config.put("transforms.hashEmail.hash.key", HMAC_KEY);
            config.put("transforms.dropTests.type", "org.apache.kafka.connect.transforms.Filter");
            config.put("transforms.dropTests.predicate", "isTest");
            config.put("predicates", "isTest");
            config.put("predicates.isTest.type", "dev.spillway.connect.smt.predicates.FieldMatches");
            config.put("predicates.isTest.field", "name");
            config.put("predicates.isTest.operator", "regex");
            config.put("predicates.isTest.value", "test-.*");
            config.put("transforms.route.type", "dev.spillway.connect.smt.RouteByField");
            config.put("transforms.route.topic.template", "customers-${value.region}");
            cluster.rest().createConnector("cdc-pipeline", config);
            cluster.rest().awaitRunning("cdc-pipeline", 1, Duration.ofSeconds(90));

            List<ConsumerRecord<byte[], byte[]>> eu =
                    cluster.topics().awaitRecords("customers-eu", 3, Duration.ofSeconds(90));
            List<ConsumerRecord<byte[], byte[]>> us =
                    cluster.topics().awaitRecords("customers-us", 2, Duration.ofSeconds(90));

            assertThat(eu).hasSize(3);
            assertRow(eu.get(0), 1, "Ada", "ada@example.com", "c", "false");
            assertRow(eu.get(1), 1, "Ada", "ada@new.example", "u", "false");
            assertRow(eu.get(2), 4, "Cy", null, "r", "false");
            assertThat(us).hasSize(2);
            assertRow(us.get(0), 2, "Bob", "bob@example.com", "c", "false");
            assertRow(us.get(1), 2, "Bob", "bob@example.com", "d", "true");
            assertThat(cluster.topics().listTopics()).doesNotContain("customers-null", "customers-");

            JsonNode schema = JSON.readTree(eu.get(0).value()).get("schema");
            assertThat(schema.get("name").asText()).isEqualTo("dbserver1.inventory.customers.Value");
            List<String> fields = new ArrayList<>();
            schema.get("fields").forEach(f -> fields.add(f.get("field").asText() + ":" + f.get("type").asText()));
            assertThat(fields).containsExactly("id:int64", "name:string", "email:string", "region:string",
                    "__deleted:string", "__op:string", "__source_ts_ms:int64");
            // Mask copied the rows' kept fields straight from the struct's array inside the plugin class loader,
            // not by the fallback.
            assertThat(Files.readString(cluster.worker(0).logFile())).contains(
                    "Kept struct values are copied directly from org.apache.kafka.connect.data.Struct.values")
                    .doesNotContain("structs are copied field by field");

            assertGuardRoutesFailuresToItsErrorTopic(cluster, dir);
        }
    }

    /**
     * Guard around ParseJson in a source connector: good documents are parsed, the bad one goes, unchanged, to
     * the error topic with Connect's dead-letter context headers, and the task keeps running.
     */
    private static void assertGuardRoutesFailuresToItsErrorTopic(ConnectCluster cluster, Path dir) throws Exception {
        Path docs = dir.resolve("docs.jsonl");
        Files.write(docs, List.of(
                "{\"key\":{\"id\":1},\"value\":{\"id\":1,\"doc\":\"{\\\"a\\\":1,\\\"b\\\":[1,2]}\"}}",
                "{\"key\":{\"id\":2},\"value\":{\"id\":2,\"doc\":\"{not json\"}}",
                "{\"key\":{\"id\":3},\"value\":{\"id\":3,\"doc\":\"{\\\"a\\\":3}\"}}"),
                StandardCharsets.UTF_8);
        Map<String, String> config = new java.util.LinkedHashMap<>();
        config.put("connector.class", JsonLinesSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("file", docs.toString());
        config.put("topic", "docs");
        config.put("schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("transforms", "guard");
        config.put("transforms.guard.type", "dev.spillway.connect.smt.Guard");
        config.put("transforms.guard.transforms", "parse");
        config.put("transforms.guard.transforms.parse.type", "dev.spillway.connect.smt.ParseJson$Value");
        config.put("transforms.guard.transforms.parse.field", "doc");
        config.put("transforms.guard.transforms.parse.output", "schemaless");
        config.put("transforms.guard.error.topic", "docs-errors");
        cluster.rest().createConnector("guarded-json", config);
        cluster.rest().awaitRunning("guarded-json", 1, Duration.ofSeconds(90));

        List<ConsumerRecord<byte[], byte[]>> parsed = cluster.topics().awaitRecords("docs", 2, Duration.ofSeconds(90));
        List<ConsumerRecord<byte[], byte[]>> failed =
                cluster.topics().awaitRecords("docs-errors", 1, Duration.ofSeconds(90));
        assertThat(parsed).hasSize(2);
        assertThat(JSON.readTree(parsed.get(0).value())).isEqualTo(JSON.readTree("{\"id\":1,\"doc\":{\"a\":1,\"b\":[1,2]}}"));
        assertThat(JSON.readTree(parsed.get(1).value())).isEqualTo(JSON.readTree("{\"id\":3,\"doc\":{\"a\":3}}"));

        assertThat(failed).hasSize(1);
        ConsumerRecord<byte[], byte[]> error = failed.get(0);
        assertThat(JSON.readTree(error.value())).isEqualTo(JSON.readTree("{\"id\":2,\"doc\":\"{not json\"}"));
        assertThat(header(error, "__connect.errors.topic")).isEqualTo("docs");
        assertThat(header(error, "__connect.errors.stage")).isEqualTo("TRANSFORMATION");
        assertThat(header(error, "__connect.errors.class.name")).isEqualTo("dev.spillway.connect.smt.ParseJson$Value");
        assertThat(header(error, "__connect.errors.exception.class.name"))
                .isEqualTo("org.apache.kafka.connect.errors.DataException");
        assertThat(header(error, "__connect.errors.exception.message")).contains("'doc'");
        assertThat(header(error, "__spillway.errors.transform.alias")).isEqualTo("parse");
        assertThat(cluster.rest().status("guarded-json").isRunning(1)).isTrue();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void assertRow(ConsumerRecord<byte[], byte[]> record, long id, String name, String email,
                                  String op, String deleted) throws Exception {
        JsonNode payload = JSON.readTree(record.value()).get("payload");
        assertThat(payload.get("id").asLong()).isEqualTo(id);
        assertThat(payload.get("name").asText()).isEqualTo(name);
        if (email == null) {
            assertThat(payload.get("email").isNull()).as("null e-mail stays null").isTrue();
        } else {
            assertThat(payload.get("email").asText()).isEqualTo(hmacHex(email)).isNotEqualTo(email);
        }
        assertThat(payload.get("__op").asText()).isEqualTo(op);
        assertThat(payload.get("__deleted").asText()).isEqualTo(deleted);
        assertThat(payload.get("__source_ts_ms").asLong()).isEqualTo(1_700_000_000_000L + id);
        Header header = record.headers().lastHeader("__op");
        assertThat(header).as("__op header").isNotNull();
        assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo(op);
        assertThat(JSON.readTree(record.key()).get("payload").get("id").asLong()).isEqualTo(id);
    }

    private static String hmacHex(String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HMAC_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Debezium-shaped events for one table, serialized by JsonConverter with schemas, one per line. */
    private static List<String> changeEvents() throws Exception {
        Schema row = SchemaBuilder.struct().name("dbserver1.inventory.customers.Value").optional()
                .field("id", Schema.INT64_SCHEMA)
                .field("name", Schema.STRING_SCHEMA)
                .field("email", Schema.OPTIONAL_STRING_SCHEMA)
                .field("region", Schema.STRING_SCHEMA)
                .build();
        Schema source = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
                .field("connector", Schema.STRING_SCHEMA)
                .field("db", Schema.STRING_SCHEMA)
                .field("table", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.INT64_SCHEMA)
                .build();
        Schema envelope = SchemaBuilder.struct().name("dbserver1.inventory.customers.Envelope")
                .field("before", row).field("after", row).field("source", source)
                .field("op", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        Schema key = SchemaBuilder.struct().name("dbserver1.inventory.customers.Key")
                .field("id", Schema.INT64_SCHEMA).build();

        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), false);
        List<String> lines = new ArrayList<>();
        Struct ada = customer(row, 1, "Ada", "ada@example.com", "eu");
        Struct bob = customer(row, 2, "Bob", "bob@example.com", "us");
        lines.add(line(converter, key, 1, envelope, event(envelope, source, null, ada, "c", 1)));
        lines.add(line(converter, key, 2, envelope, event(envelope, source, null, bob, "c", 2)));
        lines.add(line(converter, key, 1, envelope, event(envelope, source, ada,
                customer(row, 1, "Ada", "ada@new.example", "eu"), "u", 1)));
        lines.add(line(converter, key, 3, envelope, event(envelope, source, null,
                customer(row, 3, "test-probe", "probe@example.com", "eu"), "c", 3)));
        lines.add(line(converter, key, 2, envelope, event(envelope, source, bob, null, "d", 2)));
        lines.add(line(converter, key, 2, envelope, null));
        lines.add(line(converter, key, 4, envelope, event(envelope, source, null,
                customer(row, 4, "Cy", null, "eu"), "r", 4)));
        return lines;
    }

    private static Struct customer(Schema row, long id, String name, String email, String region) {
        return new Struct(row).put("id", id).put("name", name).put("email", email).put("region", region);
    }

    private static Struct event(Schema envelope, Schema source, Struct before, Struct after, String op, long id) {
        Struct info = new Struct(source).put("connector", "postgresql").put("db", "inventory")
                .put("table", "customers").put("ts_ms", 1_700_000_000_000L + id);
        return new Struct(envelope).put("before", before).put("after", after).put("source", info)
                .put("op", op).put("ts_ms", 1_700_000_000_500L);
    }

    private static String line(JsonConverter converter, Schema keySchema, long id, Schema envelope, Struct value)
            throws Exception {
        ObjectNode line = JSON.createObjectNode();
        line.set("key", JSON.readTree(converter.fromConnectData("t", keySchema, new Struct(keySchema).put("id", id))));
        line.set("value", value == null ? JSON.nullNode()
                : JSON.readTree(converter.fromConnectData("t", envelope, value)));
        return JSON.writeValueAsString(line);
    }
}
