package dev.spillway.connect.jdbc.dialect;

import dev.spillway.connect.jdbc.schema.ColumnTypes;
import dev.spillway.connect.jdbc.discovery.DiscoveredTable;
import dev.spillway.connect.jdbc.discovery.TableId;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between databases: identifier quoting, LIMIT syntax, catalog queries, streaming reads and, above
 * all, how to see the transactions still in flight ({@link #sampleHorizon}). Chosen from the JDBC URL by
 * {@link #forUrl}.
 */
public interface Dialect {

    /** The application name the connector's own sessions carry, so the horizon can leave them out. */
    String APPLICATION_NAME = "spillway-jdbc-source";

    String name();

    /** The types this database's driver reports with a JDBC type code that maps them wrongly, by their names. */
    default ColumnTypes columnTypes() {
        return ColumnTypes.STANDARD;
    }

    /** The driver class to load explicitly (plugin class loaders do not always register drivers); null if any. */
    default String driverClassName() {
        return null;
    }

    /** Quotes one identifier: wrapped in the dialect's quote character, embedded quote characters doubled. */
    String quoteIdentifier(String identifier);

    default String quote(TableId table) {
        return table.schema() == null ? quoteIdentifier(table.name())
            : quoteIdentifier(table.schema()) + "." + quoteIdentifier(table.name());
    }

    /** The clause that caps a query at {@code rows} rows, with a leading space. */
    default String limitClause(int rows) {
        return " LIMIT " + rows;
    }

    /** Readable tables and views, system schemas left out, with row estimates from the catalog statistics. */
    List<DiscoveredTable> discover(Connection connection) throws SQLException;

    /**
     * Whether the catalog lists this table or view, whatever the privileges: asked after a missing-table error,
     * so that one error alone never makes a task give a table up.
     */
    default boolean tableExists(Connection connection, TableId table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String escape = metaData.getSearchStringEscape();
        try (ResultSet rs = metaData.getTables(null, likeLiteral(table.schema(), escape),
            likeLiteral(table.name(), escape), null)) {
            while (rs.next()) {
                if (table.name().equals(rs.getString("TABLE_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The primary key columns of a table in key order; empty if it has none. */
    default List<String> primaryKey(Connection connection, TableId table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getPrimaryKeys(null, table.schema(), table.name())) {
            List<Object[]> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new Object[] {rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME")});
            }
            rows.sort((a, b) -> Short.compare((Short) a[0], (Short) b[0]));
            rows.forEach(r -> columns.add((String) r[1]));
        }
        return columns;
    }

    /**
     * The declared default (the catalog's {@code COLUMN_DEF} text, e.g. {@code 'x'::text} or {@code 0}) of each
     * column of a table that has one.
     */
    default Map<String, String> columnDefaults(Connection connection, TableId table) throws SQLException {
        return columnDefaults(connection, null, table.schema(), table);
    }

    /** {@link #columnDefaults(Connection, TableId)} with the table's namespace passed as catalog or schema. */
    static Map<String, String> columnDefaults(Connection connection, String catalog, String schema, TableId table)
        throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        // getColumns takes LIKE patterns: '_' and '%' in real names must not match other tables.
        String escape = metaData.getSearchStringEscape();
        Map<String, String> defaults = new HashMap<>();
        try (ResultSet rs = metaData.getColumns(catalog, likeLiteral(schema, escape), likeLiteral(table.name(), escape),
            null)) {
            while (rs.next()) {
                String columnDef = rs.getString("COLUMN_DEF");
                if (table.name().equals(rs.getString("TABLE_NAME")) && columnDef != null) {
                    defaults.put(rs.getString("COLUMN_NAME"), columnDef);
                }
            }
        }
        return defaults;
    }

    private static String likeLiteral(String name, String escape) {
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    /**
     * The driver's value of {@code connectTimeout} for {@code timeout}, at least one unit: the PostgreSQL driver (and
     * most others) counts seconds.
     */
    default String connectTimeout(Duration timeout) {
        return String.valueOf(Math.max(1, timeout.toSeconds()));
    }

    /**
     * Statements that make a new session refuse writes, run on every connection before its first use (after
     * {@link Connection#setReadOnly}, which some drivers ignore in autocommit). The custom query is pasted into
     * SQL: a query that breaks out of its parentheses must meet a session that cannot write.
     */
    default List<String> readOnlySessionSql() {
        return List.of();
    }

    /**
     * Whether the driver would send this SQL as more than one statement, judged by the driver's own parser (the
     * same one that splits it when it runs). A custom query that closes the derived table's parentheses and
     * starts a statement of its own (e.g. {@code SET ... READ WRITE}) could undo the read-only session for the
     * statements after it; such a query is refused. False when the dialect cannot tell.
     */
    default boolean isMultiStatement(String sql) {
        return false;
    }

    /** Driver properties every connection gets (the application name, streaming switches). */
    default Map<String, String> connectionProperties() {
        return Map.of();
    }

    /**
     * Why this connection cannot see other sessions' transactions (a missing privilege, say), or empty if it can.
     * Asked once per task; the answer decides between the database horizon and the configured delay.
     */
    default Optional<String> horizonUnavailableReason(Connection connection) throws SQLException {
        return Optional.of("the " + name() + " dialect has no way to list in-flight transactions");
    }

    /**
     * The current database time and the start of the oldest transaction or statement still in flight in other
     * sessions, already made conservative for the database's precision. Only called when
     * {@link #horizonUnavailableReason} said nothing.
     */
    default HorizonSample sampleHorizon(Connection connection) throws SQLException {
        throw new UnsupportedOperationException(name() + " cannot sample a transaction horizon");
    }

    /**
     * How far apart one task's horizon samples should be, at least; between them the last sample is used again,
     * which is safe since an older horizon is a lower one. Zero: sample whenever asked.
     */
    default Duration horizonSampleSpacing() {
        return Duration.ZERO;
    }

    /** The database's clock; the generic dialect has no portable query for it and uses the worker's clock. */
    /**
     * True if the database compares row values ({@code (a, b) > (?, ?)}) and uses an index for it; otherwise a
     * composite key is compared in the expanded form {@code a > ? OR (a = ? AND b > ?)}.
     */
    default boolean rowValueComparison() {
        return false;
    }

    default Instant now(Connection connection) throws SQLException {
        return Instant.now();
    }

    /** Sets a statement up to stream a big result in batches of {@code fetchSize} rather than load it whole. */
    default void prepareStreaming(Connection connection, Statement statement, int fetchSize) throws SQLException {
        statement.setFetchSize(fetchSize);
    }

    /** The dialect for a JDBC URL: PostgreSQL, MariaDB/MySQL, or the generic ANSI fallback. */
    static Dialect forUrl(String url, java.time.ZoneId dbZone) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
            return new MariaDbDialect(dbZone);
        }
        return new GenericDialect();
    }

    /** Runs a query that returns one timestamp-with-time-zone-like value. */
    static Instant instantOf(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + value.getClass().getName());
    }
}
