package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.metrics.PartitionMetrics;
import dev.spillway.connect.jdbc.offset.SourceOffset;
import dev.spillway.connect.jdbc.schema.RowSchema;
import org.apache.kafka.connect.source.SourceRecord;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Bulk mode: the whole table every poll interval, streamed through a cursor over as many polls as it takes, so a
 * table bigger than the heap is fine. Each pass is a numbered snapshot; a restart mid-snapshot starts the
 * snapshot over (so its rows may repeat, unless the connector defines the transactions: then a snapshot is one
 * transaction and an interrupted one is aborted as a whole).
 */
final class BulkReader extends PartitionReader {

    BulkReader(Context context, Source source, SourceOffset offset, PartitionMetrics metrics) {
        super(context, source, offset, metrics);
    }

    @Override
    Batch read(Connection connection) throws SQLException {
        if (cursor == null) {
            cursor = StreamingCursor.open(connection, context.dialect(), queries.bulk(), batchRows(), this::execute);
        }
        RowSchema schema = rowSchema(cursor.rows());
        SourceOffset position = offset.withSnapshot(offset.snapshot() + 1);
        Map<String, Object> positionMap = Collections.unmodifiableMap(position.toMap());
        List<SourceRecord> records = new ArrayList<>();
        while (cursor.hasRow() && records.size() < batchRows()) {
            records.add(record(schema, schema.row(cursor.rows()), positionMap));
            cursor.next();
        }
        if (cursor.hasRow()) {
            return new Batch(records, Duration.ZERO, false);
        }
        closeCursor();
        offset = position;
        return new Batch(records, pollInterval(), true);
    }
}
