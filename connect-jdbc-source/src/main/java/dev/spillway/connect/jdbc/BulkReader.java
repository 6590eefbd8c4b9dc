package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.offset.SourceOffset;
import dev.spillway.connect.jdbc.schema.RowSchema;
import org.apache.kafka.connect.source.SourceRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Bulk mode: the whole table every poll interval, streamed through a cursor over as many polls as it takes, so a
 * table bigger than the heap is fine. Each pass is a numbered snapshot; a restart mid-snapshot starts the
 * snapshot over (so its rows may repeat, unless the connector defines the transactions: then a snapshot is one
 * transaction and an interrupted one is aborted as a whole).
 */
final class BulkReader extends PartitionReader {

    private PreparedStatement statement;
    private ResultSet cursor;
    private boolean onRow;
    private Connection cursorConnection;

    BulkReader(Context context, Source source, SourceOffset offset) {
        super(context, source, offset);
    }

    @Override
    boolean inProgress() {
        return cursor != null;
    }

    @Override
    Batch read(Connection connection) throws SQLException {
        if (cursor == null) {
            statement = prepare(connection, queries.bulk());
            context.dialect().prepareStreaming(connection, statement, batchRows());
            cursorConnection = connection;
            cursor = execute(statement);
            onRow = cursor.next();
        }
        RowSchema schema = rowSchema(cursor);
        SourceOffset position = offset.withSnapshot(offset.snapshot() + 1);
        List<SourceRecord> records = new ArrayList<>();
        while (onRow && records.size() < batchRows()) {
            records.add(record(schema, schema.value(cursor), position));
            onRow = cursor.next();
        }
        if (onRow) {
            return new Batch(records, Duration.ZERO, false);
        }
        close();
        offset = position;
        return new Batch(records, pollInterval(), true);
    }

    @Override
    void reset() {
        try {
            close();
        } catch (SQLException e) {
            // The connection is being discarded anyway.
        }
    }

    private void close() throws SQLException {
        Connection connection = cursorConnection;
        cursorConnection = null;
        try {
            if (cursor != null) {
                cursor.close();
            }
            if (statement != null) {
                statement.close();
            }
        } finally {
            cursor = null;
            statement = null;
            if (connection != null && !connection.isClosed() && !connection.getAutoCommit()) {
                connection.commit();
                connection.setAutoCommit(true);
            }
        }
    }
}
