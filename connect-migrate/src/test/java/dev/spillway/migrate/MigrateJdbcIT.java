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
 * A Confluent or Aiven JDBC source's offsets, stored through a real worker's offsets API for a stand-in of its
 * connector class, are carried over by {@code spillway-migrate jdbc}: the Spillway connector it creates continues at exactly
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
        standIn(plugins.resolve("confluent-jdbc-stand-in"), "io.confluent.connect.jdbc");
        standIn(plugins.resolve("aiven-jdbc-stand-in"), "io.aiven.connect.jdbc");
        cluster = LOGS.watch(ConnectCluster.builder()
            .name("migrate")
            .kafkaVersion(KafkaVersions.fromSystemProperty().get(0))
            .workers(1)
            .pluginPath(plugins)
            .start());
    }

    /** A plugin directory with the stand-in of {@code packageName} and the base classes it shares with the other. */
    private static void standIn(Path dir, String packageName) throws Exception {
        Files.createDirectories(dir);
        Path classes = Path.of("target", "test-classes");
        PluginPaths.jarOfPackage(dir.resolve("stand-in.jar"), classes, packageName, Map.of(
            "org.apache.kafka.connect.source.SourceConnector", List.of(packageName + ".JdbcSourceConnector")));
        PluginPaths.jarOfPackage(dir.resolve("stand-in-base.jar"), classes, "dev.spillway.migrate.standin", Map.of());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest(name = "{2} {0} {1}")
    @CsvSource({"POSTGRES, incrementing, CONFLUENT", "POSTGRES, timestamp+incrementing, CONFLUENT",
        "MARIADB, incrementing, CONFLUENT", "MARIADB, timestamp+incrementing, CONFLUENT",
        "POSTGRES, incrementing, AIVEN", "POSTGRES, timestamp+incrementing, AIVEN", "MARIADB, incrementing, AIVEN",
        "MARIADB, timestamp+incrementing, AIVEN"})
    void theMigratedConnectorContinuesAtExactlyTheNextRow(Db db, String mode, OldConnector old) throws Exception {
        String ns = db.createNamespace();
        String table = ns + ".events";
        String from = old.name().toLowerCase(java.util.Locale.ROOT) + "-" + ns;
        String to = "spillway-" + ns;
        ConnectRestClient rest = cluster.rest();
        try {
            db.createEvents(table);
            for (int i = 1; i <= 5; i++) {
                db.execute("INSERT INTO " + table + " (name) VALUES ('r-" + i + "')");
            }
            Map<String, String> config = confluentConfig(db, ns, mode);
            if (old == OldConnector.AIVEN) {
                // Aiven's own keys, with values that change nothing for a table that has its offset.
                config.put("connector.class", old.className);
                config.put("incrementing.initial", "2");
                config.put("timestamp.initial.ms", "0");
                config.put("sql.quote.identifiers", "true");
            }
            rest.createConnector(from, config);
            rest.stop(from);
            rest.awaitState(from, "STOPPED", TIMEOUT);
            if (old == OldConnector.AIVEN) {
                // No offset yet: Aiven would start after incrementing.initial, Spillway at the first row.
                StringWriter refusal = new StringWriter();
                assertThat(SpillwayMigrate.run(new PrintWriter(new StringWriter()), new PrintWriter(refusal, true),
                    "jdbc", "--connect-url", rest.baseUrl(), "--from", from, "--to", to, "--timestamp-column",
                    db == Db.POSTGRES ? "zoned" : "local")).isEqualTo(SpillwayMigrate.REFUSED);
                assertThat(refusal.toString()).contains("incrementing.initial=2 cannot be carried over exactly");
                assertThat(rest.connectors()).doesNotContain(to);
            }
            // The old connector emitted rows 1 to 3 and committed the offset of row 3 (Aiven's shapes are
            // Confluent's).
            ConnectRest api = new ConnectRest(rest.baseUrl());
            api.send("PATCH", "/connectors/" + from + "/offsets", confluentOffsets(db, ns, table, mode, 3));

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = SpillwayMigrate.run(new PrintWriter(out, true), new PrintWriter(err, true), "jdbc",
                "--connect-url", rest.baseUrl(), "--from", from, "--to", to, "--timestamp-column",
                db == Db.POSTGRES ? "zoned" : "local");
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("1 offset(s) carried over");
            if (old == OldConnector.AIVEN) {
                assertThat(out.toString()).contains("# not carried over: incrementing.initial: ",
                    "# not carried over: sql.quote.identifiers: ");
            }

            // Confluent's topic name: prefix + the bare table name.
            String topic = "legacy-" + ns + "-events";
            TopicClient topics = cluster.topics();
            assertThat(names(topics.awaitRecords(topic, 2, TIMEOUT))).startsWith("r-4", "r-5");
            db.execute("INSERT INTO " + table + " (name) VALUES ('r-6')");
            // Rows come in id order, so a re-read of rows 1-3 would show before r-6 does.
            assertThat(names(topics.awaitRecords(topic, 3, TIMEOUT))).containsExactly("r-4", "r-5", "r-6");
            assertThat(topics.awaitRecords(topic, 3, TIMEOUT)).allSatisfy(r -> assertThat(r.key()).isNull());
            JsonNode offsets = rest.offsets(to).path("offsets");
            assertThat(offsets).hasSize(1);
            assertThat(offsets.get(0).path("partition").toString()).isEqualTo("{\"table\":\"" + table + "\"}");
        } finally {
            deleteQuietly(rest, to);
            deleteQuietly(rest, from);
            db.dropNamespace(ns);
        }
    }

    @org.junit.jupiter.api.Test
    void dryRunThroughTheLauncherChangesNothingAndARunningOrTimestampOnlyConnectorIsRefused() throws Exception {
        Db db = Db.POSTGRES;
        String ns = db.createNamespace();
        String table = ns + ".events";
        String from = "confluent-" + ns;
        String to = "spillway-" + ns;
        ConnectRestClient rest = cluster.rest();
        try {
            db.createEvents(table);
            db.execute("INSERT INTO " + table + " (name) VALUES ('r-1')");
            Map<String, String> config = confluentConfig(db, ns, "timestamp+incrementing");
            config.put("connection.password", "s3cret-pw");
            rest.createConnector(from, config);
            rest.awaitState(from, "RUNNING", TIMEOUT);
            String[] args = {"jdbc", "--connect-url", rest.baseUrl(), "--from", from, "--to", to,
                "--timestamp-column", "zoned"};

            // Still running: its offsets could still move, so nothing is created.
            StringWriter err = new StringWriter();
            int code = SpillwayMigrate.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
            assertThat(code).isEqualTo(SpillwayMigrate.REFUSED);
            assertThat(err.toString()).contains(from + " is RUNNING: stop it first");
            assertThat(rest.connectors()).doesNotContain(to);

            rest.stop(from);
            rest.awaitState(from, "STOPPED", TIMEOUT);
            new ConnectRest(rest.baseUrl()).send("PATCH", "/connectors/" + from + "/offsets",
                confluentOffsets(db, ns, table, "timestamp+incrementing", 1));
            String printed = launcher(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7],
                args[8], "--dry-run");
            assertThat(printed).contains("# " + from + " (Confluent) config", "# " + to + " (Spillway) config",
                    "\"connector.class\" : \"dev.spillway.connect.jdbc.JdbcSourceConnector\"",
                    "\"table.include.list\" : \"" + ns + "\\\\.events\"",
                    "# not carried over: validate.non.null: ", "# not carried over: schema.pattern: ",
                    "\"protocol\" : \"1\"", "\"table\" : \"" + table + "\"", "\"id\" : \"1\"", "[hidden]")
                .doesNotContain("s3cret-pw");
            assertThat(rest.connectors()).doesNotContain(to);

            // The same offsets under timestamp-only mode would skip the rest of a timestamp group: refused.
            config.put("mode", "timestamp");
            rest.putConnectorConfig(from, config);
            err = new StringWriter();
            code = SpillwayMigrate.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
            assertThat(code).isEqualTo(SpillwayMigrate.REFUSED);
            assertThat(err.toString()).contains("mode=timestamp cannot be carried over exactly");
            assertThat(rest.connectors()).doesNotContain(to);
        } finally {
            deleteQuietly(rest, to);
            deleteQuietly(rest, from);
            db.dropNamespace(ns);
        }
    }

    /** Runs the packaged bin/spillway-migrate, as a user would, and returns its stdout; it must exit 0. */
    private static String launcher(String... args) throws Exception {
        Path home = Files.createTempDirectory("spillway-migrate-dist");
        Process untar = new ProcessBuilder("tar", "xzf", System.getProperty("spillway.migrate.dist"), "-C",
            home.toString()).inheritIO().start();
        assertThat(untar.waitFor()).isZero();
        Path bin;
        try (var dirs = Files.list(home)) {
            bin = dirs.findFirst().orElseThrow().resolve("bin").resolve("spillway-migrate");
        }
        List<String> command = new ArrayList<>(List.of(bin.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    private static Map<String, String> confluentConfig(Db db, String ns, String mode) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.confluent.connect.jdbc.JdbcSourceConnector");
        // Confluent users on MySQL/MariaDB mostly have a jdbc:mysql: URL; the bundled MariaDB driver takes it.
        config.put("connection.url", db == Db.POSTGRES ? db.url : "jdbc:mysql://127.0.0.1:3306/" + ns);
        config.put("connection.user", db.user);
        config.put("mode", mode);
        config.put("incrementing.column.name", "id");
        config.put("timestamp.column.name", "updated");
        config.put("table.whitelist", "events");
        config.put("schema.pattern", db == Db.POSTGRES ? ns : "");
        config.put("topic.prefix", "legacy-" + ns + "-");
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
