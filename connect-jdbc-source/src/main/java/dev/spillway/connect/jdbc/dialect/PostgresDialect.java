package dev.spillway.connect.jdbc.dialect;

import dev.spillway.connect.jdbc.schema.ColumnTypes;
import dev.spillway.connect.jdbc.discovery.DiscoveredTable;
import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.discovery.TableType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL. The horizon comes from {@code pg_stat_activity}: the oldest {@code xact_start} of client sessions
 * of this database that are inside a transaction, whether or not they have written yet (a transaction's
 * {@code now()} is its start time, and it may insert later). Seeing other roles' sessions needs superuser or
 * {@code pg_read_all_stats}.
 */
public final class PostgresDialect implements Dialect {

    // Partitions are left out (their parent is read); partitioned parents ('p') are tables like any other.
    private static final String DISCOVER = "SELECT n.nspname, c.relname, c.relkind,"
        + " CASE WHEN c.relkind = 'p' THEN COALESCE((SELECT sum(GREATEST(p.reltuples, 0))::bigint FROM pg_inherits i"
        + " JOIN pg_class p ON p.oid = i.inhrelid WHERE i.inhparent = c.oid), 0)"
        + " ELSE GREATEST(c.reltuples, 0)::bigint END"
        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition"
        + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
        + " AND n.nspname NOT LIKE 'pg\\_temp%' AND has_table_privilege(c.oid, 'SELECT')";

    private static final String CAN_SEE_ACTIVITY = "SELECT r.rolsuper OR pg_has_role(current_user,"
        + " 'pg_read_all_stats', 'MEMBER') FROM pg_roles r WHERE r.rolname = current_user";

    // now() is this statement's start (autocommit); the activity is read during it, so after that instant.
    private static final String HORIZON = "SELECT now(), (SELECT min(a.xact_start) FROM pg_stat_activity a"
        + " WHERE a.xact_start IS NOT NULL AND a.pid <> pg_backend_pid() AND a.datname = current_database()"
        + " AND a.backend_type = 'client backend' AND a.application_name IS DISTINCT FROM ?)";

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public ColumnTypes columnTypes() {
        return PostgresColumnTypes.INSTANCE;
    }

    @Override
    public String driverClassName() {
        return "org.postgresql.Driver";
    }

    @Override
    public boolean rowValueComparison() {
        return true;
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public boolean tableExists(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_class c JOIN pg_namespace n"
            + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public List<DiscoveredTable> discover(Connection connection) throws SQLException {
        List<DiscoveredTable> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(DISCOVER)) {
            while (rs.next()) {
                String kind = rs.getString(3);
                TableType type = "v".equals(kind) || "m".equals(kind) ? TableType.VIEW : TableType.TABLE;
                tables.add(new DiscoveredTable(new TableId(rs.getString(1), rs.getString(2)), type, rs.getLong(4)));
            }
        }
        return tables;
    }

    /** Every transaction of the session, implicit ones included, starts READ ONLY; the horizon only reads. */
    @Override
    public List<String> readOnlySessionSql() {
        return List.of("SET SESSION default_transaction_read_only = on");
    }

    /** pgjdbc splits a statement text on top-level semicolons itself and runs the parts one after the other. */
    @Override
    public boolean isMultiStatement(String sql) {
        try {
            // Either setting of standard_conforming_strings: a backslash may or may not end a string literal.
            return org.postgresql.core.Parser.parseJdbcSql(sql, true, true, true, false, true).size() > 1
                || org.postgresql.core.Parser.parseJdbcSql(sql, false, true, true, false, true).size() > 1;
        } catch (SQLException e) {
            // The driver could not parse it either; the database's error will say why.
            return false;
        }
    }

    /**
     * Values are read from the server's text: after a statement has run five times the driver switches to the
     * binary format, whose text the driver makes itself, and it then rewrites a timetz offset to +00 and quotes
     * array elements.
     */
    @Override
    public Map<String, String> connectionProperties() {
        return Map.of("ApplicationName", APPLICATION_NAME,
            "binaryTransfer", "false");
    }

    @Override
    public Optional<String> horizonUnavailableReason(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(CAN_SEE_ACTIVITY)) {
            if (rs.next() && rs.getBoolean(1)) {
                return Optional.empty();
            }
        }
        return Optional.of("the user is neither superuser nor a member of pg_read_all_stats, so pg_stat_activity"
            + " hides other roles' transactions (GRANT pg_read_all_stats TO <user>)");
    }

    @Override
    public HorizonSample sampleHorizon(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(HORIZON)) {
            statement.setString(1, APPLICATION_NAME);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new HorizonSample(rs.getObject(1, OffsetDateTime.class).toInstant(),
                    Dialect.instantOf(rs.getObject(2, OffsetDateTime.class)));
            }
        }
    }

    @Override
    public Instant now(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT now()")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    /** The PostgreSQL driver only streams with a fetch size inside a transaction. */
    @Override
    public void prepareStreaming(Connection connection, Statement statement, int fetchSize) throws SQLException {
        connection.setAutoCommit(false);
        statement.setFetchSize(fetchSize);
    }
}
