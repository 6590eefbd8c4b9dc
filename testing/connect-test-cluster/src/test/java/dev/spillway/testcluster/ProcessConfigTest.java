package dev.spillway.testcluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.testcluster.KafkaDistribution.LoggingBackend;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Rendering of broker, worker, logging and command-line configuration. */
class ProcessConfigTest {

    @Test
    void brokerIsCombinedKraftNodeOnLoopback() {
        Map<String, String> props = KafkaBroker.properties(3, 19092, 19093, Path.of("/tmp/data"), Map.of());

        assertThat(props)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("log.dirs", Path.of("/tmp/data").toAbsolutePath().toString())
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "true")
                .doesNotContainKey("share.coordinator.state.topic.replication.factor");
    }

    @Test
    void kafka4BrokerConfiguresShareCoordinatorAndOverridesWin() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("auto.create.topics.enable", "false");
        overrides.put("log.cleaner.dedupe.buffer.size", null);
        overrides.put("message.max.bytes", "2000000");

        Map<String, String> props = KafkaBroker.properties(4, 1, 2, Path.of("d"), overrides);

        assertThat(props)
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("message.max.bytes", "2000000")
                .doesNotContainKey("log.cleaner.dedupe.buffer.size");
    }

    @Test
    void workerDefaults() {
        Map<String, String> props = ConnectWorker.properties("orders", "127.0.0.1:9092", 8083,
                List.of(Path.of("/p/one"), Path.of("/p/two")), Map.of());

        assertThat(props)
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("group.id", "orders")
                .containsEntry("config.storage.topic", "orders-configs")
                .containsEntry("offset.storage.topic", "orders-offsets")
                .containsEntry("status.storage.topic", "orders-status")
                .containsEntry("config.storage.replication.factor", "1")
                .containsEntry("offset.storage.replication.factor", "1")
                .containsEntry("status.storage.replication.factor", "1")
                .containsEntry("key.converter", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("value.converter", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("offset.flush.interval.ms", "1000")
                .containsEntry("listeners", "http://127.0.0.1:8083")
                .containsEntry("rest.advertised.host.name", "127.0.0.1")
                .containsEntry("rest.advertised.port", "8083")
                .containsEntry("scheduled.rebalance.max.delay.ms", "10000")
                .containsEntry("plugin.path", "/p/one,/p/two");
    }

    @Test
    void workerOverridesWinAndNullRemoves() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("plugin.discovery", "service_load");
        overrides.put("exactly.once.source.support", "enabled");
        overrides.put("offset.flush.interval.ms", "5000");
        overrides.put("scheduled.rebalance.max.delay.ms", null);

        Map<String, String> props = ConnectWorker.properties("c", "b:1", 1, List.of(), overrides);

        assertThat(props)
                .containsEntry("plugin.discovery", "service_load")
                .containsEntry("exactly.once.source.support", "enabled")
                .containsEntry("offset.flush.interval.ms", "5000")
                .doesNotContainKey("scheduled.rebalance.max.delay.ms")
                .doesNotContainKey("plugin.path");
    }

    @Test
    void standaloneWorkerKeepsOffsetsInAFileAndHasNoDistributedSettings() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("offset.flush.interval.ms", "200");
        overrides.put("rest.advertised.port", null);

        Map<String, String> props = ConnectStandaloneWorker.properties("127.0.0.1:9092", 8083,
                Path.of("/w/standalone-0/connect.offsets"), List.of(Path.of("/p/one")), overrides);

        assertThat(props)
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("offset.storage.file.filename",
                        Path.of("/w/standalone-0/connect.offsets").toAbsolutePath().toString())
                .containsEntry("key.converter", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("value.converter", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("offset.flush.interval.ms", "200")
                .containsEntry("listeners", "http://127.0.0.1:8083")
                .containsEntry("rest.advertised.host.name", "127.0.0.1")
                .containsEntry("plugin.path", "/p/one")
                .doesNotContainKey("rest.advertised.port")
                .doesNotContainKeys("group.id", "config.storage.topic", "offset.storage.topic", "status.storage.topic");
    }

    @Test
    void log4j1ConfigSendsInfoToStdout() throws Exception {
        Properties config = load(ChildJvm.logConfig(LoggingBackend.LOG4J1, Map.of("dev.spillway", "DEBUG")));

        assertThat(config.getProperty("log4j.rootLogger")).isEqualTo("INFO, stdout");
        assertThat(config.getProperty("log4j.appender.stdout")).isEqualTo("org.apache.log4j.ConsoleAppender");
        assertThat(config.getProperty("log4j.logger.dev.spillway")).isEqualTo("DEBUG");
    }

    @Test
    void log4j2ConfigSendsInfoToStdout() throws Exception {
        Properties config = load(ChildJvm.logConfig(LoggingBackend.LOG4J2, Map.of("dev.spillway", "DEBUG")));

        assertThat(config.getProperty("appender.stdout.type")).isEqualTo("Console");
        assertThat(config.getProperty("rootLogger.level")).isEqualTo("INFO");
        assertThat(config.getProperty("rootLogger.appenderRef.stdout.ref")).isEqualTo("STDOUT");
        assertThat(config.getProperty("logger.l0.name")).isEqualTo("dev.spillway");
        assertThat(config.getProperty("logger.l0.level")).isEqualTo("DEBUG");
    }

    @Test
    void commandTagsOwnerAndConfiguresLogging() {
        Path logConfig = Path.of("/w/broker/log4j.properties");

        List<String> log4j1 = ChildJvm.command(List.of("-Xmx1g"), "c/broker", LoggingBackend.LOG4J1, logConfig,
                "/k/libs/*", "kafka.Kafka", List.of("/w/broker/server.properties"));
        List<String> log4j2 = ChildJvm.command(List.of(), "c/broker", LoggingBackend.LOG4J2, logConfig,
                "/k/libs/*", "kafka.Kafka", List.of());

        assertThat(log4j1.get(0)).endsWith("java");
        assertThat(log4j1).contains("-Xmx1g", "-Dspillway.testcluster.owner=" + ProcessHandle.current().pid(),
                "-Dspillway.testcluster.process=c/broker", "-Dlog4j.configuration=file:///w/broker/log4j.properties");
        assertThat(log4j1.subList(log4j1.size() - 4, log4j1.size()))
                .containsExactly("-cp", "/k/libs/*", "kafka.Kafka", "/w/broker/server.properties");
        assertThat(log4j2).contains("-Dlog4j2.configurationFile=/w/broker/log4j.properties");
        assertThat(ProcessRegistry.ownerOf(log4j1)).contains(new ProcessRegistry.Owner(ProcessHandle.current().pid(),
                ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli()));
    }

    private static Properties load(Map<String, String> config) throws Exception {
        Properties properties = new Properties();
        properties.load(new ByteArrayInputStream(PropertiesFile.render(null, config)
                .getBytes(StandardCharsets.ISO_8859_1)));
        return properties;
    }
}
