package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.metrics.PartitionMetrics;
import dev.spillway.connect.jdbc.offset.SourceOffset;
import dev.spillway.connect.jdbc.query.BoundQuery;
import dev.spillway.connect.jdbc.schema.RowSchema;
import dev.spillway.connect.jdbc.schema.RowValue;
import dev.spillway.connect.jdbc.schema.TimestampKind;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The timestamp modes. Every query is bounded above by the transaction horizon ({@code ts < horizon}): no
 * transaction still open can commit a row below it, because a row's timestamp is taken by the database when it is
 * written and the horizon is the start of the oldest transaction still open. Below the horizon the set of rows is
 * final, so the reader can move past a timestamp once it has read it, without losing late commits.
 *
 * <p>timestamp+incrementing orders by (ts, id) and resumes after exactly that pair. timestamp alone cannot tell
 * rows with the same timestamp apart, so it only emits whole groups of equal timestamps, and every record but
 * the last of a group carries the previous group's timestamp as its offset: a restart mid-group re-reads the
 * group rather than skipping the rest of it.
 */
final class TimestampReader extends PartitionReader {

    private static final Logger LOG = LoggerFactory.getLogger(TimestampReader.class);

    private static final Duration HORIZON_RETRY = Duration.ofMillis(200);
    /** Batches read through one cursor before it is closed and the other tables get their turn. */
    private static final int CURSOR_BATCHES = IncrementingReader.CURSOR_BATCHES;

    private final List<String> timestampColumns;
    private final String idColumn;
    private final boolean fromNow;
    private TimestampKind kind;
    private Comparable<?> afterTs;
    private BigDecimal afterId;
    private int batchesFromCursor;
    private int rowsFromCursor;
    /** True until the first row of a split table's own partition is read: the first query includes ts = w. */
    private boolean fromSplitStart;

    /** {@code idColumn} null for timestamp mode, set for timestamp+incrementing. */
    TimestampReader(Context context, Source source, SourceOffset offset, String idColumn,
                    PartitionMetrics metrics) {
        super(context, source, offset, metrics);
        this.timestampColumns = context.config().modeSettings().timestampColumns();
        this.idColumn = idColumn;
        this.fromNow = context.config().modeSettings().timestampFromNow();
        this.afterId = offset.id();
    }

    @Override
    protected List<String> requiredColumns() {
        List<String> columns = new ArrayList<>(super.requiredColumns());
        columns.addAll(timestampColumns);
        if (idColumn != null) {
            columns.add(idColumn);
        }
        return columns;
    }

    @Override
    void checkColumns(Connection connection) throws SQLException {
        super.checkColumns(connection);
        try (PreparedStatement statement = queries.probe().prepare(connection);
             ResultSet rs = statement.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            int index = columnIndex(rs, timestampColumns.get(0));
            int type = md.getColumnType(index);
            if (type != Types.TIMESTAMP && type != Types.TIMESTAMP_WITH_TIMEZONE) {
                throw new ConnectException("timestamp.column.name: column " + timestampColumns.get(0) + " of "
                    + partition.name() + " is " + md.getColumnTypeName(index) + ", not a timestamp");
            }
            kind = TimestampKind.forJdbcType(type, md.getColumnTypeName(index));
        }
        String stored = offset.timestamp() != null ? offset.timestamp() : offset.w();
        try {
            if (offset.timestamp() != null) {
                afterTs = kind.parse(offset.timestamp());
            } else if (offset.w() != null) {
                // A split table: its ranges read the rows below w, this partition those from w on.
                afterTs = kind.parse(offset.w());
                fromSplitStart = true;
            }
        } catch (RuntimeException e) {
            // The column's type changed under a stored offset (timestamp to timestamptz, say), or the mode did.
            throw new ConnectException(partition.name() + ": the stored offset's timestamp '" + stored + "' does not"
                + " fit column " + timestampColumns.get(0) + ", now a timestamp " + (kind == TimestampKind.ZONED ? "with"
                : "without") + " time zone (" + e.getMessage() + "); restore the"
                + " column or the mode, or set the offset to one that fits (PATCH /connectors/{name}/offsets while it"
                + " is stopped, or DELETE to read everything again)");
        }
    }

