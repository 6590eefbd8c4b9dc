package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.metrics.PartitionMetrics;
import dev.spillway.connect.jdbc.offset.SourceOffset;
import dev.spillway.connect.jdbc.schema.RowSchema;
import dev.spillway.connect.jdbc.schema.RowValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Incrementing mode, without losing ids that commit late. A sequence hands out ids in time order, but
 * transactions commit in any order: id 10 may commit after id 11 was read. So rows are only read up to a
 * <em>safe bound</em>: the highest id {@code M} seen at some instant {@code t}, once no transaction that was open
 * at {@code t} is still open. Any transaction that could still commit an id at or below {@code M} took that id
 * before {@code M} existed, so it was open at {@code t}; once the horizon has passed {@code t}, every id up to
 * {@code M} is committed (or rolled back for good) and visible.
 */
final class IncrementingReader extends PartitionReader {

    /** A highest id and when it was seen; it becomes the safe bound once the horizon passes {@code seenAt}. */
    private record Candidate(BigDecimal maxId, Instant seenAt) {
    }

    private static final Duration CANDIDATE_RECHECK = Duration.ofMillis(200);
    /** Batches read through one cursor before it is closed and the other tables get their turn. */
    static final int CURSOR_BATCHES = 50;

    private final String idColumn;
    private final boolean fromNow;
    private BigDecimal safeUpTo;
    private Candidate candidate;
    private boolean started;
    private int batchesFromCursor;

    IncrementingReader(Context context, Source source, SourceOffset offset, PartitionMetrics metrics) {
        super(context, source, offset, metrics);
        this.idColumn = context.config().modeSettings().incrementingColumn();
        this.fromNow = context.config().modeSettings().incrementingFromNow();
    }

    @Override
    protected List<String> requiredColumns() {
        List<String> columns = new ArrayList<>(super.requiredColumns());
        columns.add(idColumn);
        return columns;
    }

    @Override
    Batch read(Connection connection) throws SQLException {
        if (!started) {
            started = true;
            if (offset.id() == null && offset.w() != null) {
                // A split table: its ranges read every id up to w, this partition the ids above it.
                try {
                    offset = offset.withId(new BigDecimal(offset.w()));
                } catch (NumberFormatException e) {
                    throw new ConnectException(partition.name() + ": the stored offset's split mark '" + offset.w()
                        + "' is not an id, so it was written for another mode; restore the mode, or reset the"
                        + " offsets (DELETE /connectors/{name}/offsets while the connector is stopped)");
                }
            } else if (offset.id() == null && fromNow) {
                offset = offset.withId(maxId(connection));
            }
        }
        BigDecimal after = offset.id();
        if (cursor == null && (safeUpTo == null || (after != null && after.compareTo(safeUpTo) >= 0))) {
            if (!advanceSafeBound(connection, after)) {
                if (candidate == null) {
                    return Batch.idle(pollInterval());
                }
                // New ids exist but an open transaction keeps the horizon before they were seen.
                Duration recheck = min(CANDIDATE_RECHECK, pollInterval());
                metrics.heldBackByHorizon(recheck);
                return Batch.idle(recheck);
            }
        }
        if (cursor == null) {
            // Catch-up streams up to CURSOR_BATCHES batches through one cursor (one query instead of one per
            // batch), then closes it so that the task's other tables get their turn.
            cursor = StreamingCursor.open(connection, context.dialect(),
                queries.incrementing(idColumn, after, safeUpTo, batchRows() * CURSOR_BATCHES), batchRows(),
                this::execute);
            batchesFromCursor = 0;
        }
        List<SourceRecord> records = new ArrayList<>();
        ResultSet rs = cursor.rows();
        RowSchema schema = rowSchema(rs);
        int idIndex = columnIndex(rs, idColumn);
        // The offset only moves once the whole batch was read: a read that fails half-way returns nothing, so
        // the next one must start where this one did.
        SourceOffset position = offset;
        while (cursor.hasRow() && records.size() < batchRows()) {
            BigDecimal id = idValue(rs, idIndex, idColumn);
            if (id == null) {
                throw new DataException(partition.name() + ": " + idColumn + " is NULL in a row the database"
                    + " returned for " + idColumn + " > " + after);
            }
            RowValue value = schema.row(rs);
            position = position.withId(id);
            records.add(record(schema, value, position));
            cursor.next();
        }
        offset = position;
        batchesFromCursor++;
        boolean more = cursor.hasRow();
        if (!more || batchesFromCursor >= CURSOR_BATCHES) {
            closeCursor();
        }
        // More rows may wait below the bound, or a new bound right away; only an empty read waits.
        return new Batch(records, records.isEmpty() ? pollInterval() : Duration.ZERO, true);
    }

    /**
     * Moves the safe bound forward if it can: takes a candidate if there is none, then checks the horizon.
     * Three statements, each its own snapshot, in this order: the highest id, the time after it, the horizon.
     */
    private boolean advanceSafeBound(Connection connection, BigDecimal after) throws SQLException {
        if (candidate == null) {
            BigDecimal max = maxId(connection);
            if (max == null || (after != null && max.compareTo(after) <= 0)) {
                return false;
            }
            candidate = new Candidate(max, context.dialect().now(connection));
        }
        Instant horizon = context.horizon().safeBefore(connection);
        if (horizon == null || !horizon.isAfter(candidate.seenAt())) {
            return false;
        }
        if (safeUpTo == null || candidate.maxId().compareTo(safeUpTo) > 0) {
            safeUpTo = candidate.maxId();
        }
        candidate = null;
        return after == null || after.compareTo(safeUpTo) < 0;
    }

    private BigDecimal maxId(Connection connection) throws SQLException {
        try (PreparedStatement statement = prepare(connection, queries.maxId(idColumn));
             ResultSet rs = execute(statement)) {
            return rs.next() ? idValue(rs, 1, idColumn) : null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
