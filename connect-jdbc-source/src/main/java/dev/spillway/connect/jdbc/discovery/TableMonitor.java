package dev.spillway.connect.jdbc.discovery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The connector's view of which tables to read, kept current on one daemon thread: it re-checks the catalog every
 * {@code table.poll.interval.ms} and, if the database was unreachable at start, keeps trying with a doubling wait
 * until it answers. A worker restart or a rebalance during an outage must not leave the connector FAILED: it runs
 * with the tables unknown (no tasks) until then.
 */
public final class TableMonitor {

    /** The database's catalog and the connector's judgement of its errors. */
    public interface Catalog {
        /** The readable tables the configuration selects. */
        List<DiscoveredTable> tables() throws SQLException;

        /** The setup error when nothing matches: no retry fixes it. */
        RuntimeException nothingMatches();

        /** True for an error worth another attempt: the database is down, restarting or slow. */
        boolean isTransient(SQLException e);

        /** The error that fails the connector for one retrying cannot fix (a refused login, say). */
        RuntimeException failure(SQLException e);

        /** One line for the log, with no secret in it. */
        String describe(Exception e);
    }

    /** What the connector does when the monitor learns something. */
    public interface Listener {
        /** The tables changed (or became known): the tasks must be configured again. */
        void tablesChanged();

        /** Discovery failed with an error retrying cannot fix. */
        void failed(RuntimeException e);
    }

    private static final Logger LOG = LoggerFactory.getLogger(TableMonitor.class);

    /** First and longest wait between discovery attempts while the database is unreachable at start. */
    static final Duration RETRY_FIRST = Duration.ofSeconds(1);
    static final Duration RETRY_MAX = Duration.ofSeconds(30);

    private final String name;
    private final Duration pollInterval;
    private final Catalog catalog;
    private final Listener listener;
    /** Null while unknown: the database was unreachable at start and has not answered since. */
    private volatile List<DiscoveredTable> tables = List.of();
    private volatile ScheduledExecutorService executor;
    private volatile boolean stopped;
    private long unknownSince;

    public TableMonitor(String name, Duration pollInterval, Catalog catalog, Listener listener) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.catalog = catalog;
        this.listener = listener;
    }

    /**
     * Finds the tables, then watches for changes. If the database is unavailable, returns with the tables unknown
     * and retries on the monitor thread; any other error is thrown, as is an include list that matches nothing.
     */
    public void start() {
        List<DiscoveredTable> found;
        try {
            found = catalog.tables();
        } catch (SQLException e) {
            if (!catalog.isTransient(e)) {
                throw catalog.failure(e);
            }
            tables = null;
            LOG.warn("Connector {}: cannot discover the tables at start, the database is unavailable: {}. The"
                    + " connector keeps running with no tasks (their offsets stay stored) and tries again after {} s,"
                    + " doubling up to {} s, until it answers; then it starts the tasks, which resume from their"
                    + " offsets.", name, catalog.describe(e), RETRY_FIRST.toSeconds(), RETRY_MAX.toSeconds());
            unknownSince = System.nanoTime();
            executor = newExecutor();
            later(() -> retry(RETRY_FIRST, 1), RETRY_FIRST);
            return;
        }
        tables = requireMatches(found);
        LOG.info("Reading {} table(s): {}", found.size(), names(found));
        scheduleRechecks();
    }

    /** The tables to read, or null while they are unknown (the database was unavailable at start). */
    public List<DiscoveredTable> tables() {
        return tables;
    }

    /** Not awaited: a discovery attempt in flight ends within connection.timeout.ms and then sees 'stopped'. */
    public void stop() {
        stopped = true;
        ScheduledExecutorService current = executor;
        executor = null;
        if (current != null) {
            current.shutdownNow();
        }
    }

    private List<DiscoveredTable> requireMatches(List<DiscoveredTable> found) {
        if (found.isEmpty()) {
            throw catalog.nothingMatches();
        }
        return found;
    }

    private ScheduledExecutorService newExecutor() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "spillway-jdbc-table-monitor-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Called from start(), or on the monitor thread once the tables are found late. */
    private void scheduleRechecks() {
        long interval = pollInterval.toMillis();
        if (interval <= 0) {
            return;
        }
        if (executor == null) {
            executor = newExecutor();
        }
        ScheduledExecutorService current = executor;
        try {
            current.scheduleWithFixedDelay(this::recheck, interval, interval, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stop() shut the monitor down meanwhile
        }
    }

    private void later(Runnable task, Duration wait) {
        ScheduledExecutorService current = executor;
        if (current == null || stopped) {
            return;
        }
        try {
            current.schedule(task, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stop() shut the monitor down meanwhile
        }
    }

    /**
     * Runs on the monitor thread while the tables are unknown. A transient error tries again after a doubled wait;
     * any other error (the database is back but refuses the login, the include list matches nothing) fails the
     * connector as start() would have.
     */
    private void retry(Duration waited, int attempt) {
        if (stopped) {
            return;
        }
        List<DiscoveredTable> found;
        try {
            found = requireMatches(catalog.tables());
        } catch (SQLException e) {
            if (catalog.isTransient(e)) {
                Duration doubled = waited.multipliedBy(2);
                Duration next = doubled.compareTo(RETRY_MAX) > 0 ? RETRY_MAX : doubled;
                LOG.info("Connector {}: table discovery retry {} failed, next in {} s: {}", name, attempt,
                    next.toSeconds(), catalog.describe(e));
                later(() -> retry(next, attempt + 1), next);
                return;
            }
            fail(catalog.failure(e));
            return;
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        if (stopped) {
            return;
        }
        tables = found;
        LOG.info("Connector {}: the database answers again after {} s ({} retries): reading {} table(s): {};"
                + " starting the tasks", name, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - unknownSince),
            attempt, found.size(), names(found));
        listener.tablesChanged();
        scheduleRechecks();
    }

    private void fail(RuntimeException e) {
        if (!stopped) {
            LOG.error("Connector {}: table discovery failed with an error retrying cannot fix: {}", name,
                e.getMessage());
            listener.failed(e);
        }
    }

    /** A created or dropped table changes the task split; a changed row estimate alone does not. */
    private void recheck() {
        if (stopped) {
            return;
        }
        try {
            List<DiscoveredTable> found = catalog.tables();
            if (!names(found).equals(names(tables))) {
                LOG.info("Tables changed from {} to {}: reconfiguring the tasks", names(tables), names(found));
                tables = found;
                listener.tablesChanged();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not re-check the tables (will try again in {} ms): {}", pollInterval.toMillis(),
                catalog.describe(e));
        }
    }

    private static List<String> names(List<DiscoveredTable> tables) {
        return tables.stream().map(t -> t.id().qualified()).sorted().toList();
    }
}
