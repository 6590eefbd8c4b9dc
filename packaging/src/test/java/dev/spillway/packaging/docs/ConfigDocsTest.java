package dev.spillway.packaging.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/config/} equal to what the plugins' ConfigDefs say. Locally it rewrites the pages; on CI
 * ({@code CI=true}) it only compares, so a change that forgets to commit regenerated docs fails the build.
 */
class ConfigDocsTest {

    private static final Path DOCS = Path.of(System.getProperty("spillway.repo.root", ".."), "docs", "config");

    @Test
    void committedConfigDocsMatchTheConfigDefs() throws IOException {
        ClassLoader loader = getClass().getClassLoader();
        Map<String, String> expected = ConfigDocRenderer.render(PluginCatalog.spillwayPlugins(loader), loader);

        List<String> stale = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(expected.keySet());
        names.addAll(existingPages());
        for (String name : names) {
            Path file = DOCS.resolve(name);
            String want = expected.get(name);
            String have = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
            if (!java.util.Objects.equals(want, have)) {
                stale.add(name + (want == null ? " (no such plugin any more)" : have == null ? " (missing)" : ""));
            }
        }
        if (stale.isEmpty()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("docs/config is stale for %s: run `mvn -B -pl packaging -am test` locally and commit docs/config",
                    stale);
        }
        Files.createDirectories(DOCS);
        for (String name : names) {
            Path file = DOCS.resolve(name);
            String want = expected.get(name);
            if (want == null) {
                Files.deleteIfExists(file);
            } else {
                Files.writeString(file, want, StandardCharsets.UTF_8);
            }
        }
        System.out.println("Regenerated docs/config: " + stale);
        assertThat(existingPages()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    private static List<String> existingPages() throws IOException {
        if (!Files.isDirectory(DOCS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".md")).toList();
        }
    }
}
