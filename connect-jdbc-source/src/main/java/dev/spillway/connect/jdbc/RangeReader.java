package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.metrics.PartitionMetrics;
import dev.spillway.connect.jdbc.offset.SourceOffset;
import dev.spillway.connect.jdbc.query.QueryBuilder;
import dev.spillway.connect.jdbc.schema.RowSchema;
import dev.spillway.connect.jdbc.schema.TimestampKind;
import dev.spillway.connect.jdbc.snapshot.KeyValues;
import dev.spillway.connect.jdbc.snapshot.RangeOffset;
import dev.spillway.connect.jdbc.snapshot.SnapshotRange;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One key range of a table snapshotted in parallel, read in key order through a cursor and resumed after the
 * last key read ({@code pos} in its offset). In the incremental modes the range is read once, up to the plan's
 * high-water mark, and its last record says {@code done}; in bulk mode it is re-read every poll interval, each
 * pass a numbered snapshot of its own, a transaction when the connector defines the boundaries.
 *
 * <p>Why no row is lost to a late commit: the plan's mark {@code w} was chosen so that the set of rows at or
 * below it is final (see {@code SnapshotPlanner}), and the table's own partition reads everything above it,
 * whichever range the row's key falls in. A row committed late into a range already read has a tracking value
 * above {@code w} (an id handed out after the mark was taken, or a timestamp at or after the horizon), so the
 * table's partition reads it.
 */
final class RangeReader extends PartitionReader {

    private final SnapshotRange range;
    private final Mode mode;
    private RangeOffset progress;
    private QueryBuilder.Filter filter;
    private int rowsFromCursor;

    RangeReader(Context context, Source source, SnapshotRange range, RangeOffset stored, PartitionMetrics metrics) {
        super(context, source, SourceOffset.NONE, metrics);
        this.range = range;
        this.mode = context.config().modeSettings().mode();
        this.progress = stored == null ? RangeOffset.start(range) : new RangeOffset(range, stored.pos(),
            stored.done(), stored.snapshot());
    }

    @Override
    protected List<String> requiredColumns() {
        List<String> columns = new ArrayList<>(super.requiredColumns());
        columns.addAll(range.keys());
        return columns;
    }

    boolean done() {
        return progress.done();
    }

    @Override
    Batch read(Connection connection) throws SQLException {
        if (progress.done()) {
            // Finished: the connector stops assigning it at the next reconfiguration.
            return Batch.idle(Duration.ofHours(1));
        }
        if (cursor == null) {
            if (filter == null && range.w() != null) {
                filter = filter(connection);
            }
            KeyValues after = progress.pos() != null ? progress.pos() : range.lo();
            cursor = StreamingCursor.open(connection, context.dialect(), queries.range(range.keys(),
                    after == null ? null : after.values(), range.hi() == null ? null : range.hi().values(), filter,
                    cursorRows()), batchRows(), this::execute);
            rowsFromCursor = 0;
        }
        ResultSet rs = cursor.rows();
        RowSchema schema = rowSchema(rs);
        int[] keyIndexes = new int[range.keys().size()];
        for (int i = 0; i < keyIndexes.length; i++) {
            keyIndexes[i] = columnIndex(rs, range.keys().get(i));
        }
        boolean bulk = range.w() == null;
        long pass = bulk ? progress.snapshot() + 1 : 0;
        // Every record but the batch's last carries where the batch started, and the last where it ended: the
        // worker commits the offset of a record only once every record before it is acknowledged, so a partial
        // commit can only point back (rows re-read), never past an unsent row. One offset map per batch instead
        // of one per row, which holds the whole range description and cost a fifth more CPU per row.
        long recordSnapshot = bulk ? progress.snapshot() : 0;
        Map<String, Object> started = Collections.unmodifiableMap(
            new RangeOffset(range, progress.pos(), false, recordSnapshot).toMap());
        List<SourceRecord> records = new ArrayList<>();
        KeyValues pos = progress.pos();
        while (cursor.hasRow() && records.size() < batchRows()) {
            pos = key(rs, keyIndexes);
            records.add(record(schema, schema.row(rs), started));
            cursor.next();
            rowsFromCursor++;
        }
        boolean more = cursor.hasRow();
        // The range's upper bound is a key the plan read from the table, so reading it means the end (the key is
        // unique): the last record can say done even when the cursor also ended at its LIMIT.
        boolean atUpperBound = range.hi() != null && pos != null && pos.equals(range.hi());
        boolean cutByLimit = !more && !atUpperBound && rowsFromCursor >= cursorRows();
        if (!more) {
            closeCursor();
        }
        progress = progress.withPos(pos);
        if (more || cutByLimit) {
            endWith(records, new RangeOffset(range, pos, false, recordSnapshot));
            // Bulk: one pass is one transaction; incremental: every batch, as in the incremental readers.
            return new Batch(records, Duration.ZERO, !bulk);
        }
        // The range (or this pass over it) is read to its end: its last record says so.
        RangeOffset end = bulk ? new RangeOffset(range, null, false, pass) : new RangeOffset(range, pos, true, 0);
        progress = end;
        endWith(records, end);
        return new Batch(records, bulk ? pollInterval() : Duration.ZERO, true);
    }

    /** Gives the batch's last record the offset the batch ends at. */
    private static void endWith(List<SourceRecord> records, RangeOffset end) {
        if (!records.isEmpty()) {
            SourceRecord last = records.get(records.size() - 1);
            records.set(records.size() - 1, new SourceRecord(last.sourcePartition(), end.toMap(), last.topic(),
                null, last.keySchema(), last.key(), last.valueSchema(), last.value(), null, last.headers()));
        }
    }

    /** The LIMIT of one cursor (MariaDB's driver reads a streamed result to its end when it is closed early). */
    private int cursorRows() {
        return batchRows() * IncrementingReader.CURSOR_BATCHES;
    }

    private KeyValues key(ResultSet rs, int[] indexes) throws SQLException {
        List<Object> values = new ArrayList<>(indexes.length);
        for (int i = 0; i < indexes.length; i++) {
            Object value = range.kinds().get(i) == KeyValues.Kind.NUMBER ? rs.getBigDecimal(indexes[i])
                : rs.getString(indexes[i]);
            if (value == null) {
                throw new ConnectException(range.describe() + ": key column " + range.keys().get(i) + " is NULL in"
                    + " a row; a split needs a key without NULLs (set snapshot.split.min.rows=0 for this connector)");
            }
            values.add(value);
        }
        return new KeyValues(values);
    }

    /** The plan's high-water mark as this mode compares it. */
    private QueryBuilder.Filter filter(Connection connection) throws SQLException {
        ModeSettings settings = context.config().modeSettings();
        if (!mode.usesTimestamp()) {
            return QueryBuilder.Filter.id(settings.incrementingColumn(), new BigDecimal(range.w()));
        }
        TimestampKind kind;
        try (PreparedStatement statement = queries.probe().prepare(connection);
             ResultSet rs = statement.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            int index = columnIndex(rs, settings.timestampColumns().get(0));
            int type = md.getColumnType(index);
            if (type != Types.TIMESTAMP && type != Types.TIMESTAMP_WITH_TIMEZONE) {
                throw new ConnectException("timestamp.column.name: column " + settings.timestampColumns().get(0)
                    + " of " + partition.name() + " is " + md.getColumnTypeName(index) + ", not a timestamp");
            }
            kind = TimestampKind.forJdbcType(type, md.getColumnTypeName(index));
        }
        return QueryBuilder.Filter.timestamp(settings.timestampColumns(), kind.parse(range.w()));
    }
}
