package dev.spillway.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tarball as users unpack it: third-party notices for every bundled jar, and a working shell completion. */
class DistributionIT {

    @TempDir
    static Path dir;

    private static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path tarball = Path.of(System.getProperty("spillway.dlq.dist"));
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", dir.toString()).inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        home = dir.resolve("spillway-dlq-" + System.getProperty("spillway.version"));
    }

    private static List<String> jars() throws Exception {
        try (Stream<Path> files = Files.list(home.resolve("lib"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyBundledJarIsInTheThirdPartyList() throws Exception {
        String thirdParty = Files.readString(home.resolve("THIRD-PARTY.txt"));
        List<String> jars = jars();
        assertThat(jars).filteredOn(name -> name.startsWith("kafka-clients-")).as("one Kafka client").hasSize(1);
        assertThat(jars).anyMatch(name -> name.startsWith("connect-plugin-common-"));
        for (String jar : jars) {
            if (jar.startsWith("connect-")) {
                continue;
            }
            String artifactAndVersion = jar.substring(0, jar.length() - ".jar".length());
            int cut = artifactAndVersion.lastIndexOf('-', artifactAndVersion.indexOf('.') );
            String artifact = artifactAndVersion.substring(0, cut);
            String version = artifactAndVersion.substring(cut + 1);
            assertThat(thirdParty).as(jar).contains(":" + artifact + ":" + version + " ");
        }
        assertThat(thirdParty).contains("(BSD 2-Clause License) zstd-jni").contains("(MIT License) SLF4J API Module");
    }

    @Test
    void noticesAndLicenceTextsTravelAlong() throws Exception {
        Path licenses = home.resolve("licenses");
        assertThat(licenses.resolve("kafka-clients-jar/NOTICE")).isRegularFile();
        assertThat(licenses.resolve("jackson-databind-jar/META-INF/NOTICE")).isRegularFile();
        assertThat(licenses.resolve("jackson-core-jar/META-INF/NOTICE")).isRegularFile();
        assertThat(Files.readString(licenses.resolve("slf4j-MIT.txt"))).contains("Copyright (c) 2004-2017 QOS.ch");
        assertThat(Files.readString(licenses.resolve("zstd-jni-BSD-2-Clause.txt")))
                .contains("Luben Karavelov").contains("Meta Platforms");
    }

    @Test
    void completionScriptCompletesCommandsAndOptions() throws Exception {
        Path script = home.resolve("bin/spillway-dlq-completion.bash");
        assertThat(script).isRegularFile();
        String probe = "source '" + script + "'\n"
                + "complete -p spillway-dlq\n"
                + "COMP_WORDS=(spillway-dlq exp); COMP_CWORD=1; COMP_LINE='spillway-dlq exp';"
                + " COMP_POINT=${#COMP_LINE}; _complete_spillway-dlq; echo \"commands: ${COMPREPLY[*]}\"\n"
                + "COMP_WORDS=(spillway-dlq replay --producer-p); COMP_CWORD=2;"
                + " COMP_LINE='spillway-dlq replay --producer-p'; COMP_POINT=${#COMP_LINE};"
                + " _complete_spillway-dlq 2>/dev/null; echo \"options: ${COMPREPLY[*]}\"\n";
        Process bash = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("-F _complete_spillway-dlq spillway-dlq")
                .contains("commands: export")
                .contains("options: --producer-property");
    }
}
