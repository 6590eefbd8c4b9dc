package dev.spillway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo keeps working: run the way demo.sh runs it (plain java on the packaged classpath), it
 * starts, lists Spillway's plugins and moves records: lines of a file, the orders of the bundled sample API
 * through Spillway's REST source, and the rows of an embedded PostgreSQL (or of the user's database) through
 * Spillway's JDBC source.
 */
class LocalDemoIT {

    @Test
    void demoStartsListsPluginsAndRunsItsPipelines(@TempDir Path workDir) throws Exception {
        String text = runDemo(workDir, List.of(), Map.of());
        assertThat(text).contains("Spillway plugins loaded by the worker", "dev.spillway.connect.smt.Mask$Value",
                "demo line 5", "Ready.");
        // The REST pipeline walked every page of the bundled sample API into its topic.
        assertThat(text).contains("Pipeline demo-rest-source: ", "-> topic demo-rest.orders, 250 records",
                "key=1 value=" + SampleOrdersApi.order(1), "last: key=250 value=" + SampleOrdersApi.order(250));
        // The JDBC pipeline read the embedded PostgreSQL's snapshot, then the rows the writer changed.
        assertThat(text).contains("Pipeline demo-jdbc-source: PostgreSQL 17.",
                "-> topic demo-jdbc.public.orders, 300 records",
                "key={\"id\":1} value={\"id\":1,\"customer\":\"customer-8\",\"amount\":12.34,\"status\":\"shipped\","
                        + "\"updated_at\":\"",
                "key={\"id\":300} value={\"id\":300,", "the first changes on the topic:",
                "key={\"id\":301} value={\"id\":301,");
        // Stopped with the demo: no embedded PostgreSQL left running on its data directory.
        Path dataDir = workDir.resolve("postgres-data");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(line -> line.contains(dataDir.toString())).orElse(false)).toList()).isEmpty();
    }

    /** --jdbc-url: the user's MariaDB tables are read by their incrementing column, and never written. */
    @Test
    void demoReadsTheUsersDatabase(@TempDir Path workDir) throws Exception {
        String database = "demo_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String admin = "jdbc:mariadb://127.0.0.1:3306/?user=root";
        try (Connection connection = DriverManager.getConnection(admin);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
            statement.execute("CREATE TABLE " + database + ".items (id INT AUTO_INCREMENT PRIMARY KEY,"
                    + " name VARCHAR(40), price DECIMAL(8,2))");
            statement.execute("INSERT INTO " + database + ".items (name, price) VALUES"
                    + " ('kettle', 24.90), ('teapot', 31.50), ('mug', 7.25)");
        }
        try {
            String text = runDemo(workDir, List.of("--jdbc-url", "jdbc:mariadb://127.0.0.1:3306/" + database,
                    "--jdbc-user", "root", "--jdbc-incrementing-column", "id"), Map.of());
            assertThat(text).contains("tables matching '" + database + "\\..*', incrementing on id; read only",
                    "-> 1 topic(s), 3 records so far:", "demo-jdbc." + database + ".items: 3 records",
                    "key={\"id\":1} value={\"id\":1,\"name\":\"kettle\",\"price\":24.90}", "Ready.");
            assertThat(text).doesNotContain("embedded PostgreSQL");
        } finally {
            try (Connection connection = DriverManager.getConnection(admin);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE " + database);
            }
        }
    }

    private static String runDemo(Path workDir, List<String> extraArgs, Map<String, String> environment)
            throws Exception {
        Path target = Path.of(System.getProperty("spillway.demo.target", "target"));
        String classpath = target.resolve("classes") + File.pathSeparator
                + Files.readString(target.resolve("classpath.txt"), StandardCharsets.UTF_8).strip();
        Path output = workDir.resolve("demo.out");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                LocalDemo.class.getName(), "--zip", System.getProperty("spillway.zip"),
                "--work-dir", workDir.toString(), "--exit-after-start"));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process demo = builder.start();

        boolean finished = demo.waitFor(400, TimeUnit.SECONDS);
        if (!finished) {
            demo.destroy();
            demo.waitFor(30, TimeUnit.SECONDS);
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("demo finished:%n%s", text).isTrue();
        assertThat(demo.exitValue()).as("demo exit code:%n%s", text).isZero();
        return text;
    }
}
