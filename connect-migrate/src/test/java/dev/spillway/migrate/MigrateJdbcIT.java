package dev.spillway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.KafkaVersions;
import dev.spillway.testcluster.PluginPaths;
import dev.spillway.testcluster.TopicClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Confluent JDBC source's offsets, stored through a real worker's offsets API for a stand-in of its connector
 * class, are carried over by {@code spillway-migrate jdbc}: the Spillway connector it creates continues at exactly
 * the row after the stored one, per mode, on PostgreSQL and MariaDB.
 */
class MigrateJdbcIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    private static ConnectCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        Path plugins = Files.createTempDirectory("migrate-it-plugins").resolve("plugins");
        PluginPaths.pluginDirFromBuild(plugins, "spillway-jdbc-source", "spillway.jdbc.jar", "spillway.jdbc.deps");
        Path standIn = Files.createDirectories(plugins.resolve("confluent-jdbc-stand-in"));
        PluginPaths.jarOfPackage(standIn.resolve("stand-in.jar"), Path.of("target", "test-classes"),
            "io.confluent.connect.jdbc", Map.of("org.apache.kafka.connect.source.SourceConnector",
                List.of("io.confluent.connect.jdbc.JdbcSourceConnector")));
        cluster = LOGS.watch(ConnectCluster.builder()
            .name("migrate")
            .kafkaVersion(KafkaVersions.fromSystemProperty().get(0))
            .workers(1)
            .pluginPath(plugins)
            .start());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"POSTGRES, incrementing", "POSTGRES, timestamp+incrementing", "MARIADB, incrementing",
        "MARIADB, timestamp+incrementing"})
    void theMigratedConnectorContinuesAtExactlyTheNextRow(Db db, String mode) throws Exception {
        String ns = db.createNamespace();
        String table = ns + ".events";
        String from = "confluent-" + ns;
        String to = "spillway-" + ns;
        ConnectRestClient rest = cluster.rest();
        try {
            db.createEvents(table);
            for (int i = 1; i <= 5; i++) {
                db.execute("INSERT INTO " + table + " (name) VALUES ('r-" + i + "')");
            }
            rest.createConnector(from, confluentConfig(db, ns, mode));
            rest.stop(from);
            rest.awaitState(from, "STOPPED", TIMEOUT);
            // Confluent's connector emitted rows 1 to 3 and committed the offset of row 3.
            ConnectRest api = new ConnectRest(rest.baseUrl());
            api.send("PATCH", "/connectors/" + from + "/offsets", confluentOffsets(db, ns, table, mode, 3));

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = SpillwayMigrate.run(new PrintWriter(out, true), new PrintWriter(err, true), "jdbc",
                "--connect-url", rest.baseUrl(), "--from", from, "--to", to, "--timestamp-column",
                db == Db.POSTGRES ? "zoned" : "local");
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("1 offset(s) carried over");

            String topic = "legacy-" + ns + ".events";
            TopicClient topics = cluster.topics();
            assertThat(names(topics.awaitRecords(topic, 2, TIMEOUT))).startsWith("r-4", "r-5");
            db.execute("INSERT INTO " + table + " (name) VALUES ('r-6')");
            // Rows come in id order, so a re-read of rows 1-3 would show before r-6 does.
            assertThat(names(topics.awaitRecords(topic, 3, TIMEOUT))).containsExactly("r-4", "r-5", "r-6");
            JsonNode offsets = rest.offsets(to).path("offsets");
            assertThat(offsets).hasSize(1);
            assertThat(offsets.get(0).path("partition").toString()).isEqualTo("{\"table\":\"" + table + "\"}");
        } finally {
            deleteQuietly(rest, to);
            deleteQuietly(rest, from);
            db.dropNamespace(ns);
        }
    }

    private static Map<String, String> confluentConfig(Db db, String ns, String mode) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.confluent.connect.jdbc.JdbcSourceConnector");
        config.put("connection.url", db == Db.POSTGRES ? db.url : "jdbc:mariadb://127.0.0.1:3306/" + ns);
        config.put("connection.user", db.user);
        config.put("mode", mode);
        config.put("incrementing.column.name", "id");
        config.put("timestamp.column.name", "updated");
        config.put("table.whitelist", "events");
        config.put("schema.pattern", db == Db.POSTGRES ? ns : "");
        config.put("topic.prefix", "legacy-");
        config.put("poll.interval.ms", "100");
        config.put("validate.non.null", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    private static ObjectNode confluentOffsets(Db db, String ns, String table, String mode, long lastId)
        throws Exception {
        ObjectNode body = ConnectRest.JSON.createObjectNode();
        ObjectNode entry = body.putArray("offsets").addObject();
        entry.putObject("partition").put("protocol", "1").put("table", db.confluentTableName(ns, "events"));
        ObjectNode offset = entry.putObject("offset").put("incrementing", lastId);
        if (mode.startsWith("timestamp")) {
            Instant ts = db.updatedOf(table, lastId);
            offset.put("timestamp", ts.toEpochMilli()).put("timestamp_nanos", ts.getNano());
        }
        return body;
    }

    private static List<String> names(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        List<String> names = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            names.add(ConnectRest.JSON.readTree(r.value()).path("name").asText());
        }
        return names;
    }

    private static void deleteQuietly(ConnectRestClient rest, String name) {
        try {
            rest.delete(name);
        } catch (RuntimeException e) {
            // not created
        }
    }
}
