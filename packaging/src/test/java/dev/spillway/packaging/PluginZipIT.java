package dev.spillway.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spillway.testcluster.KafkaDistribution;
import dev.spillway.testcluster.KafkaVersions;
import dev.spillway.testcluster.PluginPaths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The built zip itself: layout, manifest, nothing worker-provided in lib/, and loadable by Kafka's own tool. */
class PluginZipIT {

    /** Artifacts every worker already has on its classpath; bundling one breaks class loading in subtle ways. */
    private static final Pattern WORKER_PROVIDED_JAR = Pattern.compile(
            "(kafka-clients|kafka_2\\.1[23]|kafka-server.*|connect-api|connect-runtime|connect-transforms|connect-json"
                    + "|connect-file|connect-mirror.*|slf4j-.*|log4j.*|reload4j|logback-.*)-\\d.*\\.jar");
    private static final List<String> WORKER_PROVIDED_PACKAGES =
            List.of("org/apache/kafka/", "org/slf4j/", "org/apache/log4j/", "org/apache/logging/log4j/");

    private final PluginZip zip = PluginZip.fromSystemProperty();
    private final String version = System.getProperty("spillway.version");

    @Test
    void isAHubComponentZipNamedAfterTheVersion() {
        String top = "spillway-" + version + "/";
        assertThat(zip.path().getFileName().toString()).isEqualTo("spillway-" + version + ".zip");
        assertThat(zip.entries()).allMatch(name -> name.startsWith(top), "everything under " + top);
        assertThat(zip.entries()).contains(top + "manifest.json", top + "doc/README.md", top + "doc/LICENSE",
                top + "doc/THIRD-PARTY.txt", top + "etc/README.md");
    }

    @Test
    void manifestDescribesTheComponent() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(zip.read("/manifest.json"));
        for (String field : List.of("name", "owner", "version", "title", "description", "component_types",
                "requirements", "license", "documentation_url", "features")) {
            assertThat(manifest.has(field)).as("manifest.json has %s", field).isTrue();
        }
        assertThat(manifest.get("version").asText()).isEqualTo(version);
        assertThat(manifest.get("name").asText()).isEqualTo("spillway");
        assertThat(manifest.get("license").get(0).get("name").asText()).isEqualTo("Apache License 2.0");
    }

    @Test
    void libHoldsNothingTheWorkerProvides() {
        assertThat(zip.libJars()).isNotEmpty().noneMatch(jar -> WORKER_PROVIDED_JAR.matcher(jar).matches());
        assertThat(zip.classFiles())
                .noneMatch(cls -> WORKER_PROVIDED_PACKAGES.stream().anyMatch(cls::startsWith));
    }

    @Test
    void everyDeclaredPluginClassIsInLib() {
        Map<String, List<String>> declared = zip.declaredPlugins();
        assertThat(declared).as("plugins declared in META-INF/services of lib/ jars").isNotEmpty();
        List<String> classFiles = zip.classFiles();
        declared.values().stream().flatMap(List::stream).forEach(cls ->
                assertThat(classFiles).as("class file of %s", cls).contains(cls.replace('.', '/') + ".class"));
    }

    static List<String> kafkaVersions() {
        return KafkaVersions.fromSystemProperty();
    }

    /** KIP-898's connect-plugin-path tool: loadable, with a manifest (service_load finds it), with our version. */
    @ParameterizedTest(name = "Kafka {0}")
    @MethodSource("kafkaVersions")
    void kafkasConnectPluginPathToolLoadsEveryPlugin(String kafkaVersion, @TempDir Path dir) throws Exception {
        KafkaDistribution kafka = KafkaDistribution.resolve(kafkaVersion);
        Path pluginPath = dir.resolve("plugins");
        PluginPaths.unzip(zip.path(), pluginPath);

        Path output = dir.resolve("connect-plugin-path.out");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", kafka.classpath(), "org.apache.kafka.tools.ConnectPluginPath", "list",
                "--plugin-path", pluginPath.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("connect-plugin-path finished").isTrue();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit code of connect-plugin-path:%n%s", text).isZero();

        Map<String, String[]> rows = new HashMap<>();
        for (String line : text.lines().toList()) {
            String[] cells = line.split("\t");
            if (cells.length >= 8 && cells[0].startsWith("dev.spillway.")) {
                rows.put(cells[0], cells);
            }
        }
        List<String> declared = new ArrayList<>();
        zip.declaredPlugins().values().forEach(declared::addAll);
        assertThat(declared).isNotEmpty();
        for (String cls : declared) {
            assertThat(rows).as("connect-plugin-path lists %s:%n%s", cls, text).containsKey(cls);
            String[] row = rows.get(cls);
            assertThat(row[3]).as("version of %s", cls).isEqualTo(version);
            assertThat(row[5]).as("isLoadable of %s", cls).isEqualTo("true");
            assertThat(row[6]).as("hasManifest of %s", cls).isEqualTo("true");
        }
    }
}
