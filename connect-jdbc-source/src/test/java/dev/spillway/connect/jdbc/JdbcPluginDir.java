package dev.spillway.connect.jdbc;

import dev.spillway.testcluster.PluginPaths;

import java.nio.file.Path;

/** The plugin directory the worker ITs load the connector from: this module's jar and its runtime dependencies. */
final class JdbcPluginDir {

    private JdbcPluginDir() {
    }

    /** Lays out the plugin under {@code pluginPath} (a worker's plugin.path) and returns it. */
    static Path create(Path pluginPath) {
        PluginPaths.pluginDirFromBuild(pluginPath, "spillway-jdbc-source", "spillway.jdbc.jar", "spillway.jdbc.deps");
        return pluginPath;
    }
}
