package dev.spillway.testcluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A single-node KRaft Kafka broker (combined broker and controller) in a JVM of its own. */
public final class KafkaBroker extends ChildJvmProcess {

    static final String MAIN_CLASS = "kafka.Kafka";
    /** The same Scala class formats storage in 3.x and 4.x: {@code format -t <cluster id> -c <properties>}. */
    static final String STORAGE_TOOL = "kafka.tools.StorageTool";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

    private final String name;
    private final KafkaDistribution distribution;
    private final Path dir;
    private final Path dataDir;
    private final Path propertiesFile;
    private final Duration startupTimeout;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private final ChildProcess process;
    private final ChildProcess formatter;

    KafkaBroker(String clusterName, KafkaDistribution distribution, Path dir, Path logFile, List<String> jvmOptions,
                Map<String, String> extraProperties, Map<String, String> logLevels, Duration startupTimeout) {
        this.name = "broker";
        this.distribution = distribution;
        this.dir = dir;
        this.dataDir = dir.resolve("data");
        this.propertiesFile = dir.resolve("server.properties");
        this.startupTimeout = startupTimeout;
        int[] ports = FreePorts.pick(2);
        this.port = ports[0];
        this.controllerPort = ports[1];
        this.clusterId = Uuid.randomUuid().toString();

        PropertiesFile.write(propertiesFile, "KRaft broker of test cluster " + clusterName + " (Kafka "
                + distribution.version() + ")", properties(distribution.majorVersion(), port, controllerPort, dataDir,
                extraProperties));
        Path logConfig = dir.resolve(ChildJvm.logConfigFileName(distribution.loggingBackend()));
        ChildJvm.writeLogConfig(logConfig, distribution.loggingBackend(), logLevels);
        String processId = clusterName + "/" + name;
        this.process = new ChildProcess(name, ChildJvm.command(jvmOptions, processId, distribution.loggingBackend(),
                logConfig, distribution.classpath(), MAIN_CLASS, List.of(propertiesFile.toString())), dir, logFile);
        this.formatter = new ChildProcess(name + "-format", ChildJvm.command(jvmOptions, processId + "-format",
                distribution.loggingBackend(), logConfig, distribution.classpath(), STORAGE_TOOL,
                List.of("format", "-t", clusterId, "-c", propertiesFile.toString())), dir, logFile);
    }

    /** The broker configuration; {@code overrides} win, and a {@code null} override removes a default. */
    static Map<String, String> properties(int majorVersion, int port, int controllerPort, Path dataDir,
                                          Map<String, String> overrides) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir.toAbsolutePath().toString());
        props.put("num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        // Fewer partitions than the default 50 make the first consumer group (the Connect workers') start faster.
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        if (majorVersion >= 4) {
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
        }
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        // The default 128 MiB dedupe buffer would be most of a small heap; Connect's compacted topics are tiny.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        Map<String, String> result = new TreeMap<>(props);
        overrides.forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

    @Override
    public String name() {
        return name;
    }

    /** {@code 127.0.0.1:<port>}; stable across restarts. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public String clusterId() {
        return clusterId;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path propertiesFile() {
        return propertiesFile;
    }

    public String kafkaVersion() {
        return distribution.version();
    }

    /** Formats the storage if needed (first start only), starts the broker and waits until it answers. */
    @Override
    public synchronized void start() {
        if (process.isAlive()) {
            throw new IllegalStateException("The broker is already running");
        }
        long started = System.nanoTime();
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format();
        }
        process.launch();
        awaitReady();
        LOG.info("Kafka {} broker started at {} in {} ms (log: {})", distribution.version(), bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000, process.logFile());
    }

    private void format() {
        formatter.launch();
        Await.until("the storage tool to format " + dataDir, startupTimeout, () -> !formatter.isAlive());
        long exit = formatter.exitCode().orElse(-1);
        if (exit != 0) {
            throw new IllegalStateException("Formatting the broker storage failed with exit code " + exit + "; see "
                    + formatter.logFile() + "\n" + LogFiles.tail(formatter.logFile(), 40));
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        String description = "the Kafka broker at " + bootstrapServers() + " to answer";
        try {
            // Wait for the listener before creating the admin client: it connects at once and would log a warning
            // for every refused connection while the broker boots.
            Await.until(description, startupTimeout, () -> {
                requireAlive();
                return isListening();
            });
            Properties config = new Properties();
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "spillway-testcluster-broker-probe");
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
            config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
            try (Admin admin = Admin.create(config)) {
                Await.until(description, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), () -> {
                    requireAlive();
                    return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
                });
            }
        } catch (RuntimeException | AssertionError e) {
            // Do not leave a half-started broker behind a failed start.
            process.kill();
            throw e;
        }
    }

    private void requireAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("The Kafka broker exited with code " + process.exitCode().orElse(-1)
                    + " during startup; see " + process.logFile() + "\n" + LogFiles.tail(process.logFile(), 60));
        }
    }

    private boolean isListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(FreePorts.LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    ChildProcess process() {
        return process;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", Kafka " + distribution.version() + ", "
                + (isRunning() ? "running" : "stopped") + "]";
    }
}
