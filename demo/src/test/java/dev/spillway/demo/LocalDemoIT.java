package dev.spillway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo keeps working: run the way demo.sh runs it (plain java on the packaged classpath), it
 * starts, lists Spillway's plugins and moves records: lines of a file, and the orders of the bundled sample API
 * through Spillway's REST source.
 */
class LocalDemoIT {

    @Test
    void demoStartsListsPluginsAndRunsItsPipeline(@TempDir Path workDir) throws Exception {
        Path target = Path.of(System.getProperty("spillway.demo.target", "target"));
        String classpath = target.resolve("classes") + File.pathSeparator
                + Files.readString(target.resolve("classpath.txt"), StandardCharsets.UTF_8).strip();
        Path output = workDir.resolve("demo.out");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, LocalDemo.class.getName(),
                "--zip", System.getProperty("spillway.zip"), "--work-dir", workDir.toString(), "--exit-after-start")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();

        boolean finished = demo.waitFor(300, TimeUnit.SECONDS);
        if (!finished) {
            demo.destroy();
            demo.waitFor(30, TimeUnit.SECONDS);
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("demo finished:%n%s", text).isTrue();
        assertThat(demo.exitValue()).as("demo exit code:%n%s", text).isZero();
        assertThat(text).contains("Spillway plugins loaded by the worker", "dev.spillway.connect.smt.Mask$Value",
                "demo line 5", "Ready.");
        // The REST pipeline walked every page of the bundled sample API into its topic.
        assertThat(text).contains("Pipeline demo-rest-source: ", "-> topic demo-rest.orders, 250 records",
                "key=1 value=" + SampleOrdersApi.order(1), "last: key=250 value=" + SampleOrdersApi.order(250));
    }
}
