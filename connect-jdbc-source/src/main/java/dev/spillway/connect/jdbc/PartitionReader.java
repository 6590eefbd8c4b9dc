package dev.spillway.connect.jdbc;

import dev.spillway.connect.common.text.SafeText;
import dev.spillway.connect.jdbc.dialect.Dialect;
import dev.spillway.connect.jdbc.dialect.SqlErrors;
import dev.spillway.connect.jdbc.dialect.TransactionHorizon;
import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.metrics.PartitionMetrics;
import dev.spillway.connect.jdbc.offset.SourceOffset;
import dev.spillway.connect.jdbc.offset.SourcePartition;
import dev.spillway.connect.jdbc.query.BoundQuery;
import dev.spillway.connect.jdbc.query.QueryBuilder;
import dev.spillway.connect.jdbc.schema.ColumnMapper;
import dev.spillway.connect.jdbc.schema.RowSchema;
import dev.spillway.connect.jdbc.schema.RowValue;
import dev.spillway.connect.jdbc.schema.SchemaNames;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads one source partition (a table or the custom query) in the configured mode. Not thread-safe: the task's
 * poll thread is its only user, except {@link #cancel()}.
 */
abstract class PartitionReader {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionReader.class);

    /** What every reader of a task shares. */
    record Context(JdbcSourceConfig config, Dialect dialect, TransactionHorizon horizon, ColumnMapper mapper) {
    }

    protected final Context context;
    protected final SourcePartition partition;
    protected final String topic;
    protected final QueryBuilder queries;
    protected final PartitionMetrics metrics;
    private final SchemaNames schemaNames;
    private final TableId table;
    private final Map<String, String> partitionMap;
    private List<String> keyColumns;
    private final AtomicReference<PreparedStatement> running = new AtomicReference<>();
    private RowSchema rowSchema;
    private String rowSignature;
    protected SourceOffset offset;
    /** The open cursor of a read spread over several polls; null between reads. */
    protected StreamingCursor cursor;

    protected PartitionReader(Context context, Source source, SourceOffset offset, PartitionMetrics metrics) {
        this.context = context;
        this.metrics = metrics;
        this.partition = source.partition();
        this.topic = source.topic();
        this.queries = source.queries();
        this.schemaNames = source.schemaNames();
        this.keyColumns = source.keyColumns();
        this.table = source.table();
        this.partitionMap = partition.toMap();
        this.offset = offset;
    }

    /**
     * Where a reader reads from. {@code keyColumns} null means the table's primary key, looked up on first use
     * (not at task start, so that a database that is down then is only a retriable error).
     */
    record Source(SourcePartition partition, String topic, QueryBuilder queries, SchemaNames schemaNames,
                  List<String> keyColumns, TableId table) {
    }

    abstract Batch read(Connection connection) throws SQLException;

    /** The table read, or null for the custom query. */
    TableId table() {
        return table;
    }

    /** True while the reader holds an open cursor and must be read again before any other partition. */
    final boolean inProgress() {
        return cursor != null;
    }

    /** Drops whatever the reader holds open after an error; its offset state stays. */
    final void reset() {
        try {
            closeCursor();
        } catch (SQLException e) {
            // The connection is being discarded anyway.
        }
    }

    /** Closes the open cursor, if any; the next read opens a new one from the reader's offset. */
    final void closeCursor() throws SQLException {
        StreamingCursor open = cursor;
        cursor = null;
        if (open != null) {
            open.close();
        }
    }

    /** Checks once that the configured columns exist, so a typo fails with its key named. */
    void checkColumns(Connection connection) throws SQLException {
        if (keyColumns == null) {
            keyColumns = context.dialect().primaryKey(connection, table);
            if (keyColumns.isEmpty()) {
                LOG.info("{} has no primary key: its records carry no key (key.mode=pk)", table);
            }
        }
        try (PreparedStatement statement = queries.probe().prepare(connection);
             ResultSet rs = statement.executeQuery()) {
            RowSchema schema = rowSchema(rs);
            List<String> missing = new ArrayList<>();
            for (String column : requiredColumns()) {
                if (!schema.hasColumn(column)) {
                    missing.add(column);
                }
            }
            if (!missing.isEmpty()) {
                throw new ConnectException(partition.name() + " has no column(s) " + missing + " (its columns: "
                    + schema.columns().stream().map(c -> c.name()).toList() + "): fix "
                    + columnKeys() + ". Names are matched exactly, case included.");
            }
        }
    }

    /** The configured columns this mode needs. */
    protected List<String> requiredColumns() {
        return keyColumns == null ? List.of() : keyColumns;
    }

    private String columnKeys() {
        return "incrementing.column.name / timestamp.column.name / key.columns";
    }

    protected Duration pollInterval() {
        return context.config().pollingSettings().pollInterval();
    }

    protected int batchRows() {
        return context.config().pollingSettings().batchMaxRows();
    }

    /**
     * The incrementing column's value at {@code index}. A numeric {@code NaN} or {@code Infinity} there fails with
     * one line: PostgreSQL sorts them above every number, so as a position they would hide every later id.
     */
    protected BigDecimal idValue(ResultSet rs, int index, String column) throws SQLException {
        try {
            return rs.getBigDecimal(index);
        } catch (SQLException e) {
            String text = rs.getString(index);
            if (text != null && (text.equals("NaN") || text.endsWith("Infinity"))) {
                throw new DataException("Column '" + column + "' of " + partition.name() + " holds '" + text
                    + "', which has no place in an incrementing order (it sorts above every number, so no later id"
                    + " could ever be read): correct the row, or read through a custom 'query' that leaves it out");
            }
            if (text != null && !SqlErrors.isTransient(e)) {
                throw new DataException("Column '" + column + "' of " + partition.name() + " holds '"
                    + SafeText.oneLine(text, 60) + "', not a number: incrementing.column.name (or the key a parallel"
                    + " snapshot splits by) must be an integer or decimal column");
            }
            throw e;
        }
    }

    /** Runs a query; stop() can cancel it while it runs. */
    protected ResultSet execute(PreparedStatement statement) throws SQLException {
        running.set(statement);
        long start = System.nanoTime();
        try {
            return statement.executeQuery();
        } finally {
            running.set(null);
            metrics.queryRun(System.nanoTime() - start);
        }
    }

    protected PreparedStatement prepare(Connection connection, BoundQuery query) throws SQLException {
        return query.prepare(connection);
    }

    /** Cancels a running query, from another thread. */
    void cancel() {
        PreparedStatement statement = running.get();
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException e) {
                // The statement may have finished meanwhile; there is nothing left to stop.
            }
        }
    }

    /** The row schema of a result, rebuilt only when the result's shape changes (e.g. after ALTER TABLE). */
    protected RowSchema rowSchema(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        StringBuilder signature = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            signature.append(md.getColumnLabel(i)).append(':').append(md.getColumnType(i)).append(':')
                .append(md.getColumnTypeName(i)).append(':').append(md.getPrecision(i)).append(':')
                .append(md.getScale(i)).append(':').append(md.isNullable(i)).append(';');
        }
        String current = signature.toString();
        if (!current.equals(rowSignature)) {
            // Rare (first read, ALTER TABLE); on MariaDB it makes the driver buffer the rest of a streamed result.
            Map<String, String> defaults = table == null ? Map.of()
                : context.dialect().columnDefaults(rs.getStatement().getConnection(), table);
            rowSchema = context.mapper().map(schemaNames, partition.name(), md, keyColumns, defaults, table != null);
            rowSignature = current;
        }
        return rowSchema;
    }

    protected SourceRecord record(RowSchema schema, RowValue row, SourceOffset position) {
        return record(schema, row, position.toMap());
    }

    /** With an offset map shared by several records (never modified once handed over). */
    protected SourceRecord record(RowSchema schema, RowValue row, Map<String, ?> position) {
        return new SourceRecord(partitionMap, position, topic, null, schema.keySchema(), row.key(),
            schema.valueSchema(), row.value(), null, row.headers());
    }

    /** The index of a column in a result set, by exact label, then ignoring case. */
    protected static int columnIndex(ResultSet rs, String column) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (md.getColumnLabel(i).equals(column)) {
                return i;
            }
        }
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (md.getColumnLabel(i).toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        throw new SQLException("column " + column + " is not in the result");
    }
}