    @Override
    Batch read(Connection connection) throws SQLException {
        if (kind == null) {
            checkColumns(connection);
        }
        if (cursor != null) {
            return idColumn != null ? readPairsFromCursor() : readGroupsFromCursor(connection);
        }
        Instant horizon = context.horizon().safeBefore(connection);
        if (horizon == null) {
            metrics.heldBackByHorizon(HORIZON_RETRY);
            return Batch.idle(HORIZON_RETRY);
        }
        Comparable<?> before = kind.fromInstant(horizon, context.config().recordSettings().dbZone());
        LOG.debug("{}: reading rows after ({}, {}) and before {}", partition.name(), afterTs, afterId, before);
        if (afterTs == null && fromNow) {
            // Start from now: only rows below the current horizon are left behind.
            afterTs = before;
            metrics.readUpTo(horizon);
            return Batch.idle(Duration.ZERO);
        }
        if (idColumn != null) {
            // (ts, id) pairs resume exactly, so a catch-up streams up to CURSOR_BATCHES batches through one
            // cursor, all below this horizon, then yields to the task's other tables.
            cursor = StreamingCursor.open(connection, context.dialect(), queries.timestampIncrementing(
                timestampColumns, idColumn, afterTs, afterId, fromSplitStart, before, batchRows() * CURSOR_BATCHES),
                batchRows(),
                this::execute);
            batchesFromCursor = 0;
            Batch batch = readPairsFromCursor();
            if (batch.records().isEmpty()) {
                // Nothing newer below the horizon: read up to it.
                metrics.readUpTo(horizon);
            }
            return batch;
        }
        // Timestamp alone: the catch-up streams too, up to CURSOR_BATCHES batches' worth of rows below this
        // horizon per cursor; only whole groups of equal timestamps are emitted.
        cursor = StreamingCursor.open(connection, context.dialect(), queries.timestamp(timestampColumns, afterTs,
            fromSplitStart, before, cursorRows()), batchRows(), this::execute);
        batchesFromCursor = 0;
        rowsFromCursor = 0;
        Batch batch = readGroupsFromCursor(connection);
        if (batch.records().isEmpty()) {
            metrics.readUpTo(horizon);
        }
        return batch;
    }

    /** The LIMIT of one cursor (MariaDB's driver reads a streamed result to its end when it is closed early). */
    private int cursorRows() {
        return batchRows() * CURSOR_BATCHES;
    }

    /**
     * A batch of whole timestamp groups from the open cursor: at least {@code batch.max.rows} rows unless the
     * result ends, and never a group split between two batches (a group larger than a batch comes whole). A group
     * still open when the cursor reaches its LIMIT may go on beyond it: it is left for the next cursor, which
     * starts after the last whole group, or, if it is the only one, read whole by its own query.
     */
    private Batch readGroupsFromCursor(Connection connection) throws SQLException {
        // The position only moves once the whole batch was read: a read that fails half-way returns nothing, so
        // the next one must start where this one did.
        Comparable<?> startTs = afterTs;
        SourceOffset startOffset = offset;
        boolean startInclusive = fromSplitStart;
        try {
            return readGroups(connection);
        } catch (SQLException | RuntimeException e) {
            afterTs = startTs;
            offset = startOffset;
            fromSplitStart = startInclusive;
            throw e;
        }
    }

    private Batch readGroups(Connection connection) throws SQLException {
        ResultSet rs = cursor.rows();
        RowSchema schema = rowSchema(rs);
        int[] tsIndexes = timestampIndexes(rs);
        List<SourceRecord> records = new ArrayList<>();
        List<Row> group = new ArrayList<>();
        boolean ended = false;
        boolean cutByLimit = false;
        while (true) {
            if (!cursor.hasRow()) {
                ended = true;
                break;
            }
            Comparable<?> ts = timestampOf(rs, tsIndexes);
            if (!group.isEmpty() && TimestampKind.compare(ts, group.get(0).ts()) != 0) {
                emitGroup(group, records);
                group.clear();
                if (records.size() >= batchRows()) {
                    break;
                }
            }
            group.add(new Row(ts, schema, schema.row(rs)));
            rowsFromCursor++;
            cursor.next();
        }
        batchesFromCursor++;
        if (ended) {
            cutByLimit = rowsFromCursor >= cursorRows();
            closeCursor();
            if (!group.isEmpty() && (!cutByLimit || records.isEmpty())) {
                // Below the LIMIT the result held every row under the horizon, so its last group is whole.
                emitGroup(cutByLimit ? query(connection, queries.timestampEquals(timestampColumns, group.get(0).ts()),
                    Integer.MAX_VALUE) : group, records);
            }
        } else if (batchesFromCursor >= CURSOR_BATCHES) {
            closeCursor();
        }
        if (!records.isEmpty()) {
            metrics.readUpTo(kind.toInstant(afterTs, context.config().recordSettings().dbZone()));
        }
        // Every row under the horizon read: wait for new ones; otherwise read on right away.
        return new Batch(records, ended && !cutByLimit ? pollInterval() : Duration.ZERO, true);
    }

