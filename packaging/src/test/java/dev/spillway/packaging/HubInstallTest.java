package dev.spillway.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubInstallTest {

    private static final String TOP = "acme-thing-1.2.3";

    @TempDir
    Path dir;

    @Test
    void installsTheFolderWithoutItsVersion() throws IOException {
        Path zip = zipWith(TOP + ".zip", TOP + "/", TOP + "/manifest.json", TOP + "/lib/a.jar", TOP + "/doc/README.md",
                TOP + "/etc/x.json", TOP + "/assets/logo.png");
        Path installed = HubInstall.install(zip, "acme", "thing", "1.2.3", dir.resolve("components"));
        assertThat(installed).isEqualTo(dir.resolve("components").resolve("acme-thing").toAbsolutePath());
        assertThat(installed.resolve("manifest.json")).hasContent("x");
        assertThat(installed.resolve("lib/a.jar")).isRegularFile();
        assertThat(installed.resolve("assets/logo.png")).isRegularFile();
    }

    @Test
    void refusesAnArchiveNotNamedOwnerNameVersion() throws IOException {
        Path zip = zipWith("thing-1.2.3.zip", TOP + "/manifest.json");
        assertThatThrownBy(() -> HubInstall.install(zip, "acme", "thing", "1.2.3", dir.resolve("c")))
                .hasMessage("archive thing-1.2.3.zip is not named acme-thing-1.2.3.zip");
    }

    @Test
    void refusesEntriesOutsideTheFolderOrEscapingIt() throws IOException {
        Path escaping = zipWith(TOP + ".zip", TOP + "/manifest.json", TOP + "/lib/../../evil.sh");
        assertThatThrownBy(() -> HubInstall.install(escaping, "acme", "thing", "1.2.3", dir.resolve("c")))
                .hasMessage("entry " + TOP + "/lib/../../evil.sh is not a plain relative path");
        assertThat(dir.resolve("c")).as("a refused archive leaves nothing behind").doesNotExist();
        Files.delete(escaping);
        Path absolute = zipWith(TOP + ".zip", "/etc/passwd");
        assertThatThrownBy(() -> HubInstall.install(absolute, "acme", "thing", "1.2.3", dir.resolve("c")))
                .hasMessage("entry /etc/passwd is not a plain relative path");
        Files.delete(absolute);
        Path outside = zipWith(TOP + ".zip", TOP + "/manifest.json", "other/lib/a.jar");
        assertThatThrownBy(() -> HubInstall.install(outside, "acme", "thing", "1.2.3", dir.resolve("c")))
                .hasMessage("entry other/lib/a.jar is outside the folder " + TOP + "/");
    }

    @Test
    void refusesStrayFilesAndAMissingManifest() throws IOException {
        Path stray = zipWith(TOP + ".zip", TOP + "/manifest.json", TOP + "/README.md");
        assertThatThrownBy(() -> HubInstall.install(stray, "acme", "thing", "1.2.3", dir.resolve("c")))
                .hasMessageStartingWith("entry " + TOP + "/README.md is neither manifest.json nor under");
        Files.delete(stray);
        Path noManifest = zipWith(TOP + ".zip", TOP + "/lib/a.jar");
        assertThatThrownBy(() -> HubInstall.install(noManifest, "acme", "thing", "1.2.3", dir.resolve("c")))
                .hasMessage("archive " + TOP + ".zip has no " + TOP + "/manifest.json");
    }

    private Path zipWith(String name, String... entries) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String entry : entries) {
                out.putNextEntry(new ZipEntry(entry));
                if (!entry.endsWith("/")) {
                    out.write("x".getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        return file;
    }
}
