package dev.spillway.testcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apicurio Registry server (in-memory H2 storage, no authentication) in a JVM of its own, on a free loopback
 * port, for converters that need a real schema registry. The server is the Quarkus runner jar that module
 * {@code schema-registry} builds; tests get its path from the system property {@value #JAR_PROPERTY}, set by
 * Failsafe.
 *
 * <pre>{@code
 * try (SchemaRegistryServer registry = SchemaRegistryServer.start(SchemaRegistryServer.jarFromSystemProperty(),
 *         dir)) {
 *     converterConfig.put("apicurio.registry.url", registry.apiUrl());
 * }
 * }</pre>
 *
 * <p>Everything it stores is lost when it stops; {@link #close()} kills it.
 */
public final class SchemaRegistryServer extends ChildJvmProcess implements AutoCloseable {

    public static final String JAR_PROPERTY = "spillway.schema.registry.jar";
    /** Boots in ~10 s on an idle machine, several times that on 2 busy cores. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(240);

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);

    private final int port;
    private final Duration startupTimeout;
    private final ChildProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SchemaRegistryServer(Path runnerJar, Path dir, Duration startupTimeout) {
        this.port = FreePorts.pick();
        this.startupTimeout = startupTimeout;
        List<String> options = new ArrayList<>(ChildJvm.DEFAULT_OPTIONS);
        options.add("-Dquarkus.http.host=127.0.0.1");
        options.add("-Dquarkus.http.port=" + port);
        // Quarkus picks the registry's prod profile: H2 in memory, no authentication, no Keycloak.
        options.add("-Dquarkus.log.console.color=false");
        this.process = new ChildProcess(name(), ChildJvm.command(options, "schema-registry/" + port,
                KafkaDistribution.LoggingBackend.UNKNOWN, null, runnerJar.toAbsolutePath().toString(),
                mainClass(runnerJar), List.of()), dir, dir.resolve("schema-registry.log"));
    }

    /** The runner jar named by {@value #JAR_PROPERTY}. */
    public static Path jarFromSystemProperty() {
        String path = System.getProperty(JAR_PROPERTY);
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("System property " + JAR_PROPERTY
                    + " is not set: run through Maven (mvn verify), which builds module schema-registry");
        }
        Path jar = Path.of(path);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No schema registry runner jar at " + jar
                    + ": build module schema-registry first (mvn -pl testing/schema-registry package)");
        }
        return jar;
    }

    /** Starts a registry from {@code runnerJar}, its log in {@code dir}, and waits until it is ready. */
    public static SchemaRegistryServer start(Path runnerJar, Path dir) {
        return start(runnerJar, dir, DEFAULT_STARTUP_TIMEOUT);
    }

    public static SchemaRegistryServer start(Path runnerJar, Path dir, Duration startupTimeout) {
        Objects.requireNonNull(runnerJar, "runnerJar");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SchemaRegistryServer server = new SchemaRegistryServer(runnerJar, dir, startupTimeout);
        server.start();
        return server;
    }

    private static String mainClass(Path runnerJar) {
        try (JarFile jar = new JarFile(runnerJar.toFile())) {
            String mainClass = jar.getManifest() == null ? null
                    : jar.getManifest().getMainAttributes().getValue("Main-Class");
            if (mainClass == null) {
                throw new IllegalStateException(runnerJar + " has no Main-Class: not a Quarkus runner jar");
            }
            return mainClass;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + runnerJar, e);
        }
    }

    @Override
    public String name() {
        return "schema-registry";
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The registry's core REST API, {@code <base>/apis/registry/v2}: what Apicurio's converters take. */
    public String apiUrl() {
        return baseUrl() + "/apis/registry/v2";
    }

    /** The Confluent-compatible API, {@code <base>/apis/ccompat/v6}. */
    public String confluentCompatibleUrl() {
        return baseUrl() + "/apis/ccompat/v6";
    }

    public int port() {
        return port;
    }

    @Override
    public synchronized void start() {
        long started = System.nanoTime();
        process.launch();
        try {
            Await.until("the schema registry at " + baseUrl() + " to be ready", startupTimeout, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("The schema registry exited with code "
                            + process.exitCode().orElse(-1) + "; see " + process.logFile() + "\n"
                            + LogFiles.tail(process.logFile(), 60));
                }
                return get("/health/ready").statusCode() == 200;
            });
        } catch (RuntimeException | AssertionError e) {
            String tail = logTail(80);
            process.kill();
            e.addSuppressed(new ClusterLogs(tail));
            throw e;
        }
        LOG.info("Schema registry started at {} in {} ms (log: {})", baseUrl(),
                (System.nanoTime() - started) / 1_000_000, process.logFile());
    }

    /** A GET on {@code path} (below {@link #baseUrl()}); the body as text. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET());
    }

    /** A request with a JSON body, e.g. {@code send("PUT", "/apis/registry/v2/admin/rules/COMPATIBILITY", json)}. */
    public HttpResponse<String> send(String method, String path, String json)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Header line plus the last {@code lines} lines of the log, in the format of {@link ConnectCluster#logTails}. */
    public String logTails(int lines) {
        return "===== " + name() + " (" + (isRunning() ? "running, pid " + pid().orElse(-1) : "not running") + ") "
                + process.logFile() + ", last " + lines + " lines =====\n" + LogFiles.tail(process.logFile(), lines);
    }

    private String logTail(int lines) {
        return LogFiles.tail(process.logFile(), lines);
    }

    @Override
    ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        kill();
    }

    @Override
    public String toString() {
        return "SchemaRegistryServer[" + baseUrl() + "]";
    }
}
