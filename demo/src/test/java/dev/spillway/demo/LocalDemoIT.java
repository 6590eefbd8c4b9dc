package dev.spillway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo keeps working: it starts, lists Spillway's plugins and moves records. */
class LocalDemoIT {

    @Test
    void demoStartsListsPluginsAndRunsItsPipeline(@TempDir Path workDir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LocalDemo.Options options = LocalDemo.Options.parse(new String[] {
            "--zip", System.getProperty("spillway.zip"), "--work-dir", workDir.toString(), "--exit-after-start"});

        new LocalDemo(options, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();

        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("Spillway plugins loaded by the worker", "dev.spillway.", "demo line 5",
                "Ready.");
    }
}
