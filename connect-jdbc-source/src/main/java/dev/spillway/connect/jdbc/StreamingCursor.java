package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.dialect.Dialect;
import dev.spillway.connect.jdbc.query.BoundQuery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A result read a batch at a time over several polls, streamed by the driver (a PostgreSQL cursor inside a
 * transaction, MariaDB's row streaming), so memory is bounded by the fetch size, not by the result.
 */
final class StreamingCursor {

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private boolean onRow;

    private StreamingCursor(Connection connection, PreparedStatement statement, ResultSet rows) throws SQLException {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        this.onRow = rows.next();
    }

    /** Opens the query; {@code execute} runs it (so that the reader can cancel it while it starts). */
    static StreamingCursor open(Connection connection, Dialect dialect, BoundQuery query, int fetchSize,
                                Executor execute) throws SQLException {
        PreparedStatement statement = query.prepare(connection);
        try {
            dialect.prepareStreaming(connection, statement, fetchSize);
            return new StreamingCursor(connection, statement, execute.run(statement));
        } catch (SQLException | RuntimeException e) {
            statement.close();
            endTransaction(connection);
            throw e;
        }
    }

    @FunctionalInterface
    interface Executor {
        ResultSet run(PreparedStatement statement) throws SQLException;
    }

    ResultSet rows() {
        return rows;
    }

    /** True while the result set is on a row not read yet. */
    boolean hasRow() {
        return onRow;
    }

    void next() throws SQLException {
        onRow = rows.next();
    }

    /** Closes the result and ends the read-only transaction streaming needed. */
    void close() throws SQLException {
        try {
            rows.close();
            statement.close();
        } finally {
            endTransaction(connection);
        }
    }

    private static void endTransaction(Connection connection) throws SQLException {
        if (!connection.isClosed() && !connection.getAutoCommit()) {
            connection.commit();
            connection.setAutoCommit(true);
        }
    }
}
