package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.metrics.PartitionMetrics;
import dev.spillway.connect.jdbc.offset.SourceOffset;
import dev.spillway.connect.jdbc.query.BoundQuery;
import dev.spillway.connect.jdbc.schema.RowSchema;
import dev.spillway.connect.jdbc.schema.RowValue;
import dev.spillway.connect.jdbc.schema.TimestampKind;
import org.apache.kafka.connect.errors.ConnectException;
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
        if (offset.timestamp() != null) {
            afterTs = kind.parse(offset.timestamp());
        }
    }

    @Override
    Batch read(Connection connection) throws SQLException {
        if (kind == null) {
            checkColumns(connection);
        }
        if (cursor != null) {
            return readPairsFromCursor();
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
                timestampColumns, idColumn, afterTs, afterId, before, batchRows() * CURSOR_BATCHES), batchRows(),
                this::execute);
            batchesFromCursor = 0;
            Batch batch = readPairsFromCursor();
            if (batch.records().isEmpty()) {
                // Nothing newer below the horizon: read up to it.
                metrics.readUpTo(horizon);
            }
            return batch;
        }
        List<Row> rows = query(connection, queries.timestamp(timestampColumns, afterTs, before, batchRows() + 1),
            batchRows() + 1);
        List<SourceRecord> records = emitGroups(connection, rows);
        if (rows.isEmpty()) {
            metrics.readUpTo(horizon);
        } else if (!records.isEmpty()) {
            metrics.readUpTo(kind.toInstant(afterTs, context.config().recordSettings().dbZone()));
        }
        Duration next = rows.size() >= batchRows() ? Duration.ZERO : pollInterval();
        return new Batch(records, next, true);
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
            position = position.withTimestamp(kind.format(lastTs)).withId(lastId);
            records.add(record(schema, schema.row(rs), position));
            cursor.next();
        }
        afterTs = lastTs;
        afterId = lastId;
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

    /** Only whole groups of equal timestamps; a group that straddles the batch limit waits for the next read. */
    private List<SourceRecord> emitGroups(Connection connection, List<Row> rows) throws SQLException {
        List<Row> complete = rows;
        if (rows.size() > batchRows()) {
            Comparable<?> last = rows.get(batchRows() - 1).ts();
            if (TimestampKind.compare(rows.get(batchRows()).ts(), last) != 0) {
                complete = rows.subList(0, batchRows());
            } else {
                complete = new ArrayList<>();
                for (Row row : rows.subList(0, batchRows())) {
                    if (TimestampKind.compare(row.ts(), last) < 0) {
                        complete.add(row);
                    }
                }
                if (complete.isEmpty()) {
                    // One timestamp holds more rows than a batch: read that group whole.
                    complete = query(connection, queries.timestampEquals(timestampColumns, last), Integer.MAX_VALUE);
                }
            }
        }
        List<SourceRecord> records = new ArrayList<>(complete.size());
        for (int i = 0; i < complete.size(); i++) {
            Row row = complete.get(i);
            boolean endsGroup = i == complete.size() - 1
                || TimestampKind.compare(complete.get(i + 1).ts(), row.ts()) != 0;
            if (endsGroup) {
                afterTs = row.ts();
                offset = offset.withTimestamp(kind.format(afterTs));
            }
            // Inside a group the offset still names the previous group, so a restart re-reads this one.
            records.add(record(row.schema(), row.value(), offset));
        }
        return records;
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
