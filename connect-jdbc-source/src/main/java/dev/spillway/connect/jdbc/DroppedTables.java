package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.dialect.Dialect;
import dev.spillway.connect.jdbc.dialect.SqlErrors;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tables a task stopped reading because the catalog confirmed they were dropped. While
 * {@code table.poll.interval.ms} is on they are looked up again at that interval, so a table re-created before
 * the connector's own check noticed the drop is read again by this task (the connector's check reassigns
 * the tables anyway when it sees the drop). With the check off they stay dropped until the connector restarts:
 * 0 promises that the connector never looks at the catalog again. Their readers keep their offsets; the stored
 * offsets are never touched.
 */
final class DroppedTables {

    private static final Logger LOG = LoggerFactory.getLogger(DroppedTables.class);

    private final Dialect dialect;
    private final Duration recheck;
    private final Set<PartitionReader> dropped = new LinkedHashSet<>();
    private long nextCheckNanos;

    DroppedTables(Dialect dialect, Duration recheck) {
        this.dialect = dialect;
        this.recheck = recheck;
    }

    /** Asks the catalog whether the table of a reader that met a missing-table error is really gone. */
    boolean confirmedGone(Connection connection, PartitionReader reader) throws SQLException {
        return !dialect.tableExists(connection, reader.table());
    }

    /**
     * For the custom query after a missing-table error: runs its probe again, and if a relation it names is
     * still missing fails the task with one line naming it (no retry fixes the query). Returns if it runs now.
     */
    static void failIfQueryRelationMissing(Connection connection, PartitionReader reader) throws SQLException {
        try (PreparedStatement statement = reader.queries.probe().prepare(connection);
             ResultSet rs = statement.executeQuery()) {
            return;
        } catch (SQLException again) {
            if (!SqlErrors.isMissingRelation(again)) {
                throw again;
            }
            // No cause: the database's words are in the message, and the trace stays one line of text.
            throw new ConnectException(TableSettings.QUERY_CONFIG + " reads a table or view that does not"
                + " exist (dropped or renamed?): " + SqlErrors.describe(again) + ". Fix the query or create"
                + " the relation, then restart the task.");
        }
    }

    /** Takes a reader whose table is gone out of the task's work, with one WARN. */
    void add(PartitionReader reader, SQLException error, int tablesLeft) {
        dropped.add(reader);
        nextCheckNanos = System.nanoTime() + recheck.toNanos();
        LOG.warn("{}: the table was dropped ({}; the catalog no longer lists it). This task stops reading it and"
                + " goes on with its other {} table(s). Its stored offset {} is kept: a table of the same name"
                + " created later resumes after it. {}", reader.partition.name(), SqlErrors.describe(error),
            tablesLeft, reader.offset.toMap(), recheck.isZero()
                ? "table.poll.interval.ms=0: it is not looked for again until the connector restarts."
                : "It is looked for again every " + recheck.toMillis() + " ms.");
    }

    /** True when dropped tables are due to be looked for again. */
    boolean due(long nowNanos) {
        return !dropped.isEmpty() && !recheck.isZero() && nowNanos - nextCheckNanos >= 0;
    }

    /** The readers whose tables exist again, taken out of this set; the rest are looked for after the interval. */
    List<PartitionReader> recreated(Connection connection) throws SQLException {
        nextCheckNanos = System.nanoTime() + recheck.toNanos();
        List<PartitionReader> back = new ArrayList<>();
        for (Iterator<PartitionReader> it = dropped.iterator(); it.hasNext(); ) {
            PartitionReader reader = it.next();
            if (dialect.tableExists(connection, reader.table())) {
                it.remove();
                back.add(reader);
                LOG.warn("{}: the table exists again; this task reads it again after its last offset {}. If it is"
                        + " a new table, rows up to that offset are not read: reset the offset (see"
                        + " docs/jdbc-source.md, dropped tables).", reader.partition.name(), reader.offset.toMap());
            }
        }
        return back;
    }

    boolean isEmpty() {
        return dropped.isEmpty();
    }
}
