package dev.spillway.packaging.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.spillway.packaging.PluginZip;
import dev.spillway.testcluster.KafkaVersions;

import org.junit.jupiter.api.Test;

/**
 * The recipes in the zip's {@code etc/deploy/} are parsed and held to the zip they came in: the zip's file name,
 * folder name and version, the paths inside it, and plugin classes it declares. (That their connector configs pass
 * a worker's validate is ExampleConfigsIT's part.)
 */
class DeployRecipesIT {

    private static final Pattern SPILLWAY_CLASS = Pattern.compile("dev\\.spillway\\.[A-Za-z0-9_.$]+[A-Za-z0-9_]");
    /** Paths inside the zip a recipe names, as {@code <folder>/etc/...}, {@code etc/...} or {@code doc/...}. */
    private static final Pattern ZIP_PATH = Pattern.compile("(?<![\\w/.-])((?:etc|doc)/[A-Za-z0-9_./-]*[A-Za-z0-9_])");

    private final PluginZip zip = PluginZip.fromSystemProperty();
    private final String version = System.getProperty("spillway.version");
    private final String folder = zip.path().getFileName().toString().replaceFirst("\\.zip$", "");

    @Test
    void strimziResourceBuildsTheZipIntoAConnectImage() throws IOException {
        String text = zip.read("/etc/deploy/strimzi-kafka-connect.yaml");
        List<JsonNode> documents = yamlDocuments(text);
        assertThat(documents).extracting(d -> d.get("kind").asText()).containsExactly("KafkaConnect", "KafkaConnector");
        JsonNode connect = documents.get(0);
        assertThat(connect.get("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
        JsonNode plugins = connect.at("/spec/build/plugins");
        assertThat(plugins.size()).isEqualTo(1);
        assertThat(plugins.get(0).get("name").asText()).matches("[a-z0-9][-a-z0-9]*[a-z0-9]");
        JsonNode artifact = plugins.get(0).get("artifacts").get(0);
        assertThat(artifact.get("type").asText()).isEqualTo("zip");
        assertThat(artifact.get("url").asText()).startsWith("https://").endsWith("/v" + version + "/" + folder + ".zip");
        assertThat(connect.at("/spec/build/output/image").asText()).endsWith(":" + version);
        assertThat(connect.at("/spec/metricsConfig/valueFrom/configMapKeyRef/key").asText())
                .isEqualTo("prometheus-jmx-exporter.yml");
        assertThat(zip.entries()).contains(folder + "/etc/monitoring/prometheus-jmx-exporter.yml");

        JsonNode connector = documents.get(1);
        assertThat(connector.at("/metadata/labels/strimzi.io~1cluster").asText())
                .isEqualTo(connect.at("/metadata/name").asText());
        assertThat(declaredClasses()).contains(connector.at("/spec/class").asText());
        assertZipPathsExist("strimzi-kafka-connect.yaml", text);
        assertThat(text).doesNotContain("${project.", "${spillway.");
    }

    @Test
    void dockerfileInstallsTheZipIntoTheKafkaImagesPluginPath() throws IOException {
        String text = zip.read("/etc/deploy/Dockerfile");
        List<String[]> instructions = dockerInstructions(text);
        List<String> froms = instructions.stream().filter(i -> i[0].equals("FROM")).map(i -> i[1]).toList();
        assertThat(froms).hasSize(2);
        assertThat(froms.get(1)).isEqualTo("apache/kafka:${KAFKA_VERSION}");
        String kafkaVersion = instructions.stream().filter(i -> i[0].equals("ARG") && i[1].startsWith("KAFKA_VERSION="))
                .map(i -> i[1].substring("KAFKA_VERSION=".length())).findFirst().orElseThrow();
        assertThat(KafkaVersions.parse(KafkaVersions.DEFAULT)).as("a tested Kafka version").contains(kafkaVersion);

        List<String> copies = instructions.stream().filter(i -> i[0].equals("COPY")).map(i -> i[1]).toList();
        assertThat(copies).contains(folder + ".zip /tmp/spillway.zip",
                "--from=spillway /plugins/ /opt/kafka/plugins/",
                "connect-distributed.properties /opt/kafka/config/spillway/connect-distributed.properties");
        assertThat(instructions).anySatisfy(i -> assertThat(i[0] + " " + i[1])
                .isEqualTo("RUN mkdir -p /plugins && unzip -q /tmp/spillway.zip -d /plugins"));
        assertThat(instructions).anySatisfy(i -> assertThat(i[0] + " " + i[1])
                .isEqualTo("CMD [\"/opt/kafka/config/spillway/connect-distributed.properties\"]"));

        // The worker file the image uses names the directory the zip is unpacked into.
        Properties worker = new Properties();
        worker.load(new StringReader(zip.read("/etc/deploy/connect-distributed.properties")));
        assertThat(worker.getProperty("plugin.path")).isEqualTo("/opt/kafka/plugins");
        assertThat(worker.getProperty("plugin.discovery")).isEqualTo("service_load");
        assertThat(text).doesNotContain("${project.", "${spillway.");
    }

    @Test
    void walkthroughNamesTheZipItsPathsAndItsClasses() {
        String text = zip.read("/etc/deploy/connect-distributed.md");
        assertThat(text).startsWith("# Spillway " + version).contains("unzip -q " + folder + ".zip -d /opt/kafka/plugins")
                .doesNotContain("${project.", "${spillway.");
        List<String> commands = shellLines(text);
        assertThat(commands).contains("bin/connect-distributed.sh config/spillway-connect.properties");
        for (String command : commands) {
            Matcher matcher = Pattern.compile("/opt/kafka/plugins/([^/\\s]+)").matcher(command);
            while (matcher.find()) {
                assertThat(matcher.group(1)).as("plugin folder in %s", command).isEqualTo(folder);
            }
        }
        Matcher classes = SPILLWAY_CLASS.matcher(text);
        Set<String> named = new TreeSet<>();
        while (classes.find()) {
            named.add(classes.group());
        }
        assertThat(named).isNotEmpty();
        assertThat(declaredClasses()).containsAll(named);
        assertZipPathsExist("connect-distributed.md", text);
    }

    private void assertZipPathsExist(String recipe, String text) {
        Matcher matcher = ZIP_PATH.matcher(text);
        int found = 0;
        while (matcher.find()) {
            found++;
            String path = matcher.group(1);
            assertThat(zip.entries()).as("%s names %s", recipe, path)
                    .anyMatch(entry -> entry.equals(folder + "/" + path) || entry.startsWith(folder + "/" + path + "/"));
        }
        assertThat(found).as("paths into the zip named by %s", recipe).isPositive();
    }

    private Set<String> declaredClasses() {
        Set<String> classes = new TreeSet<>();
        zip.declaredPlugins().values().forEach(classes::addAll);
        return classes;
    }

    private static List<JsonNode> yamlDocuments(String text) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(text)) {
            return documents.readAll();
        }
    }

    /** Instructions as {keyword, arguments}: comments and blank lines dropped, continuation lines joined. */
    static List<String[]> dockerInstructions(String dockerfile) {
        List<String[]> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : dockerfile.lines().toList()) {
            String line = raw.strip();
            if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String[] parts = current.toString().strip().split("\\s+", 2);
            instructions.add(new String[] {parts[0].toUpperCase(), parts.length > 1 ? parts[1].strip() : ""});
            current.setLength(0);
        }
        return instructions;
    }

    /** The lines of the {@code sh} blocks of a markdown text, continuation lines joined. */
    static List<String> shellLines(String markdown) {
        List<String> lines = new ArrayList<>();
        Matcher blocks = Pattern.compile("(?ms)^```sh\\s*\\n(.*?)^```").matcher(markdown);
        while (blocks.find()) {
            String joined = blocks.group(1).replaceAll("\\\\\\n\\s*", " ");
            joined.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
        }
        return lines;
    }
}
