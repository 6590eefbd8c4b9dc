package dev.spillway.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private final String owner = System.getProperty("spillway.hub.owner");
    private final String name = System.getProperty("spillway.hub.name");

    @Test
    void isAHubComponentZipNamedOwnerNameVersion() {
        String top = owner + "-" + name + "-" + version + "/";
        assertThat(top).isEqualTo("spillway-spillway-connect-" + version + "/");
        assertThat(zip.path().getFileName().toString()).isEqualTo("spillway-spillway-connect-" + version + ".zip");
        assertThat(zip.entries()).allMatch(entry -> entry.startsWith(top), "everything under " + top);
        assertThat(zip.entries()).contains(top + "manifest.json", top + "doc/README.md", top + "doc/LICENSE",
                top + "doc/THIRD-PARTY.txt", top + "etc/README.md", top + "assets/spillway-logo.png");
    }

    /** doc/ is for users: the zip's own README and the guides, never the pages about developing Spillway. */
    @Test
    void docHoldsUserDocumentationOnly() {
        String top = owner + "-" + name + "-" + version + "/";
        assertThat(zip.entries()).contains(top + "doc/docs/jdbc-source.md", top + "doc/docs/rest-source.md",
                top + "doc/docs/converters.md", top + "doc/docs/operations.md", top + "doc/docs/smt/mask.md",
                top + "doc/docs/config/jdbc-source-connector.md");
        assertThat(zip.entries()).noneMatch(entry -> entry.matches(".*/doc/.*(testing|benchmarks|"
                + "schema-registry-testing|releasing|dlq-tools)\\.md"));
        String readme = zip.read("/doc/README.md");
        assertThat(readme).startsWith("# Spillway " + version).contains("## Install")
                .contains(top.substring(0, top.length() - 1) + ".zip")
                .doesNotContain("## Building", "mvn ", "${project.", "${spillway.");
    }

    /** A relative link in the zip's documentation leads to a page in the zip: the developer pages stay out. */
    @Test
    void linksInDocResolveInsideTheZip() {
        String top = owner + "-" + name + "-" + version + "/";
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(?:#[^)]*)?\\)");
        List<String> pages = zip.entries().stream().filter(e -> e.startsWith(top + "doc/") && e.endsWith(".md"))
                .toList();
        int checked = 0;
        for (String page : pages) {
            java.util.regex.Matcher matcher = link.matcher(zip.read(page));
            while (matcher.find()) {
                String target = matcher.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue;
                }
                String resolved = Path.of(page).resolveSibling(target).normalize().toString().replace('\\', '/');
                assertThat(zip.entries()).as("%s links to %s", page, target)
                        .anyMatch(e -> e.equals(resolved) || e.equals(resolved + "/"));
                checked++;
            }
        }
        assertThat(checked).as("relative links checked").isGreaterThan(10);
    }

    /** The manifest against the Hub's component manifest format: required fields, their types, honest features. */
    @Test
    void manifestFollowsTheHubFormat() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(zip.read("/manifest.json"));
        assertThat(fieldNames(manifest)).as("known manifest fields only").isSubsetOf("name", "version", "title",
                "description", "owner", "support", "logo", "tags", "features", "documentation_url", "source_url",
                "docker_image", "license", "component_types", "requirements", "release_date");
        for (String field : List.of("name", "version", "title", "description", "documentation_url", "source_url",
                "logo", "release_date")) {
            assertThat(manifest.path(field).isTextual()).as("manifest.json %s is a string", field).isTrue();
            assertThat(manifest.get(field).asText()).as("manifest.json %s", field).isNotBlank();
        }
        assertThat(manifest.get("name").asText()).isEqualTo(name).matches("[a-z0-9][a-z0-9-]{1,254}");
        assertThat(manifest.get("version").asText()).isEqualTo(version);
        assertThat(manifest.get("release_date").asText()).matches("\\d{4}-\\d{2}-\\d{2}")
                .isEqualTo(System.getProperty("spillway.build.timestamp").substring(0, 10));

        JsonNode ownerNode = manifest.get("owner");
        assertThat(ownerNode.path("username").asText()).isEqualTo(owner).matches("[a-z0-9_]{2,255}");
        assertThat(ownerNode.path("type").asText()).isIn("user", "organization");
        assertThat(ownerNode.path("name").isTextual()).isTrue();
        assertThat(ownerNode.path("url").asText()).startsWith("https://");
        assertThat(manifest.path("support").path("url").asText()).startsWith("https://");

        String top = owner + "-" + name + "-" + version + "/";
        for (JsonNode logo : List.of(manifest.get("logo"), ownerNode.get("logo"), manifest.get("support").get("logo"))) {
            assertThat(logo.asText()).as("logo path").startsWith("assets/").doesNotContain("..");
            assertThat(zip.entries()).as("the logo %s is in the archive", logo).contains(top + logo.asText());
        }
        byte[] png = zip.readBytes("/" + manifest.get("logo").asText());
        assertThat(java.util.Arrays.copyOf(png, 8)).as("PNG signature")
                .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        int width = java.nio.ByteBuffer.wrap(png, 16, 4).getInt();
        int height = java.nio.ByteBuffer.wrap(png, 20, 4).getInt();
        assertThat(width).as("logo width (the Hub wants 400 x 200 or more)").isGreaterThanOrEqualTo(400);
        assertThat(height).as("logo height").isGreaterThanOrEqualTo(200);

        assertStrings(manifest.get("component_types"), "component_types");
        assertThat(strings(manifest.get("component_types"))).isSubsetOf("source", "sink", "transform", "converter")
                .containsExactlyInAnyOrder("source", "transform");
        assertStrings(manifest.get("requirements"), "requirements");
        assertStrings(manifest.get("tags"), "tags");
        assertThat(manifest.get("license").isArray()).isTrue();
        assertThat(manifest.get("license").get(0).get("name").asText()).isEqualTo("Apache License 2.0");
        assertThat(manifest.get("license").get(0).get("url").asText()).startsWith("https://");

        JsonNode features = manifest.get("features");
        assertThat(fieldNames(features)).isSubsetOf("supported_encodings", "single_message_transforms",
                "confluent_control_center_integration", "kafka_connect_api", "delivery_guarantee");
        assertThat(features.get("single_message_transforms").isBoolean()).isTrue();
        assertThat(features.get("kafka_connect_api").isBoolean()).isTrue();
        assertStrings(features.get("supported_encodings"), "supported_encodings");
        // Nothing tests Control Center: not claimed.
        assertThat(features.path("confluent_control_center_integration").asBoolean(false)).isFalse();
        assertThat(strings(features.get("delivery_guarantee"))).isSubsetOf("at_least_once", "exactly_once");
        // Exactly once holds for some modes only: the description says which.
        assertThat(manifest.get("description").asText()).contains("Exactly once", "timestamp+incrementing",
                "transaction.boundary=connector", "transaction.boundary=interval", "cursor", "page-number");
        if (manifest.has("docker_image")) {
            for (String field : List.of("namespace", "name", "tag")) {
                assertThat(manifest.get("docker_image").path(field).asText()).as("docker_image.%s", field)
                        .isNotBlank();
            }
        }
    }

    /** Installed by the Hub's rules (see HubInstall), the component has its manifest and lib/ at its root. */
    @Test
    void installsByTheHubLayoutRules(@TempDir Path components) throws IOException {
        Path installed = HubInstall.install(zip.path(), owner, name, version, components);
        assertThat(installed.getFileName().toString()).isEqualTo("spillway-spillway-connect");
        assertThat(installed.resolve("manifest.json")).isRegularFile();
        try (var lib = Files.list(installed.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(zip.libJars());
        }
        try (var top = Files.list(installed)) {
            assertThat(top.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("manifest.json", "lib", "doc", "etc", "assets");
        }
    }

    @Test
    void hubInstallRefusesArchivesThatBreakTheLayout(@TempDir Path dir) throws IOException {
        Path wrongName = dir.resolve("spillway-" + version + ".zip");
        Files.copy(zip.path(), wrongName);
        assertThatThrownBy(() -> HubInstall.install(wrongName, owner, name, version, dir.resolve("c1")))
                .hasMessage("archive spillway-" + version + ".zip is not named spillway-spillway-connect-"
                        + version + ".zip");
        String top = owner + "-" + name + "-" + version;
        Path escaping = zipWith(dir.resolve(top + ".zip"), top + "/manifest.json", top + "/../evil.txt");
        assertThatThrownBy(() -> HubInstall.install(escaping, owner, name, version, dir.resolve("c2")))
                .hasMessage("entry " + top + "/../evil.txt is not a plain relative path");
        Files.delete(escaping);
        Path stray = zipWith(dir.resolve(top + ".zip"), top + "/manifest.json", top + "/bin/tool.sh");
        assertThatThrownBy(() -> HubInstall.install(stray, owner, name, version, dir.resolve("c3")))
                .hasMessageStartingWith("entry " + top + "/bin/tool.sh is neither manifest.json nor under");
        Files.delete(stray);
        Path noManifest = zipWith(dir.resolve(top + ".zip"), top + "/lib/a.jar");
        assertThatThrownBy(() -> HubInstall.install(noManifest, owner, name, version, dir.resolve("c4")))
                .hasMessage("archive " + top + ".zip has no " + top + "/manifest.json");
    }

    private static Path zipWith(Path file, String... entries) throws IOException {
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            for (String entry : entries) {
                out.putNextEntry(new java.util.zip.ZipEntry(entry));
                out.write("x".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return file;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static void assertStrings(JsonNode node, String field) {
        assertThat(node != null && node.isArray() && node.size() > 0).as("%s is a non-empty array", field).isTrue();
        node.forEach(value -> assertThat(value.isTextual()).as("%s holds strings", field).isTrue());
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

    /** KIP-898's connect-plugin-path tool on the component as the Hub installs it: loadable, with a manifest (service_load finds it), with our version. */
    @ParameterizedTest(name = "Kafka {0}")
    @MethodSource("kafkaVersions")
    void kafkasConnectPluginPathToolLoadsEveryPlugin(String kafkaVersion, @TempDir Path dir) throws Exception {
        KafkaDistribution kafka = KafkaDistribution.resolve(kafkaVersion);
        Path pluginPath = dir.resolve("plugins");
        HubInstall.install(zip.path(), owner, name, version, pluginPath);

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
