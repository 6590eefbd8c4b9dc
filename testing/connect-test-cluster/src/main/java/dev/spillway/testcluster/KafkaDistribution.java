package dev.spillway.testcluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Kafka's jars for one version, resolved from Maven Central with Maven itself and cached.
 *
 * <p>Layout of the cache directory {@code ~/.m2/spillway/kafka-<version>/} (root overridable with system property
 * {@value #CACHE_PROPERTY}):
 * <ul>
 *   <li>{@code libs/}: the broker and worker classpath ({@code kafka_2.13}, {@code connect-runtime}, {@code kafka-tools}
 *       and their runtime dependencies, plus an SLF4J binding);</li>
 *   <li>{@code plugins/connect-file/}: only the {@code connect-file} jar, to be loaded through {@code plugin.path}.</li>
 * </ul>
 */
public final class KafkaDistribution {

    public static final String CACHE_PROPERTY = "spillway.testcluster.cache";
    static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
    static final String MARKER = ".complete";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaDistribution.class);
    private static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(15);
    private static final Pattern JAR = Pattern.compile("(.+?)-([0-9][^-]*(?:-[A-Za-z0-9.]+)?)\\.jar");
    /** Serializes resolution inside this JVM; the file lock does that across JVMs but throws on same-JVM overlap. */
    private static final Map<String, Object> JVM_LOCKS = new ConcurrentHashMap<>();

    /** Which logging framework the child JVMs use; decides the format of their logging configuration. */
    public enum LoggingBackend {
        /** log4j 1 API, as reload4j (Kafka 3.x). */
        LOG4J1,
        /** log4j2 core (Kafka 4.x). */
        LOG4J2,
        /** Neither was found; the processes log through whatever SLF4J finds, possibly nothing. */
        UNKNOWN
    }

    private final String version;
    private final Path home;

    private KafkaDistribution(String version, Path home) {
        this.version = version;
        this.home = home;
    }

    /** Resolves (first time: downloads with Maven, ≈10-20 s) and caches the jars of Kafka {@code version}. */
    public static KafkaDistribution resolve(String version) {
        return resolve(version, defaultCacheRoot());
    }

    /** Like {@link #resolve(String)}, caching under {@code cacheRoot} instead of the default location. */
    public static KafkaDistribution resolve(String version, Path cacheRoot) {
        KafkaVersions.requireValid(version);
        Path root = cacheRoot.toAbsolutePath().normalize();
        Path home = root.resolve("kafka-" + version);
        if (Files.isRegularFile(home.resolve(MARKER))) {
            return new KafkaDistribution(version, home);
        }
        synchronized (JVM_LOCKS.computeIfAbsent(root + "|" + version, key -> new Object())) {
            try {
                Files.createDirectories(root);
                try (FileChannel channel = FileChannel.open(root.resolve("kafka-" + version + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    // Blocks while another JVM resolves this version; released when the channel closes.
                    channel.lock();
                    // Another JVM may have finished while we waited for the lock.
                    if (!Files.isRegularFile(home.resolve(MARKER))) {
                        populate(version, root, home);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot resolve Kafka " + version + " into " + home, e);
            }
        }
        return new KafkaDistribution(version, home);
    }

    static Path defaultCacheRoot() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "spillway");
    }

    public String version() {
        return version;
    }

    public int majorVersion() {
        return KafkaVersions.major(version);
    }

    /** The cache directory of this version. */
    public Path home() {
        return home;
    }

    public Path libDir() {
        return home.resolve("libs");
    }

    /** A classpath with every jar of {@link #libDir()}, as a JVM wildcard entry. */
    public String classpath() {
        return libDir() + File.separator + "*";
    }

    /** A plugin directory holding only the {@code connect-file} jar; copy it into a {@code plugin.path} directory. */
    public Path connectFilePluginDir() {
        return home.resolve("plugins").resolve("connect-file");
    }

    public LoggingBackend loggingBackend() {
        return loggingBackend(jarNames(libDir()));
    }

    @Override
    public String toString() {
        return "Kafka " + version + " (" + home + ")";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Resolution

    private static void populate(String version, Path root, Path home) throws IOException {
        deleteStaleAttempts(root, version);
        if (Files.exists(home)) {
            // No marker: a copy from an older, interrupted scheme; start over.
            deleteRecursively(home);
        }
        long started = System.nanoTime();
        LOG.info("Resolving Apache Kafka {} jars with Maven into {} (once; cached afterwards)", version, home);
        Path work = Files.createTempDirectory(root, "kafka-" + version + ".tmp-");
        try {
            runMaven(work, version, null);
            Optional<String> binding = missingSlf4jBinding(jarNames(work.resolve("libs")));
            if (binding.isPresent()) {
                // Kafka 4.x ships log4j2 but leaves the SLF4J binding to its distribution tarball; add the one
                // matching the resolved log4j-core, resolved again so Maven mediates its dependencies.
                deleteRecursively(work.resolve("libs"));
                runMaven(work, version, binding.get());
            }
            verify(work, version);
            Files.writeString(work.resolve(MARKER), "version=" + version + "\nresolved=" + Instant.now() + "\n",
                    StandardCharsets.UTF_8);
            Files.move(work, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(work);
            throw e;
        }
        LOG.info("Resolved Apache Kafka {} in {} ms", version, (System.nanoTime() - started) / 1_000_000);
    }

    private static void runMaven(Path work, String version, String extraDependency) throws IOException {
        Path pom = work.resolve("pom.xml");
        Files.writeString(pom, pom(version, extraDependency), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(mavenExecutable(), "-B", "-q", "-Dstyle.color=never",
                "-f", pom.toString()));
        String repoLocal = System.getProperty("maven.repo.local");
        if (repoLocal != null && !repoLocal.isBlank()) {
            // Use the same local repository as the build that runs us.
            command.add("-Dmaven.repo.local=" + repoLocal);
        }
        command.add(DEPENDENCY_PLUGIN + ":copy-dependencies@libs");
        command.add(DEPENDENCY_PLUGIN + ":copy@connect-file");
        Path log = work.resolve("resolve.log");
        Process process = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        process.getOutputStream().close();
        boolean exited;
        try {
            exited = process.waitFor(MAVEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while resolving Kafka " + version, e);
        }
        if (!exited) {
            process.destroyForcibly();
            throw new IllegalStateException("Maven did not resolve Kafka " + version + " within "
                    + MAVEN_TIMEOUT.toMinutes() + " min: " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("Maven failed (exit " + process.exitValue() + ") to resolve Kafka "
                    + version + ": " + String.join(" ", command) + "\n" + LogFiles.tail(log, 60));
        }
    }

    /** The path of {@code mvn}: the one running the build if known (Failsafe passes {@code maven.home}), else PATH. */
    static String mavenExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        String mavenHome = System.getProperty("maven.home");
        if (mavenHome != null && !mavenHome.isBlank()) {
            Path mvn = Path.of(mavenHome, "bin", windows ? "mvn.cmd" : "mvn");
            if (Files.isExecutable(mvn)) {
                return mvn.toString();
            }
        }
        return windows ? "mvn.cmd" : "mvn";
    }

    /** The throwaway pom whose dependency-plugin executions fill {@code libs/} and {@code plugins/connect-file/}. */
    static String pom(String version, String extraDependency) {
        StringBuilder dependencies = new StringBuilder();
        for (String coordinates : workerArtifacts(version, extraDependency)) {
            String[] parts = coordinates.split(":");
            dependencies.append("    <dependency><groupId>").append(parts[0]).append("</groupId><artifactId>")
                    .append(parts[1]).append("</artifactId><version>").append(parts[2])
                    .append("</version></dependency>\n");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Generated by dev.spillway.testcluster.KafkaDistribution: the jars of Apache Kafka %1$s. -->
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.spillway.testcluster</groupId>
                  <artifactId>kafka-distribution</artifactId>
                  <version>%1$s</version>
                  <packaging>pom</packaging>
                  <dependencies>
                %2$s  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-dependency-plugin</artifactId>
                        <version>3.8.1</version>
                        <executions>
                          <execution>
                            <id>libs</id>
                            <configuration>
                              <outputDirectory>${project.basedir}/libs</outputDirectory>
                              <includeScope>runtime</includeScope>
                              <excludeArtifactIds>connect-file</excludeArtifactIds>
                            </configuration>
                          </execution>
                          <execution>
                            <id>connect-file</id>
                            <configuration>
                              <outputDirectory>${project.basedir}/plugins/connect-file</outputDirectory>
                              <artifactItems>
                                <artifactItem>
                                  <groupId>org.apache.kafka</groupId>
                                  <artifactId>connect-file</artifactId>
                                  <version>%1$s</version>
                                  <type>jar</type>
                                </artifactItem>
                              </artifactItems>
                            </configuration>
                          </execution>
                        </executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(version, dependencies);
    }

    static List<String> workerArtifacts(String version, String extraDependency) {
        List<String> artifacts = new ArrayList<>(List.of(
                "org.apache.kafka:kafka_2.13:" + version,
                "org.apache.kafka:connect-runtime:" + version,
                "org.apache.kafka:kafka-tools:" + version));
        if (extraDependency != null) {
            artifacts.add(extraDependency);
        }
        return artifacts;
    }

    /**
     * The SLF4J binding to add when the resolved jars have none: the log4j2 one for the resolved log4j-core, chosen
     * by the SLF4J API generation. Empty when a binding is present or there is no log4j-core to bind to.
     */
    static Optional<String> missingSlf4jBinding(List<String> jarNames) {
        boolean hasBinding = jarNames.stream().anyMatch(name -> Stream.of("slf4j-reload4j-", "slf4j-log4j12-",
                "log4j-slf4j-impl-", "log4j-slf4j2-impl-", "logback-classic-", "slf4j-simple-", "slf4j-jdk14-")
                .anyMatch(name::startsWith));
        if (hasBinding) {
            return Optional.empty();
        }
        Optional<String> log4jCore = jarVersion(jarNames, "log4j-core");
        if (log4jCore.isEmpty()) {
            return Optional.empty();
        }
        boolean slf4j2 = jarVersion(jarNames, "slf4j-api").map(v -> KafkaVersions.major(v) >= 2).orElse(false);
        return Optional.of("org.apache.logging.log4j:" + (slf4j2 ? "log4j-slf4j2-impl" : "log4j-slf4j-impl") + ":"
                + log4jCore.get());
    }

    static LoggingBackend loggingBackend(List<String> jarNames) {
        if (jarVersion(jarNames, "log4j-core").isPresent()) {
            return LoggingBackend.LOG4J2;
        }
        if (jarVersion(jarNames, "reload4j").isPresent() || jarVersion(jarNames, "log4j").isPresent()) {
            return LoggingBackend.LOG4J1;
        }
        return LoggingBackend.UNKNOWN;
    }

    /** The version of the jar named {@code <artifactId>-<version>.jar} among {@code jarNames}. */
    static Optional<String> jarVersion(List<String> jarNames, String artifactId) {
        for (String name : jarNames) {
            Matcher matcher = JAR.matcher(name);
            if (matcher.matches() && matcher.group(1).equals(artifactId)) {
                return Optional.of(matcher.group(2));
            }
        }
        return Optional.empty();
    }

    private static void verify(Path work, String version) {
        List<String> libs = jarNames(work.resolve("libs"));
        for (String artifact : List.of("kafka_2.13", "connect-runtime", "kafka-tools", "kafka-clients")) {
            if (!jarVersion(libs, artifact).map(version::equals).orElse(false)) {
                throw new IllegalStateException("Resolved Kafka " + version + " has no " + artifact + "-" + version
                        + ".jar in " + work.resolve("libs") + ": " + libs);
            }
        }
        if (jarVersion(libs, "connect-file").isPresent()) {
            throw new IllegalStateException("connect-file must not be on the worker classpath: " + libs);
        }
        List<String> plugin = jarNames(work.resolve("plugins").resolve("connect-file"));
        if (!plugin.equals(List.of("connect-file-" + version + ".jar"))) {
            throw new IllegalStateException("Expected only connect-file-" + version + ".jar in the connect-file "
                    + "plugin directory, found " + plugin);
        }
        if (loggingBackend(libs) == LoggingBackend.UNKNOWN || missingSlf4jBinding(libs).isPresent()) {
            LOG.warn("Kafka {} resolved without a known logging backend; its processes may log nothing: {}",
                    version, libs);
        }
    }

    static List<String> jarNames(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
            jars.forEach(jar -> names.add(jar.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
        return List.copyOf(names);
    }

    private static void deleteStaleAttempts(Path root, String version) throws IOException {
        // We hold the lock for this version, so any temporary directory for it belongs to a dead resolver.
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(root, "kafka-" + version + ".tmp-*")) {
            for (Path dir : stale) {
                deleteRecursively(dir);
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KafkaDistribution that && version.equals(that.version) && home.equals(that.home);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, home);
    }
}
