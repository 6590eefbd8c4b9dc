package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.dialect.Dialect;
import dev.spillway.connect.jdbc.dialect.HorizonRefusedException;
import dev.spillway.connect.jdbc.dialect.SqlErrors;
import dev.spillway.connect.jdbc.discovery.DiscoveredTable;
import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.offset.SourceOffset;
import dev.spillway.connect.jdbc.offset.SourcePartition;
import dev.spillway.connect.jdbc.snapshot.PlanRecovery;
import dev.spillway.connect.jdbc.snapshot.RangeOffset;
import dev.spillway.connect.jdbc.snapshot.TableSplit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Decides, on a thread of its own (never the herder's), which tables are read whole and which are split into key
 * ranges, and keeps that current from the stored offsets: before a table is assigned, its range partitions are
 * probed in one call. Ranges found: the plan is rebuilt from them (finished ranges are left out). None, and no
 * offset of the table: a new plan if the table is large enough. An offset of the table without a split marker:
 * read whole, as before this feature. Decisions stick for the connector's lifetime, so a table being read whole
 * is never split under a running task.
 */
final class SnapshotCoordinator {

    /** What the connector does when decisions change or fail. */
    interface Listener {
        void changed();

        void failed(RuntimeException e);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCoordinator.class);

    private final String name;
    private final JdbcSourceConfig config;
    private final Dialect dialect;
    private final Supplier<OffsetStorageReader> offsets;
    private final Supplier<List<DiscoveredTable>> tables;
    private final int tasksMax;
    private final Listener listener;
    private final SnapshotPlanner planner;
    /** Per table: empty to read it whole, else its split. Absent: not decided yet. */
    private final Map<TableId, Optional<TableSplit>> decisions = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService executor;
    private volatile boolean stopped;

    SnapshotCoordinator(String name, JdbcSourceConfig config, Dialect dialect, Supplier<OffsetStorageReader> offsets,
                        Supplier<List<DiscoveredTable>> tables, int tasksMax, Listener listener) {
        this.name = name;
        this.config = config;
        this.dialect = dialect;
        this.offsets = offsets;
        this.tables = tables;
        this.tasksMax = tasksMax;
        this.listener = listener;
        this.planner = new SnapshotPlanner(config, dialect);
    }

    void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "spillway-jdbc-snapshot-planner-" + name);
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(1_000, Math.min(config.tableSettings().tablePollInterval().toMillis(), 30_000));
        executor.scheduleWithFixedDelay(this::refresh, 0, interval, TimeUnit.MILLISECONDS);
    }

    /** Decide the new tables soon (the table monitor found some). */
    void refreshSoon() {
        ScheduledExecutorService current = executor;
        if (current != null) {
            try {
                current.execute(this::refresh);
            } catch (RejectedExecutionException e) {
                // stopped meanwhile
            }
        }
    }

    void stop() {
        stopped = true;
        planner.stop();
        ScheduledExecutorService current = executor;
        executor = null;
        if (current != null) {
            current.shutdownNow();
        }
    }

    /** The decision for a table: null while undecided, empty to read it whole. */
    Optional<TableSplit> decision(TableId table) {
        return decisions.get(table);
    }

    /** True for a table that must wait for its decision before it is assigned (it may be split). */
    boolean mayBeSplit(DiscoveredTable table) {
        return config.snapshotSettings().splits(table.estimatedRows()) && planner.modeSplits();
    }

    /** One pass over the known tables; runs on the coordinator's thread (directly in unit tests). */
    void refresh() {
        List<DiscoveredTable> known = tables.get();
        if (known == null || known.isEmpty() || stopped) {
            return;
        }
        try {
            if (update(known)) {
                listener.changed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            listener.failed(new ConnectException(e.getMessage()));
        } catch (HorizonRefusedException e) {
            // The plan needs the horizon and will never get it: the table would wait, unread, for ever.
            listener.failed(e);
        } catch (SQLException e) {
            LOG.warn("Connector {}: could not plan the parallel snapshots (will try again): {}", name,
                SqlErrors.describe(e));
        } catch (RuntimeException e) {
            LOG.warn("Connector {}: could not plan the parallel snapshots (will try again): {}", name, e.toString());
        }
    }

    /** One pass over the tables; true if some decision changed. */
    private boolean update(List<DiscoveredTable> known) throws SQLException, InterruptedException {
        Map<TableId, Map<Integer, RangeOffset>> found = new HashMap<>();
        Map<TableId, SourceOffset> tableOffsets = new HashMap<>();
        probe(known, found, tableOffsets);
        boolean changed = false;
        Connection connection = null;
        try {
            for (DiscoveredTable table : known) {
                Optional<TableSplit> before = decisions.get(table.id());
                if (before != null && before.isEmpty()) {
                    continue;
                }
                Map<Integer, RangeOffset> ranges = found.get(table.id());
                Optional<TableSplit> after = before;
                if (ranges != null && !ranges.isEmpty()) {
                    if (connection == null && planner.keyFromCatalog()) {
                        connection = Connections.open(config, dialect);
                    }
                    after = Optional.of(PlanRecovery.recover(table.id(), ranges,
                        planner.expected(connection, table.id())));
                } else if (before == null) {
                    SourceOffset own = tableOffsets.get(table.id());
                    boolean marked = own != null && own.isSplit();
                    if (own != null && !marked) {
                        after = Optional.empty();
                    } else if (marked || mayBeSplit(table)) {
                        if (connection == null) {
                            connection = Connections.open(config, dialect);
                        }
                        // A marked offset whose ranges never committed: the same mark, new bounds.
                        after = planner.plan(connection, table, tasksMax, marked ? own.plan() : null,
                            marked ? own.w() : null);
                    } else {
                        after = Optional.empty();
                    }
                }
                if (!after.equals(before)) {
                    decisions.put(table.id(), after);
                    // A table not held back for a plan is assigned already: reading it whole changes no task.
                    changed |= !(before == null && after.isEmpty() && !mayBeSplit(table));
                }
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
        return changed;
    }

    /** The stored offsets of each table and of its ranges, in as few calls as the plans' sizes allow. */
    private void probe(List<DiscoveredTable> known, Map<TableId, Map<Integer, RangeOffset>> found,
                       Map<TableId, SourceOffset> tableOffsets) {
        OffsetStorageReader reader = offsets.get();
        if (reader == null) {
            return;
        }
        int probed = config.snapshotSettings().maxRanges();
        Map<Map<String, String>, Object[]> wanted = new HashMap<>();
        for (DiscoveredTable table : known) {
            wanted.put(SourcePartition.table(table.id().qualified()).toMap(), new Object[] {table.id(), null});
            for (int i = 0; i < probed; i++) {
                wanted.put(SourcePartition.range(table.id().qualified(), i).toMap(), new Object[] {table.id(), i});
            }
        }
        int most = read(reader, wanted, found, tableOffsets);
        if (most > probed) {
            // A plan made under a larger snapshot.split.max.ranges: its other ranges too.
            wanted.clear();
            for (TableId table : found.keySet()) {
                for (int i = probed; i < most; i++) {
                    wanted.put(SourcePartition.range(table.qualified(), i).toMap(), new Object[] {table, i});
                }
            }
            read(reader, wanted, found, tableOffsets);
        }
    }

    private static int read(OffsetStorageReader reader, Map<Map<String, String>, Object[]> wanted,
                            Map<TableId, Map<Integer, RangeOffset>> found, Map<TableId, SourceOffset> tableOffsets) {
        int most = 0;
        Map<Map<String, String>, Map<String, Object>> stored = reader.offsets(List.copyOf(wanted.keySet()));
        for (Map.Entry<Map<String, String>, Map<String, Object>> entry : stored.entrySet()) {
            Object[] what = wanted.get(entry.getKey());
            if (entry.getValue() == null || what == null) {
                continue;
            }
            TableId table = (TableId) what[0];
            try {
                if (what[1] == null) {
                    tableOffsets.put(table, SourceOffset.fromMap(entry.getValue()));
                } else {
                    RangeOffset range = RangeOffset.fromMap(table, (Integer) what[1], entry.getValue());
                    found.computeIfAbsent(table, t -> new HashMap<>()).put((Integer) what[1], range);
                    most = Math.max(most, range.range().count());
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("The stored offset of " + entry.getKey() + " cannot be read: "
                    + e.getMessage() + ". Reset it with the worker's offsets REST API.", e);
            }
        }
        return most;
    }
}
