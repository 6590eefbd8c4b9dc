package dev.spillway.testcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginPathsTest {

    @TempDir
    Path dir;

    @Test
    void pluginDirFromBuildTakesTheModuleJarAndItsDependenciesButNoWorkerJars() throws Exception {
        Path jar = Files.writeString(dir.resolve("spillway-x-1.0.jar"), "jar");
        Path deps = Files.createDirectories(dir.resolve("deps"));
        Files.writeString(deps.resolve("jackson-core-2.18.2.jar"), "dep");
        Files.writeString(deps.resolve("notes.txt"), "not a jar");
        System.setProperty("plugin-paths-test.jar", jar.toString());
        System.setProperty("plugin-paths-test.deps", deps.toString());
        try {
            Path plugin = PluginPaths.pluginDirFromBuild(dir.resolve("plugins"), "spillway-x", "plugin-paths-test.jar",
                "plugin-paths-test.deps");
            try (var files = Files.list(plugin)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("spillway-x-1.0.jar", "jackson-core-2.18.2.jar");
            }

            Files.writeString(deps.resolve("kafka-clients-3.9.2.jar"), "worker");
            assertThatThrownBy(() -> PluginPaths.pluginDirFromBuild(dir.resolve("plugins2"), "spillway-x",
                "plugin-paths-test.jar", "plugin-paths-test.deps"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kafka-clients-3.9.2.jar");
            assertThatThrownBy(() -> PluginPaths.pluginDirFromBuild(dir.resolve("plugins3"), "spillway-x",
                "plugin-paths-test.unset", "plugin-paths-test.deps"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("plugin-paths-test.unset");
        } finally {
            System.clearProperty("plugin-paths-test.jar");
            System.clearProperty("plugin-paths-test.deps");
        }
    }

    @Test
    void unzipReturnsSingleTopLevelFolder() throws Exception {
        Path zip = zip("plugin.zip", "acme-source-1.0/", "acme-source-1.0/lib/acme.jar",
                "acme-source-1.0/manifest.json");

        Path plugin = PluginPaths.unzip(zip, dir.resolve("plugins"));

        assertThat(plugin).isEqualTo(dir.resolve("plugins").resolve("acme-source-1.0"));
        assertThat(plugin.resolve("lib").resolve("acme.jar")).hasContent("acme-source-1.0/lib/acme.jar");
        assertThat(plugin.resolve("manifest.json")).exists();
    }

    @Test
    void unzipReturnsTargetForFlatArchives() throws Exception {
        Path zip = zip("flat.zip", "a.jar", "b.jar");

        assertThat(PluginPaths.unzip(zip, dir.resolve("flat"))).isEqualTo(dir.resolve("flat"));
        assertThat(dir.resolve("flat").resolve("b.jar")).exists();
    }

    @Test
    void unzipRejectsEntriesEscapingTarget() throws Exception {
        Path zip = zip("evil.zip", "../evil.jar");

        assertThatThrownBy(() -> PluginPaths.unzip(zip, dir.resolve("target")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../evil.jar");
        assertThat(dir.resolve("evil.jar")).doesNotExist();
    }

    @Test
    void copiesPluginDirKeepingItsName() throws Exception {
        Path source = Files.createDirectories(dir.resolve("src").resolve("connect-file"));
        Files.writeString(source.resolve("connect-file.jar"), "jar");
        Files.createDirectories(source.resolve("nested"));
        Files.writeString(source.resolve("nested").resolve("x.txt"), "x");

        Path copy = PluginPaths.copyPluginDir(source, dir.resolve("plugins"));

        assertThat(copy).isEqualTo(dir.resolve("plugins").resolve("connect-file"));
        assertThat(copy.resolve("connect-file.jar")).hasContent("jar");
        assertThat(copy.resolve("nested").resolve("x.txt")).hasContent("x");
    }

    @Test
    void buildsPluginDirFromJars() throws Exception {
        Path jar = Files.writeString(dir.resolve("my-connector-1.0.jar"), "jar");

        Path plugin = PluginPaths.pluginDirFromJars(dir.resolve("plugins"), "my-connector", List.of(jar));

        assertThat(plugin.resolve("my-connector-1.0.jar")).hasContent("jar");
    }

    private Path zip(String name, String... entries) throws Exception {
        Path zip = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipOut = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zipOut.putNextEntry(new ZipEntry(entry));
                if (!entry.endsWith("/")) {
                    zipOut.write(entry.getBytes(StandardCharsets.UTF_8));
                }
                zipOut.closeEntry();
            }
        }
        return zip;
    }
}
