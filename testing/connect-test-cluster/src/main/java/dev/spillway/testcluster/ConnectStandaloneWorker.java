package dev.spillway.testcluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect standalone worker ({@code connect-standalone}) in a JVM of its own: offsets in a local file,
 * connectors given as properties files on the command line, as a user would run it from a Kafka download.
 *
 * <p>Restarting it ({@link #stop()} or {@link #kill()}, then {@link #start()}) keeps the offsets file, so a source
 * connector resumes where the last flush left it.
 */
public final class ConnectStandaloneWorker extends ChildJvmProcess {

    static final String MAIN_CLASS = "org.apache.kafka.connect.cli.ConnectStandalone";
    static final String OFFSETS_FILE_NAME = "connect.offsets";

    private static final Logger LOG = LoggerFactory.getLogger(ConnectStandaloneWorker.class);

    private final String name;
    private final String kafkaVersion;
    private final int port;
    private final Map<String, String> properties;
    private final Path propertiesFile;
    private final List<Path> connectorFiles;
    private final Duration startupTimeout;
    private final ChildProcess process;
    private final ConnectRestClient rest;

    ConnectStandaloneWorker(String name, String clusterName, KafkaDistribution distribution, String bootstrapServers,
                            Path dir, Path logFile, List<Path> pluginPath, Map<String, String> extraProperties,
                            List<Path> connectorFiles, List<String> jvmOptions, Map<String, String> logLevels,
                            Duration startupTimeout) {
        this.name = name;
        this.kafkaVersion = distribution.version();
        this.port = FreePorts.pick();
        this.startupTimeout = startupTimeout;
        this.properties = Collections.unmodifiableMap(properties(bootstrapServers, port,
                dir.resolve(OFFSETS_FILE_NAME), pluginPath, extraProperties));
        this.propertiesFile = dir.resolve("worker.properties");
        this.connectorFiles = connectorFiles.stream().map(file -> file.toAbsolutePath().normalize()).toList();
        PropertiesFile.write(propertiesFile, "Connect standalone worker " + name + " of test cluster " + clusterName
                + " (Kafka " + distribution.version() + ")", properties);
        Path logConfig = dir.resolve(ChildJvm.logConfigFileName(distribution.loggingBackend()));
        ChildJvm.writeLogConfig(logConfig, distribution.loggingBackend(), logLevels);
        List<String> arguments = Stream.concat(Stream.of(propertiesFile), this.connectorFiles.stream())
                .map(Path::toString).toList();
        this.process = new ChildProcess(name, ChildJvm.command(jvmOptions, clusterName + "/" + name,
                distribution.loggingBackend(), logConfig, distribution.classpath(), MAIN_CLASS, arguments), dir,
                logFile);
        this.rest = new ConnectRestClient(restUrl());
    }

    /**
     * The worker configuration. {@code overrides} win over the defaults, and a {@code null} override removes a
     * default.
     */
    static Map<String, String> properties(String bootstrapServers, int port, Path offsetsFile, List<Path> pluginPath,
                                          Map<String, String> overrides) {
        Map<String, String> props = new TreeMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("offset.storage.file.filename", offsetsFile.toAbsolutePath().normalize().toString());
        props.put("key.converter", ConnectWorker.JSON_CONVERTER);
        props.put("value.converter", ConnectWorker.JSON_CONVERTER);
        props.put("offset.flush.interval.ms", "1000");
        props.put("listeners", "http://127.0.0.1:" + port);
        props.put("rest.advertised.host.name", "127.0.0.1");
        props.put("rest.advertised.port", String.valueOf(port));
        if (!pluginPath.isEmpty()) {
            props.put("plugin.path", pluginPath.stream().map(path -> path.toAbsolutePath().normalize().toString())
                    .collect(Collectors.joining(",")));
        }
        overrides.forEach((key, value) -> {
            if (value == null) {
                props.remove(key);
            } else {
                props.put(key, value);
            }
        });
        return props;
    }

    @Override
    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}; stable across restarts. */
    public String restUrl() {
        return "http://127.0.0.1:" + port;
    }

    public ConnectRestClient rest() {
        return rest;
    }

    /** The worker configuration as written to {@link #propertiesFile()}. */
    public Map<String, String> properties() {
        return properties;
    }

    public Path propertiesFile() {
        return propertiesFile;
    }

    /** The connector properties files passed on the command line, in order. */
    public List<Path> connectorFiles() {
        return connectorFiles;
    }

    /** {@code offset.storage.file.filename}: kept across restarts (unless overridden to point elsewhere). */
    public Path offsetsFile() {
        return Path.of(properties.get("offset.storage.file.filename"));
    }

    public String kafkaVersion() {
        return kafkaVersion;
    }

    /**
     * Starts the worker and waits until its REST API answers {@code GET /connectors}. The connectors from the command
     * line may be created a moment later; wait for them with {@link ConnectRestClient#awaitRunning}.
     */
    @Override
    public synchronized void start() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        long started = System.nanoTime();
        process.launch();
        HttpClient http = ConnectRestClient.sharedHttpClient();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(restUrl() + "/connectors"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            Await.until(name + " REST API at " + restUrl() + " to answer GET /connectors", startupTimeout, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with code " + process.exitCode().orElse(-1)
                            + " during startup; see " + process.logFile() + "\n" + LogFiles.tail(process.logFile(), 80));
                }
                return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            });
        } catch (RuntimeException | AssertionError e) {
            // Do not leave a half-started worker behind a failed start.
            process.kill();
            throw e;
        }
        LOG.info("Kafka {} Connect standalone {} ready at {} after {} ms (log: {})", kafkaVersion, name, restUrl(),
                (System.nanoTime() - started) / 1_000_000, process.logFile());
    }

    /** {@link #stop()} is a SIGTERM: the worker stops its tasks and flushes their offsets to the file first. */
    @Override
    ChildProcess process() {
        return process;
    }

    @Override
    public String toString() {
        return "ConnectStandaloneWorker[" + name + ", " + restUrl() + ", Kafka " + kafkaVersion + ", "
                + (isRunning() ? "running" : "stopped") + "]";
    }
}