    private Batch readPairsFromCursor() throws SQLException {
        ResultSet rs = cursor.rows();
        RowSchema schema = rowSchema(rs);
        int[] tsIndexes = timestampIndexes(rs);
        int idIndex = columnIndex(rs, idColumn);
        List<SourceRecord> records = new ArrayList<>();
        // The position only moves once the whole batch was read: a read that fails half-way returns nothing, so
        // the next one must start where this one did.
        Comparable<?> lastTs = afterTs;
        BigDecimal lastId = afterId;
        SourceOffset position = offset;
        while (cursor.hasRow() && records.size() < batchRows()) {
            lastTs = timestampOf(rs, tsIndexes);
            lastId = idValue(rs, idIndex, idColumn);
            if (lastId == null) {
                // The position is the pair (timestamp, id): without the id, the rest of this timestamp's rows
                // could not be told apart from those already sent.
                throw new DataException(partition.name() + ": " + idColumn + " is NULL in the row at "
                    + String.join(", ", timestampColumns) + " = " + kind.format(lastTs) + "; timestamp+incrementing"
                    + " needs it in every row: fill it, or read through a custom 'query' that leaves such rows out");
            }
            position = position.withTimestamp(kind.format(lastTs)).withId(lastId);
            records.add(record(schema, schema.row(rs), position));
            cursor.next();
        }
        afterTs = lastTs;
        afterId = lastId;
        if (!records.isEmpty()) {
            fromSplitStart = false;
        }
        offset = position;
        if (!records.isEmpty()) {
            metrics.readUpTo(kind.toInstant(lastTs, context.config().recordSettings().dbZone()));
        }
        batchesFromCursor++;
        boolean full = records.size() >= batchRows();
        if (!cursor.hasRow() || batchesFromCursor >= CURSOR_BATCHES) {
            closeCursor();
        }
        return new Batch(records, full ? Duration.ZERO : pollInterval(), true);
    }

    private int[] timestampIndexes(ResultSet rs) throws SQLException {
        int[] indexes = new int[timestampColumns.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = columnIndex(rs, timestampColumns.get(i));
        }
        return indexes;
    }

    /** The first non-null timestamp column, as COALESCE in the query saw it. */
    private Comparable<?> timestampOf(ResultSet rs, int[] indexes) throws SQLException {
        Comparable<?> ts = null;
        for (int i = 0; i < indexes.length && ts == null; i++) {
            ts = kind.read(rs, indexes[i]);
        }
        return ts;
    }

    /**
     * Emits one whole group of equal timestamps: inside it the offset still names the previous group, so a
     * restart mid-group re-reads this one; its last record carries the group's own timestamp.
     */
    private void emitGroup(List<Row> group, List<SourceRecord> records) {
        for (int i = 0; i < group.size(); i++) {
            Row row = group.get(i);
            if (i == group.size() - 1) {
                afterTs = row.ts();
                fromSplitStart = false;
                offset = offset.withTimestamp(kind.format(afterTs));
            }
            records.add(record(row.schema(), row.value(), offset));
        }
    }

    private record Row(Comparable<?> ts, RowSchema schema, RowValue value) {
    }

    private List<Row> query(Connection connection, BoundQuery query, int max) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, query); ResultSet rs = execute(statement)) {
            RowSchema schema = rowSchema(rs);
            int[] tsIndexes = timestampIndexes(rs);
            while (rows.size() < max && rs.next()) {
                rows.add(new Row(timestampOf(rs, tsIndexes), schema, schema.row(rs)));
            }
        }
        return rows;
    }
}
