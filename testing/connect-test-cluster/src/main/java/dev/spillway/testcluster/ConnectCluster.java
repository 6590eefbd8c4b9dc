package dev.spillway.testcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka Connect cluster for tests: one KRaft broker and N distributed workers, each a JVM of its own, started
 * from Apache Kafka's jars of the chosen version.
 *
 * <pre>{@code
 * try (ConnectCluster cluster = ConnectCluster.builder().name("jdbc").kafkaVersion("4.3.1").workers(2)
 *         .pluginPath(pluginDir).start()) {
 *     cluster.rest().createConnector("source", config);
 *     cluster.rest().awaitRunning("source", 1, Duration.ofSeconds(60));
 *     cluster.topics().awaitRecords("rows", 10, Duration.ofSeconds(60));
 * }
 * }</pre>
 *
 * <p>{@link #startStandaloneWorker} adds {@code connect-standalone} workers against the same broker.
 *
 * <p>{@link #close()} kills every process; a JVM shutdown hook does the same for clusters never closed.
 */
public final class ConnectCluster implements AutoCloseable {

    /** Default JVM options of every cluster process. */
    public static final List<String> DEFAULT_JVM_OPTIONS = ChildJvm.DEFAULT_OPTIONS;
    /** Default time a process may take to become ready; a 4.x worker needs ~15 s on 2 busy cores. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(180);

    private static final Logger LOG = LoggerFactory.getLogger(ConnectCluster.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** Subdirectories of the work dir that belong to the cluster. */
    private static final Pattern OWNED_DIR = Pattern.compile("broker|logs|worker-[0-9]+|standalone-[0-9]+");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final String name;
    private final Path workDir;
    private final List<Path> pluginPath;
    private final Map<String, String> workerProperties;
    private final Map<String, String> logLevels;
    private final List<String> jvmOptions;
    private final List<String> workerJvmOptions;
    private final Duration startupTimeout;
    private final KafkaDistribution distribution;
    private final KafkaBroker broker;
    private final List<ConnectWorker> workers = new CopyOnWriteArrayList<>();
    private final List<ConnectStandaloneWorker> standaloneWorkers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private TopicClient topics;

    private ConnectCluster(Builder builder, KafkaDistribution distribution, Path workDir) {
        this.name = builder.name;
        this.workDir = workDir;
        this.pluginPath = List.copyOf(builder.pluginPath);
        this.workerProperties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.workerProperties));
        this.logLevels = Map.copyOf(builder.logLevels);
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        List<String> workerOptions = new ArrayList<>(jvmOptions);
        workerOptions.addAll(builder.workerJvmOptions);
        this.workerJvmOptions = List.copyOf(workerOptions);
        this.startupTimeout = builder.startupTimeout;
        this.distribution = distribution;
        this.broker = new KafkaBroker(name, distribution, workDir.resolve("broker"), logsDir().resolve("broker.log"),
                jvmOptions, builder.brokerProperties, logLevels, startupTimeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A fresh, not yet existing directory {@code target/test-cluster/<name>-<timestamp>} under the current one. */
    public static Path defaultWorkDir(String name) {
        Path base = Path.of("target", "test-cluster").toAbsolutePath();
        String stem = requireValidName(name) + "-" + LocalDateTime.now().format(TIMESTAMP);
        Path dir = base.resolve(stem);
        for (int suffix = 2; Files.exists(dir); suffix++) {
            dir = base.resolve(stem + "-" + suffix);
        }
        return dir;
    }

    private static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Cluster name must be letters, digits, '.', '_' or '-': " + name);
        }
        return name;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Lifecycle

    private void startAll(int workerCount) {
        long started = System.nanoTime();
        broker.start();
        List<ConnectWorker> starting = new ArrayList<>();
        for (int i = 0; i < workerCount; i++) {
            starting.add(newWorker(i));
        }
        workers.addAll(starting);
        // Launch every worker before waiting for any: they boot concurrently, then each is awaited in turn.
        starting.forEach(ConnectWorker::launch);
        starting.forEach(ConnectWorker::awaitReady);
        LOG.info("Connect cluster {} (Kafka {}, {} worker(s)) started in {} ms; work dir {}", name,
                distribution.version(), workerCount, (System.nanoTime() - started) / 1_000_000, workDir);
    }

    private ConnectWorker newWorker(int index) {
        String workerName = "worker-" + index;
        return new ConnectWorker(index, name, distribution, broker.bootstrapServers(), workDir.resolve(workerName),
                logsDir().resolve(workerName + ".log"), pluginPath, workerProperties, workerJvmOptions, logLevels,
                startupTimeout);
    }

    /** Starts one more worker with the same configuration as the others and waits until it is ready. */
    public synchronized ConnectWorker addWorker() {
        ensureOpen();
        ConnectWorker worker = newWorker(workers.size());
        workers.add(worker);
        worker.start();
        return worker;
    }

    /**
     * Starts a {@code connect-standalone} worker against this cluster's broker, with the cluster's plugin path, JVM
     * options and log levels, and waits until its REST API answers. Its configuration is the standalone defaults
     * (file offsets in its own directory, JsonConverter, a free loopback REST port) plus {@code workerProperties};
     * the cluster's distributed worker properties do not apply. Closed with the cluster.
     *
     * @param connectorFiles one properties file per connector, passed on the command line
     */
    public synchronized ConnectStandaloneWorker startStandaloneWorker(Map<String, String> workerProperties,
                                                                      Path... connectorFiles) {
        ensureOpen();
        String workerName = "standalone-" + standaloneWorkers.size();
        ConnectStandaloneWorker worker = new ConnectStandaloneWorker(workerName, name, distribution,
                broker.bootstrapServers(), workDir.resolve(workerName), logsDir().resolve(workerName + ".log"),
                pluginPath, workerProperties, Arrays.asList(connectorFiles), workerJvmOptions, logLevels,
                startupTimeout);
        standaloneWorkers.add(worker);
        worker.start();
        return worker;
    }

    /** Kills every process (workers first, then the broker) and closes the topic client; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (topics != null) {
                try {
                    topics.close();
                } catch (RuntimeException e) {
                    LOG.warn("Closing the topic client of cluster {} failed", name, e);
                }
            }
        }
        List<ClusterProcess> processes = new ArrayList<>(workers);
        processes.addAll(standaloneWorkers);
        processes.add(broker);
        for (ClusterProcess process : processes) {
            try {
                process.kill();
            } catch (RuntimeException e) {
                LOG.warn("Killing {} of cluster {} failed", process.name(), name, e);
            }
        }
        LOG.info("Connect cluster {} closed; logs in {}", name, logsDir());
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("Cluster " + name + " is closed");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Accessors

    public String name() {
        return name;
    }

    public String kafkaVersion() {
        return distribution.version();
    }

    public KafkaDistribution distribution() {
        return distribution;
    }

    public Path workDir() {
        return workDir;
    }

    public Path logsDir() {
        return workDir.resolve("logs");
    }

    public KafkaBroker broker() {
        return broker;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public ConnectWorker worker(int index) {
        return workers.get(index);
    }

    /** All workers, running or not, in start order. */
    public List<ConnectWorker> workers() {
        return List.copyOf(workers);
    }

    /** A REST client for the first running worker. */
    public ConnectRestClient rest() {
        return workers.stream().filter(ConnectWorker::isRunning).findFirst()
                .orElseThrow(() -> new IllegalStateException("No worker of cluster " + name + " is running"))
                .rest();
    }

    /** The cluster's topic client, created on first use and closed with the cluster. */
    public synchronized TopicClient topics() {
        ensureOpen();
        if (topics == null) {
            topics = new TopicClient(broker.bootstrapServers());
        }
        return topics;
    }

    /** Standalone workers started with {@link #startStandaloneWorker}, running or not, in start order. */
    public List<ConnectStandaloneWorker> standaloneWorkers() {
        return List.copyOf(standaloneWorkers);
    }

    /** Every process in order (broker, then distributed workers, then standalone workers). */
    public List<ClusterProcess> processes() {
        List<ClusterProcess> processes = new ArrayList<>();
        processes.add(broker);
        processes.addAll(workers);
        processes.addAll(standaloneWorkers);
        return processes;
    }

    /** Log file of every process by process name ({@code broker}, {@code worker-0}, {@code standalone-0}, ...). */
    public Map<String, Path> logFiles() {
        Map<String, Path> files = new LinkedHashMap<>();
        processes().forEach(process -> files.put(process.name(), process.logFile()));
        return files;
    }

    /** The last {@code lines} lines of every process log, each under a header naming the process. */
    public String logTails(int lines) {
        StringBuilder text = new StringBuilder();
        for (ClusterProcess process : processes()) {
            text.append("===== ").append(name).append('/').append(process.name())
                    .append(" (Kafka ").append(distribution.version()).append(", ")
                    .append(process.isRunning() ? "running, pid " + process.pid().orElse(-1) : "not running")
                    .append(") ").append(process.logFile()).append(", last ").append(lines).append(" lines =====\n")
                    .append(LogFiles.tail(process.logFile(), lines));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "ConnectCluster[" + name + ", Kafka " + distribution.version() + ", " + broker.bootstrapServers() + ", "
                + workers.size() + " worker(s), " + workDir + "]";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Builder

    /** Configures and starts a {@link ConnectCluster}. */
    public static final class Builder {

        private String name = "connect";
        private String kafkaVersion;
        private int workers = 1;
        private List<Path> pluginPath = List.of();
        private final Map<String, String> workerProperties = new LinkedHashMap<>();
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final Map<String, String> logLevels = new LinkedHashMap<>();
        private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
        private List<String> workerJvmOptions = List.of();
        private Path workDir;
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

        private Builder() {
        }

        /** Names the cluster (work dir, Connect group id and internal topics); default {@code connect}. */
        public Builder name(String name) {
            this.name = requireValidName(name);
            return this;
        }

        /** The Kafka version of broker and workers; default: the first of {@link KafkaVersions#fromSystemProperty()}. */
        public Builder kafkaVersion(String kafkaVersion) {
            this.kafkaVersion = KafkaVersions.requireValid(kafkaVersion);
            return this;
        }

        /** Number of Connect workers started with the cluster; default 1, may be 0. */
        public Builder workers(int workers) {
            if (workers < 0) {
                throw new IllegalArgumentException("workers must be >= 0: " + workers);
            }
            this.workers = workers;
            return this;
        }

        /** The workers' {@code plugin.path} directories (replacing any set before); none by default. */
        public Builder pluginPath(Path... dirs) {
            this.pluginPath = List.copyOf(Arrays.asList(dirs));
            return this;
        }

        /** A worker property overriding the defaults; a {@code null} value removes the default. */
        public Builder workerProperty(String key, String value) {
            workerProperties.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        public Builder workerProperties(Map<String, String> properties) {
            properties.forEach(this::workerProperty);
            return this;
        }

        /** A broker property overriding the defaults; a {@code null} value removes the default. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /** Log level of a logger in every process, e.g. {@code ("dev.spillway", "DEBUG")}. */
        public Builder logLevel(String logger, String level) {
            logLevels.put(Objects.requireNonNull(logger, "logger"), Objects.requireNonNull(level, "level"));
            return this;
        }

        /** JVM options of every process, replacing {@link #DEFAULT_JVM_OPTIONS}. */
        public Builder jvmOptions(List<String> jvmOptions) {
            this.jvmOptions = List.copyOf(jvmOptions);
            return this;
        }

        /**
         * JVM options added for the workers only, after {@link #jvmOptions}, e.g. remote JMX on a port of their own
         * (which the broker must not also try to bind).
         */
        public Builder workerJvmOptions(List<String> workerJvmOptions) {
            this.workerJvmOptions = List.copyOf(workerJvmOptions);
            return this;
        }

        /**
         * Directory for configs, data and logs; default {@link #defaultWorkDir(String)}. It may already exist and hold
         * other files (e.g. a {@code plugins/} directory); the cluster's own subdirectories ({@code broker},
         * {@code worker-N}, {@code logs}) are deleted on start, so every cluster starts empty.
         */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /** How long each process may take to become ready; default 180 s. */
        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = Objects.requireNonNull(startupTimeout, "startupTimeout");
            return this;
        }

        /**
         * Resolves Kafka's jars (cached after the first time), starts the broker and the workers, and waits until all
         * are ready. On failure every process is killed and the exception carries their log tails.
         */
        public ConnectCluster start() {
            String version = kafkaVersion != null ? kafkaVersion : KafkaVersions.fromSystemProperty().get(0);
            ProcessRegistry.reapOrphans();
            KafkaDistribution distribution = KafkaDistribution.resolve(version);
            Path dir = (workDir != null ? workDir : defaultWorkDir(name)).toAbsolutePath().normalize();
            try {
                Files.createDirectories(dir);
                // A reused work dir (e.g. the demo's) must not hand old broker data or Connect topics to this cluster.
                try (DirectoryStream<Path> owned = Files.newDirectoryStream(dir,
                        entry -> OWNED_DIR.matcher(entry.getFileName().toString()).matches())) {
                    for (Path path : owned) {
                        KafkaDistribution.deleteRecursively(path);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot prepare work dir " + dir, e);
            }
            ConnectCluster cluster = new ConnectCluster(this, distribution, dir);
            try {
                cluster.startAll(workers);
                return cluster;
            } catch (RuntimeException | Error e) {
                String logs = cluster.logTails(200);
                cluster.close();
                IllegalStateException failure = new IllegalStateException("Connect cluster " + name + " (Kafka "
                        + version + ") failed to start: " + e.getMessage() + "; logs in " + cluster.logsDir(), e);
                failure.addSuppressed(new ClusterLogs(logs));
                throw failure;
            }
        }
    }
}
