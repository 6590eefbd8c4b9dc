package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.testcluster.PluginPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The plugin directory the worker ITs load the connector from: this module's jar and its runtime dependencies. */
final class JdbcPluginDir {

    private JdbcPluginDir() {
    }

    /** Lays out the plugin under {@code pluginPath} (a worker's plugin.path) and returns it. */
    static Path create(Path pluginPath) throws IOException {
        PluginPaths.pluginDirFromJars(pluginPath, "spillway-jdbc-source", jars());
        return pluginPath;
    }

    private static List<Path> jars() throws IOException {
        List<Path> jars = new ArrayList<>();
        jars.add(Path.of(requiredProperty("spillway.jdbc.jar")));
        try (Stream<Path> deps = Files.list(Path.of(requiredProperty("spillway.jdbc.deps")))) {
            deps.filter(p -> p.toString().endsWith(".jar")).forEach(jars::add);
        }
        assertThat(jars).as("no worker-provided jars").noneMatch(jar -> jar.getFileName().toString()
            .matches("(kafka-clients|connect-api|connect-runtime|connect-json|slf4j-.*)-[0-9].*"));
        return jars;
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("System property " + name + " is not set: run through Maven (mvn verify)");
        }
        return value;
    }
}
