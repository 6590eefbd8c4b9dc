package dev.spillway.testcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the kit against real Kafka processes: the stock FileStreamSource connector, loaded from {@code plugin.path},
 * copies a file into a topic while workers are killed and restarted and the broker is bounced.
 */
class ConnectClusterIT {

    static final String FILE_SOURCE = "org.apache.kafka.connect.file.FileStreamSourceConnector";
    static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    /** A fresh work dir whose {@code plugins/} holds the stock connect-file plugin of {@code distribution}. */
    static Path workDirWithConnectFile(String name, KafkaDistribution distribution) {
        Path workDir = ConnectCluster.defaultWorkDir(name);
        PluginPaths.copyPluginDir(distribution.connectFilePluginDir(), workDir.resolve("plugins"));
        return workDir;
    }

    static Map<String, String> fileSourceConfig(Path file, String topic) {
        return Map.of(
                "connector.class", FILE_SOURCE,
                "tasks.max", "1",
                "file", file.toString(),
                "topic", topic,
                "value.converter", STRING_CONVERTER);
    }

    static List<String> lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line-" + i).toList();
    }

    static void append(Path file, List<String> lines) throws IOException {
        Files.writeString(file, lines.stream().collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Waits until every expected line is in the topic; duplicates are fine (at least once), strangers are not. */
    static List<String> awaitAllLines(TopicClient topics, String topic, List<String> expected,
                                      IsolationLevel isolation) {
        List<String> values = Await.until("all " + expected.size() + " lines in " + topic, TIMEOUT,
                () -> TopicClient.stringValues(topics.readAll(topic, isolation)),
                read -> read.containsAll(expected));
        assertThat(values).hasSizeGreaterThanOrEqualTo(expected.size()).isSubsetOf(expected);
        return values;
    }

    @Nested
    @DisplayName("Kafka 3.9.2, two workers: fail-over, rejoin and broker restart")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class TwoWorkersOnKafka39 {

        static final String CONNECTOR = "file-source";
        static final String TOPIC = "file-lines";

        ConnectCluster cluster;
        Path input;
        final List<String> expected = new ArrayList<>();
        ConnectWorker victim;
        /** The steps build on each other; once one fails, the later ones would only time out. */
        int stepsPassed;

        void requireStepsPassed(int steps) {
            assumeTrue(stepsPassed == steps, "an earlier step of this scenario failed");
        }

        @BeforeAll
        void startCluster() throws IOException {
            KafkaDistribution distribution = KafkaDistribution.resolve("3.9.2");
            Path workDir = workDirWithConnectFile("it-kafka39", distribution);
            cluster = LOGS.watch(ConnectCluster.builder()
                    .name("it-kafka39")
                    .kafkaVersion("3.9.2")
                    .workers(2)
                    .workDir(workDir)
                    .pluginPath(workDir.resolve("plugins"))
                    .start());
            input = Files.createDirectories(workDir.resolve("input")).resolve("lines.txt");
        }

        @AfterAll
        void closeCluster() {
            if (cluster != null) {
                cluster.close();
                LOGS.unwatch(cluster);
            }
        }

        @Test
        @Order(1)
        void fileSourceFromPluginPathDeliversEveryLine() throws IOException {
            requireStepsPassed(0);
            assertThat(cluster.rest().serverInfo().path("version").asText()).isEqualTo("3.9.2");
            assertThat(cluster.rest().connectorPlugins(true))
                    .contains(new PluginInfo(FILE_SOURCE, "source", "3.9.2"));
            // Without name and connector.class: validate() fills them in.
            Map<String, String> config = new HashMap<>(fileSourceConfig(input, TOPIC));
            config.remove("connector.class");
            JsonNode validation = cluster.rest().validate(FILE_SOURCE, config);
            assertThat(validation.path("error_count").asInt()).as(validation.toString()).isZero();

            expected.addAll(lines(1, 100));
            append(input, expected);
            cluster.rest().createConnector(CONNECTOR, fileSourceConfig(input, TOPIC));
            cluster.rest().awaitRunning(CONNECTOR, 1, TIMEOUT);

            List<String> values = awaitAllLines(cluster.topics(), TOPIC, expected, IsolationLevel.READ_UNCOMMITTED);
            // Nothing has failed yet, so nothing may have been delivered twice.
            assertThat(values).containsExactlyElementsOf(expected);
            // Counted and sampled without reading the whole topic.
            assertThat(cluster.topics().endOffset(TOPIC)).isEqualTo(expected.size());
            assertThat(TopicClient.stringValues(cluster.topics().readFirst(TOPIC, 3)))
                    .containsExactlyElementsOf(expected.subList(0, 3));
            assertThat(cluster.topics().endOffset("no-such-topic")).isZero();
            assertThat(cluster.workers()).allSatisfy(worker ->
                    assertThat(worker.rest().connectors()).containsExactly(CONNECTOR));
            stepsPassed++;
        }

        @Test
        @Order(2)
        void taskFailsOverWhenItsWorkerIsKilled() throws IOException {
            requireStepsPassed(1);
            // Kill the worker running the task, so that the task itself has to move.
            String taskWorker = cluster.rest().status(CONNECTOR).tasks().get(0).workerId();
            victim = cluster.workers().stream().filter(worker -> worker.workerId().equals(taskWorker))
                    .findFirst().orElseThrow();
            ConnectWorker survivor = cluster.workers().stream().filter(worker -> worker != victim)
                    .findFirst().orElseThrow();

            victim.kill();
            assertThat(victim.isRunning()).isFalse();
            List<String> more = lines(101, 150);
            append(input, more);
            expected.addAll(more);

            ConnectorStatus status = survivor.rest().awaitStatus(CONNECTOR, TIMEOUT,
                    "connector and task RUNNING on the surviving worker " + survivor.workerId(),
                    s -> s.isRunning(1) && survivor.workerId().equals(s.workerId())
                            && survivor.workerId().equals(s.tasks().get(0).workerId()));
            assertThat(status.tasks()).singleElement().extracting(TaskStatus::workerId)
                    .isEqualTo(survivor.workerId());
            awaitAllLines(cluster.topics(), TOPIC, expected, IsolationLevel.READ_UNCOMMITTED);
            stepsPassed++;
        }

        @Test
        @Order(3)
        void killedWorkerRejoinsAfterRestart() {
            requireStepsPassed(2);
            victim.start();

            assertThat(victim.isRunning()).isTrue();
            Await.until(victim.name() + " to list " + CONNECTOR + " after rejoining", TIMEOUT,
                    () -> victim.rest().connectors(), connectors -> connectors.contains(CONNECTOR));
            victim.rest().awaitRunning(CONNECTOR, 1, TIMEOUT);
            stepsPassed++;
        }

        @Test
        @Order(4)
        void dataFlowsAfterBrokerRestart() throws IOException {
            requireStepsPassed(3);
            KafkaBroker broker = cluster.broker();
            String bootstrap = broker.bootstrapServers();

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.start();
            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);

            List<String> more = lines(151, 200);
            append(input, more);
            expected.addAll(more);
            awaitAllLines(cluster.topics(), TOPIC, expected, IsolationLevel.READ_UNCOMMITTED);
            cluster.rest().awaitRunning(CONNECTOR, 1, TIMEOUT);
            stepsPassed++;
        }
    }

    @Nested
    @DisplayName("Kafka 4.3.1, one worker: service-loader discovery and exactly-once source")
    class OneWorkerOnKafka4 {

        @Test
        void fileSourceWithServiceLoaderDiscoveryAndExactlyOnce() throws IOException {
            KafkaDistribution distribution = KafkaDistribution.resolve("4.3.1");
            Path workDir = workDirWithConnectFile("it-kafka4", distribution);
            ConnectCluster cluster = LOGS.watch(ConnectCluster.builder()
                    .name("it-kafka4")
                    .kafkaVersion("4.3.1")
                    .workers(1)
                    .workDir(workDir)
                    .pluginPath(workDir.resolve("plugins"))
                    .workerProperty("plugin.discovery", "service_load")
                    .workerProperty("exactly.once.source.support", "enabled")
                    .start());
            try {
                ConnectRestClient rest = cluster.rest();
                assertThat(rest.serverInfo().path("version").asText()).isEqualTo("4.3.1");
                assertThat(rest.connectorPlugins(true)).contains(new PluginInfo(FILE_SOURCE, "source", "4.3.1"));

                Path input = Files.createDirectories(workDir.resolve("input")).resolve("lines.txt");
                List<String> expected = lines(1, 30);
                append(input, expected);
                rest.createConnector("file-source", fileSourceConfig(input, "file-lines"));
                rest.awaitRunning("file-source", 1, TIMEOUT);

                // Exactly-once source tasks write in transactions: read only what was committed.
                List<String> values = awaitAllLines(cluster.topics(), "file-lines", expected,
                        IsolationLevel.READ_COMMITTED);
                assertThat(values).containsExactlyElementsOf(expected);
                Await.until("source offsets of file-source to be committed", TIMEOUT,
                        () -> rest.offsets("file-source").path("offsets").size() > 0);
            } finally {
                cluster.close();
                LOGS.unwatch(cluster);
            }
        }
    }
}
