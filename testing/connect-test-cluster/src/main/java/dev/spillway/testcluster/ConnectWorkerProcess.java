package dev.spillway.testcluster;

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
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a distributed and a standalone Connect worker share: a JVM of its own with a properties file, a REST API on
 * a free loopback port that stays the same across restarts, and a start that waits for that API.
 */
abstract class ConnectWorkerProcess extends ChildJvmProcess {

    static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

    private static final Logger LOG = LoggerFactory.getLogger(ConnectWorkerProcess.class);

    private final String name;
    private final String kafkaVersion;
    private final int port;
    private final Map<String, String> properties;
    private final Path propertiesFile;
    private final Duration startupTimeout;
    private final ChildProcess process;
    private final ConnectRestClient rest;

    /**
     * @param properties the worker configuration for the port picked here
     * @param arguments  command-line arguments after the properties file
     */
    ConnectWorkerProcess(String name, String description, String clusterName, KafkaDistribution distribution,
                         Path dir, Path logFile, IntFunction<Map<String, String>> properties, String mainClass,
                         List<Path> arguments, List<String> jvmOptions, Map<String, String> logLevels,
                         Duration startupTimeout) {
        this.name = name;
        this.kafkaVersion = distribution.version();
        this.port = FreePorts.pick();
        this.startupTimeout = startupTimeout;
        this.properties = Collections.unmodifiableMap(properties.apply(port));
        this.propertiesFile = dir.resolve("worker.properties");
        PropertiesFile.write(propertiesFile, description + " of test cluster " + clusterName
                + " (Kafka " + distribution.version() + ")", this.properties);
        Path logConfig = dir.resolve(ChildJvm.logConfigFileName(distribution.loggingBackend()));
        ChildJvm.writeLogConfig(logConfig, distribution.loggingBackend(), logLevels);
        List<String> commandLine = Stream.concat(Stream.of(propertiesFile), arguments.stream())
                .map(Path::toString).toList();
        this.process = new ChildProcess(name, ChildJvm.command(jvmOptions, clusterName + "/" + name,
                distribution.loggingBackend(), logConfig, distribution.classpath(), mainClass, commandLine), dir,
                logFile);
        this.rest = new ConnectRestClient(restUrl());
    }

    /** The settings every test worker has: the broker, JSON converters, a quick offset flush, the REST listener. */
    static Map<String, String> commonProperties(String bootstrapServers, int port, List<Path> pluginPath) {
        Map<String, String> props = new TreeMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("key.converter", JSON_CONVERTER);
        props.put("value.converter", JSON_CONVERTER);
        props.put("offset.flush.interval.ms", "1000");
        props.put("listeners", "http://127.0.0.1:" + port);
        props.put("rest.advertised.host.name", "127.0.0.1");
        props.put("rest.advertised.port", String.valueOf(port));
        if (!pluginPath.isEmpty()) {
            props.put("plugin.path", pluginPath.stream().map(path -> path.toAbsolutePath().normalize().toString())
                    .collect(Collectors.joining(",")));
        }
        return props;
    }

    /** {@code overrides} win over {@code props}, and a {@code null} override removes a setting. */
    static Map<String, String> withOverrides(Map<String, String> props, Map<String, String> overrides) {
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

    public String kafkaVersion() {
        return kafkaVersion;
    }

    /** Starts the worker and waits until its REST API answers {@code GET /connectors}. */
    @Override
    public synchronized void start() {
        launch();
        awaitReady();
    }

    /** Starts the process without waiting, so several workers can boot at the same time. */
    synchronized void launch() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        process.launch();
    }

    /** Waits until the REST API answers {@code GET /connectors} with 200, failing fast if the process dies. */
    void awaitReady() {
        long started = System.nanoTime();
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
        LOG.info("Kafka {} Connect {} ready at {} after {} ms (log: {})", kafkaVersion, name, restUrl(),
                (System.nanoTime() - started) / 1_000_000, process.logFile());
    }

    @Override
    ChildProcess process() {
        return process;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + ", " + restUrl() + ", Kafka " + kafkaVersion + ", "
                + (isRunning() ? "running" : "stopped") + "]";
    }
}
