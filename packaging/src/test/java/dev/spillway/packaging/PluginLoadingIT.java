package dev.spillway.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.KafkaDistribution;
import dev.spillway.testcluster.KafkaVersions;
import dev.spillway.testcluster.PluginInfo;
import dev.spillway.testcluster.PluginPaths;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The zip, unpacked into {@code plugin.path} of stock workers of every tested Kafka version, with both the
 * default class-path scanning and KIP-898's {@code service_load} discovery: every plugin it declares is offered
 * by the worker with Spillway's version, its ConfigDef reaches the validate endpoint, and a real
 * file-to-topic pipeline runs beside it.
 */
class PluginLoadingIT {

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    private final PluginZip zip = PluginZip.fromSystemProperty();
    private final String version = System.getProperty("spillway.version");

    static Stream<Arguments> workers() {
        return KafkaVersions.fromSystemProperty().stream()
                .flatMap(v -> Stream.of(Arguments.of(v, "hybrid_warn"), Arguments.of(v, "service_load")));
    }

    @ParameterizedTest(name = "Kafka {0}, plugin.discovery={1}")
    @MethodSource("workers")
    void stockWorkerLoadsEveryPlugin(String kafkaVersion, String discovery, @TempDir Path dir) throws Exception {
        Path pluginPath = dir.resolve("plugins");
        PluginPaths.unzip(zip.path(), pluginPath);
        PluginPaths.copyPluginDir(KafkaDistribution.resolve(kafkaVersion).connectFilePluginDir(), pluginPath);

        try (ConnectCluster cluster = ConnectCluster.builder()
                .name("loading-" + kafkaVersion.replace('.', '-') + "-" + discovery.replace('_', '-'))
                .kafkaVersion(kafkaVersion)
                .workers(1)
                .pluginPath(pluginPath)
                .workerProperty("plugin.discovery", discovery)
                .start()) {
            LOGS.watch(cluster);
            ConnectRestClient rest = cluster.rest();

            Map<String, List<String>> declared = zip.declaredPlugins();
            assertThat(declared).as("the zip declares plugins").isNotEmpty();
            List<PluginInfo> offered = rest.connectorPlugins(false);
            declared.values().stream().flatMap(List::stream).forEach(cls ->
                    assertThat(offered).as("worker offers %s", cls)
                            .anySatisfy(p -> {
                                assertThat(p.className()).isEqualTo(cls);
                                assertThat(p.version()).isEqualTo(version);
                            }));

            assertConfigDefsReachValidate(rest, declared);
            assertExampleConfigsValidate(rest);
            assertFilePipelineRuns(cluster, dir);
        }
    }

    /** A transform or predicate the worker can load shows its keys when a connector config names it. */
    private static void assertConfigDefsReachValidate(ConnectRestClient rest, Map<String, List<String>> declared) {
        List<String> transforms = declared.getOrDefault("org.apache.kafka.connect.transforms.Transformation", List.of());
        List<String> predicates =
                declared.getOrDefault("org.apache.kafka.connect.transforms.predicates.Predicate", List.of());
        for (String cls : transforms) {
            JsonNode result = rest.validate("org.apache.kafka.connect.file.FileStreamSourceConnector",
                    Map.of("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector",
                            "topic", "unused", "transforms", "t", "transforms.t.type", cls));
            assertPluginKeysListed(result, "transforms.t.", cls);
        }
        for (String cls : predicates) {
            JsonNode result = rest.validate("org.apache.kafka.connect.file.FileStreamSourceConnector",
                    Map.of("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector",
                            "topic", "unused", "predicates", "p", "predicates.p.type", cls));
            assertPluginKeysListed(result, "predicates.p.", cls);
        }
    }

    /** Every example in the zip's etc/ is a config the worker accepts as it stands. */
    private void assertExampleConfigsValidate(ConnectRestClient rest) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> examples = zip.entries().stream().filter(e -> e.matches("[^/]+/etc/[^/]+\\.json")).toList();
        for (String example : examples) {
            Map<String, String> config = json.readValue(zip.read(example), new TypeReference<Map<String, String>>() { });
            JsonNode result = rest.validate(config.get("connector.class"), config);
            assertThat(result.get("error_count").asInt()).as("errors validating %s: %s", example, result).isZero();
        }
    }

    /**
     * The worker loaded the class named by {@code type} (no error on it) and read its ConfigDef: every key the
     * plugin declares (as the same class on this test's classpath says) shows up under the alias prefix.
     */
    private static void assertPluginKeysListed(JsonNode result, String prefix, String cls) {
        List<String> listed = new ArrayList<>();
        boolean typeListed = false;
        for (JsonNode config : result.get("configs")) {
            JsonNode value = config.get("value");
            String name = value.get("name").asText();
            if (name.equals(prefix + "type")) {
                typeListed = true;
                assertThat(value.get("errors")).as("errors on %stype for %s: %s", prefix, cls, value).isEmpty();
            } else if (name.startsWith(prefix)) {
                listed.add(name.substring(prefix.length()));
            }
        }
        assertThat(typeListed).as("%stype in the validate response for %s", prefix, cls).isTrue();
        assertThat(listed).as("keys of %s's ConfigDef in the validate response", cls)
                .containsAll(declaredKeys(cls));
    }

    private static Set<String> declaredKeys(String cls) {
        try {
            Object plugin = Class.forName(cls).getDeclaredConstructor().newInstance();
            ConfigDef def = plugin instanceof Transformation<?> t ? t.config() : ((Predicate<?>) plugin).config();
            return def.names();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Cannot instantiate " + cls + " on the test classpath", e);
        }
    }

    private static void assertFilePipelineRuns(ConnectCluster cluster, Path dir) throws Exception {
        Path input = dir.resolve("input.txt");
        List<String> lines = IntStream.range(0, 200).mapToObj(i -> "line-" + i).toList();
        Files.write(input, lines, StandardCharsets.UTF_8);
        String topic = "file-lines";
        cluster.rest().createConnector("file-source", Map.of(
                "connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector",
                "tasks.max", "1",
                "file", input.toString(),
                "topic", topic,
                "value.converter", "org.apache.kafka.connect.storage.StringConverter"));
        cluster.rest().awaitRunning("file-source", 1, Duration.ofSeconds(90));

        List<ConsumerRecord<byte[], byte[]>> records =
                cluster.topics().awaitRecords(topic, lines.size(), Duration.ofSeconds(90));
        assertThat(records).map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(lines);
    }
}
