package dev.spillway.testcluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL or MariaDB server that belongs to one test, so the test may stop, kill and restart it: started from
 * the machine's own server binaries on a free loopback port with a fresh data directory under the temp dir, trust
 * (PostgreSQL user {@code postgres}) or empty-password (MariaDB {@code root}) logins over TCP. {@link #start()} after
 * {@link #stop()} or {@link #kill()} brings it back on the same port with the same data. Like the cluster's
 * processes it is killed when the JVM exits, and a server left by a JVM that was itself killed is reaped later.
 *
 * <p>PostgreSQL refuses to run as root: as root the server runs as the OS user {@code postgres} (created by the
 * Debian package), through {@code setpriv}, which execs so that the server stays this JVM's child.
 */
public final class DatabaseServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseServer.class);
    private static final Duration INIT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final String PG_OS_USER = "postgres";

    /** Which server, with what differs between them. */
    public enum Kind {
        /** Stopped with SIGINT, PostgreSQL's fast shutdown: SIGTERM would wait for every client to disconnect. */
        POSTGRESQL("postgres", "database system is ready to accept connections", "INT"),
        /** Stopped with SIGTERM, a normal shutdown. */
        MARIADB("root", "ready for connections", null);

        private final String user;
        private final String readyLine;
        private final String stopSignal;

        Kind(String user, String readyLine, String stopSignal) {
            this.user = user;
            this.readyLine = readyLine;
            this.stopSignal = stopSignal;
        }

        /** The initialisation and server programs, if this machine has them. */
        private Optional<List<Path>> binaries() {
            if (this == POSTGRESQL) {
                return postgresBinDir().map(bin -> List.of(bin.resolve("initdb"), bin.resolve("postgres")));
            }
            Optional<Path> install = executable("mariadb-install-db", "mysql_install_db");
            Optional<Path> server = executable("mariadbd", "mysqld");
            return install.isPresent() && server.isPresent() ? Optional.of(List.of(install.get(), server.get()))
                    : Optional.empty();
        }

        private String missing() {
            return this == POSTGRESQL
                    ? "PostgreSQL server binaries (initdb, postgres) not found under /usr/lib/postgresql/<version>/bin"
                    + " or on the PATH: install the postgresql package"
                    : "MariaDB server binaries (mariadb-install-db, mariadbd) not found on the PATH or in /usr/sbin:"
                    + " install the mariadb-server package";
        }
    }

    private final Kind kind;
    private final String name;
    private final Path dir;
    private final int port;
    private final ChildProcess server;
    /** Deletes the data directory of a server that a test did not close; the registry's hook kills it too. */
    private final Thread cleanup;

    private DatabaseServer(Kind kind, Path dir, int port, ChildProcess server) {
        this.kind = kind;
        this.name = server.name();
        this.dir = dir;
        this.port = port;
        this.server = server;
        this.cleanup = new Thread(this::killAndDelete, "spillway-db-cleanup-" + name);
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** True if this machine has the server binaries of {@code kind}. */
    public static boolean installed(Kind kind) {
        return kind.binaries().isPresent();
    }

    /**
     * Initialises a fresh server of {@code kind} and starts it, logging to {@code logDir}. Skips the calling test
     * (a JUnit assumption) if the machine lacks the server binaries.
     */
    public static DatabaseServer start(Kind kind, Path logDir) {
        return start(kind, logDir, List.of());
    }

    /**
     * {@link #start(Kind, Path)} with server options added to the server's command line, kept across restarts:
     * PostgreSQL's {@code -c name=value} pairs (e.g. {@code "-c", "wal_level=logical"}) or MariaDB's
     * {@code --name=value} options (e.g. {@code "--log-bin"}, {@code "--binlog-format=ROW"}).
     */
    public static DatabaseServer start(Kind kind, Path logDir, List<String> serverOptions) {
        Optional<List<Path>> binaries = kind.binaries();
        Assumptions.assumeTrue(binaries.isPresent(), kind.missing());
        ProcessRegistry.reapOrphans();
        int port = FreePorts.pick();
        String name = kind.name().toLowerCase(Locale.ROOT) + "-" + port;
        Path dir;
        try {
            dir = Files.createTempDirectory("spillway-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a data directory for " + name, e);
        }
        boolean asPostgresUser = kind == Kind.POSTGRESQL && isRoot();
        List<String> runAs = asPostgresUser ? List.of("setpriv", "--reuid=" + PG_OS_USER, "--regid=" + PG_OS_USER,
                "--init-groups", "--") : List.of();
        if (asPostgresUser) {
            chown(dir, PG_OS_USER);
        }
        Path init = binaries.get().get(0);
        Path program = binaries.get().get(1);
        Path data = dir.resolve("data");
        List<String> initCommand = new ArrayList<>(runAs);
        List<String> serverCommand = new ArrayList<>(runAs);
        if (kind == Kind.POSTGRESQL) {
            initCommand.addAll(List.of(init.toString(), "-D", data.toString(), "-A", "trust", "-U", kind.user,
                    "-E", "UTF8", "--locale=C", "--no-sync"));
            serverCommand.addAll(List.of(program.toString(), "-D", data.toString(), "-p", Integer.toString(port),
                    "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=40",
                    "-c", "shared_buffers=32MB", "-c", "fsync=off"));
            ProcessRegistry.ownerTags().forEach(tag -> serverCommand.addAll(List.of("-c", tag)));
        } else {
            // --no-defaults first: nothing from the machine's /etc/mysql may leak into the test's server.
            initCommand.addAll(List.of(init.toString(), "--no-defaults", "--datadir=" + data,
                    "--auth-root-authentication-method=normal", "--skip-test-db"));
            serverCommand.addAll(List.of(program.toString(), "--no-defaults", "--datadir=" + data,
                    "--port=" + port, "--socket=" + dir.resolve("mysqld.sock"), "--bind-address=127.0.0.1",
                    "--pid-file=" + dir.resolve("mysqld.pid"), "--skip-name-resolve", "--max-connections=40",
                    "--innodb-buffer-pool-size=32M"));
            if (isRoot()) {
                initCommand.add("--user=root");
                serverCommand.add("--user=root");
            }
            ProcessRegistry.ownerTags().forEach(tag -> serverCommand.add("--loose-"
                    + tag.substring(0, tag.indexOf('=')).replace('.', '-') + tag.substring(tag.indexOf('='))));
        }
        serverCommand.addAll(serverOptions);
        ChildProcess initProcess = new ChildProcess(name + "-init", initCommand, dir, logDir.resolve(name + "-init.log"));
        initProcess.launch();
        if (!initProcess.awaitExit(INIT_TIMEOUT) || initProcess.exitCode().orElse(-1) != 0) {
            initProcess.kill();
            deleteQuietly(dir);
            throw new IllegalStateException("Initialising " + name + " failed: " + String.join(" ", initCommand)
                    + "\n" + LogFiles.tail(initProcess.logFile(), 30));
        }
        DatabaseServer started = new DatabaseServer(kind, dir, port,
                new ChildProcess(name, serverCommand, dir, logDir.resolve(name + ".log")));
        try {
            started.start();
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The login with full rights and no password: {@code postgres} or {@code root}. */
    public String user() {
        return kind.user;
    }

    /** A JDBC URL for {@code database} over TCP; {@code postgres} exists on PostgreSQL, {@code mysql} on MariaDB. */
    public String jdbcUrl(String database) {
        return (kind == Kind.POSTGRESQL ? "jdbc:postgresql" : "jdbc:mariadb") + "://127.0.0.1:" + port + "/"
                + database;
    }

    /** Starts the server again on the same port with the same data, and waits until it accepts connections. */
    public void start() {
        int before = readyLines();
        server.launch();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (readyLines() <= before) {
            if (!server.isAlive()) {
                throw new IllegalStateException(name + " exited with " + server.exitCode() + " while starting:\n"
                        + LogFiles.tail(server.logFile(), 30));
            }
            if (System.nanoTime() - deadline > 0) {
                server.kill();
                throw new IllegalStateException(name + " not ready after " + Await.format(START_TIMEOUT) + ":\n"
                        + LogFiles.tail(server.logFile(), 30));
            }
            Await.pause(Duration.ofMillis(50));
        }
        LOG.info("{} ready on 127.0.0.1:{} (pid {})", name, port, server.pid().orElse(-1));
    }

    /** A clean shutdown that closes the clients' connections; killed if it takes longer than a minute. */
    public void stop() {
        server.stop(kind.stopSignal, STOP_TIMEOUT);
    }

    /** SIGKILL to the server and all its processes: a crash, recovered from at the next start. */
    public void kill() {
        server.kill();
    }

    public boolean isRunning() {
        return server.isAlive();
    }

    public OptionalLong pid() {
        return server.pid();
    }

    /** The server's log, appended to across restarts. */
    public Path logFile() {
        return server.logFile();
    }

    /** Kills the server and deletes its data. */
    @Override
    public void close() {
        killAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs anyway and finds nothing left to do.
        }
    }

    private void killAndDelete() {
        server.kill();
        deleteQuietly(dir);
    }

    private int readyLines() {
        Path log = server.logFile();
        if (!Files.isRegularFile(log)) {
            return 0;
        }
        try {
            String text = Files.readString(log);
            int count = 0;
            for (int at = text.indexOf(kind.readyLine); at >= 0; at = text.indexOf(kind.readyLine, at + 1)) {
                count++;
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
    }

    private static Optional<Path> postgresBinDir() {
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> dirs = Files.list(versions)) {
                Optional<Path> newest = dirs.map(d -> d.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb"))
                                && Files.isExecutable(bin.resolve("postgres")))
                        .max(Comparator.comparingInt(DatabaseServer::majorVersion));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                LOG.debug("Cannot list {}", versions, e);
            }
        }
        Optional<Path> initdb = executable("initdb");
        return initdb.filter(p -> Files.isExecutable(p.resolveSibling("postgres"))).map(Path::getParent);
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The first of {@code names} found on the PATH or in the sbin directories, which a user's PATH may lack. */
    private static Optional<Path> executable(String... names) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
        for (String name : names) {
            for (String d : dirs) {
                if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                    return Optional.of(Path.of(d, name));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void chown(Path dir, String user) {
        try {
            UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
            Files.setOwner(dir, owner);
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new IllegalStateException("PostgreSQL refuses to run as root and the OS user '" + user
                    + "' (created by the postgresql package) cannot own " + dir + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Cannot delete {}", dir, e);
        }
    }
}
