package dev.spillway.connect.jdbc.dialect;

import dev.spillway.connect.jdbc.discovery.DiscoveredTable;
import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.discovery.TableType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MariaDB and MySQL (a schema is a database). The horizon comes from {@code information_schema.INNODB_TRX} (open
 * InnoDB transactions) and {@code PROCESSLIST} (statements running, which may not have reached InnoDB yet); both
 * need the PROCESS privilege. {@code INNODB_TRX} is a cache refreshed every 100 ms and {@code trx_started} has
 * whole seconds, and {@code NOW()} is taken when a statement starts, which may be before its InnoDB transaction
 * does: the sample is moved back by {@link #MARGIN} to cover all three.
 */
public final class MariaDbDialect implements Dialect {

    static final Duration MARGIN = Duration.ofSeconds(1);

    private static final String DISCOVER = "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, COALESCE(TABLE_ROWS, 0)"
        + " FROM information_schema.TABLES WHERE TABLE_SCHEMA NOT IN ('mysql', 'information_schema',"
        + " 'performance_schema', 'sys')";

    private static final String HORIZON = "SELECT NOW(6),"
        + " (SELECT MIN(trx_started) FROM information_schema.INNODB_TRX"
        + " WHERE trx_mysql_thread_id <> CONNECTION_ID()),"
        + " (SELECT MIN(NOW(6) - INTERVAL CAST(TIME_MS * 1000 AS SIGNED) MICROSECOND)"
        + " FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND COMMAND NOT IN ('Sleep', 'Daemon',"
        + " 'Binlog Dump', 'Binlog Dump GTID') AND COMMAND NOT LIKE 'Slave%')";

    private final ZoneId sessionZone;

    /** {@code sessionZone}: the zone the server's NOW() and DATETIME values are in ({@code db.timezone}). */
    public MariaDbDialect(ZoneId sessionZone) {
        this.sessionZone = sessionZone;
    }

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public String driverClassName() {
        return "org.mariadb.jdbc.Driver";
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public List<DiscoveredTable> discover(Connection connection) throws SQLException {
        List<DiscoveredTable> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(DISCOVER)) {
            while (rs.next()) {
                String type = rs.getString(3);
                TableType kind = type != null && type.toUpperCase().contains("VIEW") ? TableType.VIEW : TableType.TABLE;
                tables.add(new DiscoveredTable(new TableId(rs.getString(1), rs.getString(2)), kind, rs.getLong(4)));
            }
        }
        return tables;
    }

    /** MariaDB reports a database as the catalog, not the schema. */
    @Override
    public List<String> primaryKey(Connection connection, TableId table) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getPrimaryKeys(table.schema(), null, table.name())) {
            while (rs.next()) {
                rows.add(new Object[] {rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME")});
            }
        }
        rows.sort((a, b) -> Short.compare((Short) a[0], (Short) b[0]));
        List<String> columns = new ArrayList<>();
        rows.forEach(r -> columns.add((String) r[1]));
        return columns;
    }

    @Override
    public Map<String, String> connectionProperties() {
        return Map.of("connectionAttributes", "program_name:" + APPLICATION_NAME);
    }

    @Override
    public Optional<String> horizonUnavailableReason(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM information_schema.INNODB_TRX")) {
            rs.next();
            return Optional.empty();
        } catch (SQLException e) {
            // 1227: access denied, you need the PROCESS privilege. Without it PROCESSLIST silently shows only
            // this user's threads, so that would not be safe either.
            if (e.getErrorCode() == 1227 || String.valueOf(e.getMessage()).contains("PROCESS")) {
                return Optional.of("the user lacks the PROCESS privilege needed to read"
                    + " information_schema.INNODB_TRX and PROCESSLIST (GRANT PROCESS ON *.* TO <user>)");
            }
            throw e;
        }
    }

    @Override
    public HorizonSample sampleHorizon(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(HORIZON)) {
            rs.next();
            Instant now = toInstant(rs.getObject(1, LocalDateTime.class));
            Instant oldestTrx = toInstant(rs.getObject(2, LocalDateTime.class));
            Instant oldestStatement = toInstant(rs.getObject(3, LocalDateTime.class));
            Instant oldest = oldestTrx == null ? oldestStatement
                : oldestStatement == null || oldestTrx.isBefore(oldestStatement) ? oldestTrx : oldestStatement;
            return new HorizonSample(now.minus(MARGIN), oldest == null ? null : oldest.minus(MARGIN));
        }
    }

    @Override
    public Instant now(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT NOW(6)")) {
            rs.next();
            return toInstant(rs.getObject(1, LocalDateTime.class));
        }
    }

    private Instant toInstant(LocalDateTime value) {
        return value == null ? null : value.atZone(sessionZone).toInstant();
    }
}
