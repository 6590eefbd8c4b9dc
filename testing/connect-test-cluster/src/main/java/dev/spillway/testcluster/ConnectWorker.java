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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Kafka Connect distributed worker in a JVM of its own. */
public final class ConnectWorker extends ChildJvmProcess {

    static final String MAIN_CLASS = "org.apache.kafka.connect.cli.ConnectDistributed";
    static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

    private static final Logger LOG = LoggerFactory.getLogger(ConnectWorker.class);

    private final int index;
    private final String name;
    private final String kafkaVersion;
    private final int port;
    private final Map<String, String> properties;
    private final Path propertiesFile;
    private final Duration startupTimeout;
    private final ChildProcess process;
    private final ConnectRestClient rest;

    ConnectWorker(int index, String clusterName, KafkaDistribution distribution, String bootstrapServers, Path dir,
                  Path logFile, List<Path> pluginPath, Map<String, String> extraProperties, List<String> jvmOptions,
                  Map<String, String> logLevels, Duration startupTimeout) {
        this.index = index;
        this.name = "worker-" + index;
        this.kafkaVersion = distribution.version();
        this.port = FreePorts.pick();
        this.startupTimeout = startupTimeout;
        this.properties = Collections.unmodifiableMap(
                properties(clusterName, bootstrapServers, port, pluginPath, extraProperties));
        this.propertiesFile = dir.resolve("worker.properties");
        PropertiesFile.write(propertiesFile, "Connect worker " + index + " of test cluster " + clusterName
                + " (Kafka " + distribution.version() + ")", properties);
        Path logConfig = dir.resolve(ChildJvm.logConfigFileName(distribution.loggingBackend()));
        ChildJvm.writeLogConfig(logConfig, distribution.loggingBackend(), logLevels);
        this.process = new ChildProcess(name, ChildJvm.command(jvmOptions, clusterName + "/" + name,
                distribution.loggingBackend(), logConfig, distribution.classpath(), MAIN_CLASS,
                List.of(propertiesFile.toString())), dir, logFile);
        this.rest = new ConnectRestClient(restUrl());
    }

    /**
     * The worker configuration. {@code overrides} win over the defaults, and a {@code null} override removes a
     * default. Internal topics are named after the cluster so that several clusters could share a broker.
     */
    static Map<String, String> properties(String clusterName, String bootstrapServers, int port,
                                          List<Path> pluginPath, Map<String, String> overrides) {
        Map<String, String> props = new TreeMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", clusterName);
        props.put("config.storage.topic", clusterName + "-configs");
        props.put("offset.storage.topic", clusterName + "-offsets");
        props.put("status.storage.topic", clusterName + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("key.converter", JSON_CONVERTER);
        props.put("value.converter", JSON_CONVERTER);
        props.put("offset.flush.interval.ms", "1000");
        props.put("listeners", "http://127.0.0.1:" + port);
        props.put("rest.advertised.host.name", "127.0.0.1");
        props.put("rest.advertised.port", String.valueOf(port));
        // The default of 5 minutes keeps the tasks of a killed worker unassigned far longer than any test waits.
        props.put("scheduled.rebalance.max.delay.ms", "10000");
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

    /** Position of this worker in its cluster, from 0. */
    public int index() {
        return index;
    }

    @Override
    public String name() {
        return name;
    }

    /** The id Connect reports in statuses for this worker: {@code 127.0.0.1:<port>}. */
    public String workerId() {
        return "127.0.0.1:" + port;
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
                return status(http, probe) == 200;
            });
        } catch (RuntimeException | AssertionError e) {
            // Do not leave a half-started worker behind a failed start.
            process.kill();
            throw e;
        }
        LOG.info("Kafka {} Connect {} ready at {} after {} ms (log: {})", kafkaVersion, name, restUrl(),
                (System.nanoTime() - started) / 1_000_000, process.logFile());
    }

    private static int status(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    ChildProcess process() {
        return process;
    }

    @Override
    public String toString() {
        return "ConnectWorker[" + name + ", " + restUrl() + ", Kafka " + kafkaVersion + ", "
                + (isRunning() ? "running" : "stopped") + "]";
    }
}
