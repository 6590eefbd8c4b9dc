package dev.spillway.testcluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Kafka Connect standalone worker ({@code connect-standalone}) in a JVM of its own: offsets in a local file,
 * connectors given as properties files on the command line, as a user would run it from a Kafka download.
 *
 * <p>Restarting it ({@link #stop()} or {@link #kill()}, then {@link #start()}) keeps the offsets file, so a source
 * connector resumes where the last flush left it. {@link #stop()} is a SIGTERM: the worker stops its tasks and
 * flushes their offsets to the file first. The connectors from the command line may be created a moment after
 * {@link #start()} returns; wait for them with {@link ConnectRestClient#awaitRunning}.
 */
public final class ConnectStandaloneWorker extends ConnectWorkerProcess {

    static final String MAIN_CLASS = "org.apache.kafka.connect.cli.ConnectStandalone";
    static final String OFFSETS_FILE_NAME = "connect.offsets";

    private final List<Path> connectorFiles;

    ConnectStandaloneWorker(String name, String clusterName, KafkaDistribution distribution, String bootstrapServers,
                            Path dir, Path logFile, List<Path> pluginPath, Map<String, String> extraProperties,
                            List<Path> connectorFiles, List<String> jvmOptions, Map<String, String> logLevels,
                            Duration startupTimeout) {
        super(name, "Connect standalone worker " + name, clusterName, distribution, dir, logFile,
                port -> properties(bootstrapServers, port, dir.resolve(OFFSETS_FILE_NAME), pluginPath,
                        extraProperties), MAIN_CLASS, absolute(connectorFiles), jvmOptions, logLevels,
                startupTimeout);
        this.connectorFiles = absolute(connectorFiles);
    }

    private static List<Path> absolute(List<Path> files) {
        return files.stream().map(file -> file.toAbsolutePath().normalize()).toList();
    }

    /**
     * The worker configuration. {@code overrides} win over the defaults, and a {@code null} override removes a
     * default.
     */
    static Map<String, String> properties(String bootstrapServers, int port, Path offsetsFile, List<Path> pluginPath,
                                          Map<String, String> overrides) {
        Map<String, String> props = commonProperties(bootstrapServers, port, pluginPath);
        props.put("offset.storage.file.filename", offsetsFile.toAbsolutePath().normalize().toString());
        return withOverrides(props, overrides);
    }

    /** The connector properties files passed on the command line, in order. */
    public List<Path> connectorFiles() {
        return connectorFiles;
    }

    /** {@code offset.storage.file.filename}: kept across restarts (unless overridden to point elsewhere). */
    public Path offsetsFile() {
        return Path.of(properties().get("offset.storage.file.filename"));
    }
}
