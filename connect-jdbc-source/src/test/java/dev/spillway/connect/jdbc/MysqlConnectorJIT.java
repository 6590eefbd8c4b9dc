package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.KafkaVersions;
import dev.spillway.testcluster.TopicClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * With MySQL Connector/J put into the plugin directory beside the bundled MariaDB driver, a jdbc:mysql: URL is
 * served by Connector/J (the worker log names it), against the MariaDB server, with the database horizon.
 */
class MysqlConnectorJIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    private static ConnectCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        Path plugins = JdbcPluginDir.create(Files.createTempDirectory("jdbc-mysql-it").resolve("plugins"));
        Path driver = Path.of(System.getProperty("spillway.mysql.driver"));
        Files.copy(driver, plugins.resolve("spillway-jdbc-source").resolve(driver.getFileName()));
        cluster = LOGS.watch(ConnectCluster.builder()
            .name("jdbc-mysql")
            .kafkaVersion(KafkaVersions.fromSystemProperty().get(0))
            .workers(1)
            .pluginPath(plugins)
            .logLevel(ReadOnlySource.class.getName(), "DEBUG")
            .start());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aMysqlUrlIsServedByConnectorJFromThePluginDirectory() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        String ns = db.createNamespace();
        String name = "mysql-" + ns;
        ConnectRestClient rest = cluster.rest();
        try {
            String table = db.createEventsTable(ns, "events");
            db.execute("INSERT INTO " + table + " (name) VALUES ('a'), ('b')");
            Map<String, String> config = new HashMap<>();
            config.put("connector.class", JdbcSourceConnector.class.getName());
            config.put("connection.url", "jdbc:mysql://127.0.0.1:3306/test");
            config.put("connection.user", db.user);
            config.put("mode", "timestamp+incrementing");
            config.put("incrementing.column.name", "id");
            config.put("timestamp.column.name", "updated");
            config.put("table.include.list", ns + "\\.events");
            config.put("topic.prefix", "mysql.");
            config.put("poll.interval.ms", "200");
            config.put("horizon.mode", "database");
            config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            config.put("value.converter.schemas.enable", "false");
            rest.createConnector(name, config);
            rest.awaitRunning(name, 1, TIMEOUT);
            db.execute("INSERT INTO " + table + " (name) VALUES ('c')");
            TopicClient topics = cluster.topics();
            String topic = "mysql." + ns + ".events";
            Await.until("rows a, b, c in " + topic, TIMEOUT, () -> names(topics.readAll(topic)),
                names -> names.equals(new TreeSet<>(List.of("a", "b", "c"))));
            assertThat(Files.readString(cluster.worker(0).logFile())).contains("JDBC driver com.mysql.cj.jdbc.Driver");
        } finally {
            try {
                rest.delete(name);
            } catch (RuntimeException e) {
                // not created
            }
            db.dropNamespace(ns);
        }
    }

    private static TreeSet<String> names(List<ConsumerRecord<byte[], byte[]>> records) {
        TreeSet<String> names = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                names.add(JSON.readTree(r.value()).path("name").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }
}
