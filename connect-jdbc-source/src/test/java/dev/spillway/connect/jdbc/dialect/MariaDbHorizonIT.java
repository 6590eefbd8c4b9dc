package dev.spillway.connect.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The MariaDB horizon against the real server's {@code information_schema.INNODB_TRX}, a cache that InnoDB only
 * refreshes after 100 ms without a reader. Several samplers (tasks of one or of many workers) must all keep
 * making progress, and a cache held stale by someone else must never hide a transaction.
 */
class MariaDbHorizonIT {

    private static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";
    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final Duration RUN = Duration.ofSeconds(10);
    /** How often each sampler asks, as a task with poll.interval.ms=100 does; together far more than 10/s. */
    private static final long ASK_EVERY_MILLIS = 100;

    @ParameterizedTest(name = "{0} samplers")
    @ValueSource(ints = {2, 6})
    void everySamplerKeepsMovingItsHorizon(int samplers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(samplers);
        try {
            Instant start = serverNow();
            List<Future<Instant>> results = new ArrayList<>();
            for (int i = 0; i < samplers; i++) {
                results.add(pool.submit(this::askForAWhile));
            }
            for (Future<Instant> result : results) {
                // The margin is 1 s, so the horizon must have passed the start after a 10 s run.
                assertThat(result.get()).as("last horizon of a sampler").isAfter(start);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCacheHeldStaleByAnotherReaderDoesNotHideATransaction() throws Exception {
        AtomicBoolean hammering = new AtomicBoolean(true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        MariaDbDialect dialect = new MariaDbDialect(ZONE);
        try (Connection sampler = readOnlySession(); Connection writer = connect(); Connection reader = connect()) {
            // A fresh cache first (nobody read it for a while), showing this sampler's canary.
            Thread.sleep(300);
            // Within 100 ms: proven by the sample's own tag (trx_started alone has whole seconds).
            assertThat(dialect.sampleHorizon(sampler).staleness()).isLessThan(Duration.ofMillis(100));
            // Then something reading INNODB_TRX every 20 ms keeps InnoDB from refreshing it again.
            Future<?> hammer = pool.submit(() -> {
                try (Statement s = reader.createStatement()) {
                    while (hammering.get()) {
                        s.executeQuery("SELECT COUNT(*) FROM information_schema.INNODB_TRX").close();
                        Thread.sleep(20);
                    }
                }
                return null;
            });
            Thread.sleep(500);
            writer.setAutoCommit(false);
            Instant writerStart;
            try (Statement s = writer.createStatement();
                 ResultSet rs = s.executeQuery("SELECT NOW(6)")) {
                rs.next();
                writerStart = rs.getObject(1, LocalDateTime.class).atZone(ZONE).toInstant();
                s.execute("CREATE TABLE IF NOT EXISTS horizon_it (id INT PRIMARY KEY) ENGINE=InnoDB");
            }
            writer.setAutoCommit(false);
            try (Statement s = writer.createStatement()) {
                s.execute("INSERT INTO horizon_it VALUES (" + (int) (Math.random() * 1_000_000_000) + ")");
            }
            Thread.sleep(2500);

            HorizonSample stale = dialect.sampleHorizon(sampler);
            assertThat(stale).isNotNull();
            assertThat(stale.staleness()).as("the cache is held stale").isGreaterThan(Duration.ofSeconds(2));
            assertThat(stale.safeBefore()).as("horizon while the writer is open, cache stale").isBefore(writerStart);

            hammering.set(false);
            hammer.get();
            Thread.sleep(300);
            HorizonSample fresh = dialect.sampleHorizon(sampler);
            assertThat(fresh.staleness()).as("once left alone the cache is refreshed").isLessThan(Duration.ofSeconds(1));
            assertThat(fresh.safeBefore()).as("horizon while the writer is open").isBefore(writerStart);
            writer.rollback();
        } finally {
            hammering.set(false);
            pool.shutdownNow();
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS horizon_it");
            }
        }
    }

    private Instant askForAWhile() throws Exception {
        TransactionHorizon horizon = new TransactionHorizon(new MariaDbDialect(ZONE),
            TransactionHorizon.Mode.DATABASE, Duration.ZERO);
        Instant last = null;
        try (Connection connection = readOnlySession()) {
            long end = System.nanoTime() + RUN.toNanos();
            while (System.nanoTime() < end) {
                Instant h = horizon.safeBefore(connection);
                if (h != null) {
                    last = h;
                }
                Thread.sleep(ASK_EVERY_MILLIS);
            }
        }
        return last;
    }

    private static Instant serverNow() throws Exception {
        try (Connection c = connect()) {
            return new MariaDbDialect(ZONE).now(c);
        }
    }

    /** As the connector's sessions are: its canary transactions must still show in INNODB_TRX. */
    private static Connection readOnlySession() throws Exception {
        Connection connection = connect();
        connection.setReadOnly(true);
        try (Statement s = connection.createStatement()) {
            for (String sql : new MariaDbDialect(ZONE).readOnlySessionSql()) {
                s.execute(sql);
            }
        }
        return connection;
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(URL, "root", "");
    }
}
