package dev.spillway.connect.jdbc.dialect;

import dev.spillway.connect.jdbc.schema.ColumnTypes;
import dev.spillway.connect.jdbc.discovery.DiscoveredTable;
import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.discovery.TableType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MariaDB and MySQL (a schema is a database). The horizon comes from {@code information_schema.INNODB_TRX} (open
 * InnoDB transactions) and {@code PROCESSLIST} (statements running, which may not have reached InnoDB yet); both
 * need the PROCESS privilege. {@code INNODB_TRX} is a cache that may be older than the sample (see
 * {@link #sampleHorizon}); {@code trx_started} has whole seconds, and {@code NOW()} is taken when a statement
 * starts, which may be before its InnoDB transaction does: the sample is moved back by {@link #MARGIN} for these.
 */
public final class MariaDbDialect implements Dialect {

    private static final Logger LOG = LoggerFactory.getLogger(MariaDbDialect.class);

    static final Duration MARGIN = Duration.ofSeconds(1);

    private static final String DISCOVER = "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, COALESCE(TABLE_ROWS, 0)"
        + " FROM information_schema.TABLES WHERE TABLE_SCHEMA NOT IN ('mysql', 'information_schema',"
        + " 'performance_schema', 'sys')";

    /** Starts every sample's statement, followed by the sample's start as 20 digits of UTC time. */
    private static final String TAG = "/* spillway-horizon ";
    private static final DateTimeFormatter TAG_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSSSSS");

    /**
     * Run inside this session's own canary transaction, with {@link #TAG} and the sample's start in place of
     * {@code %s}. Canaries (a sample's statement, nothing modified) are not counted as open transactions, so
     * that samplers do not hold each other back.
     */
    private static final String HORIZON = "%s */ SELECT NOW(6), UTC_TIMESTAMP(6),"
        + " (SELECT MAX(SUBSTRING(trx_query, " + (TAG.length() + 1) + ", 20)) FROM information_schema.INNODB_TRX"
        + " WHERE trx_query LIKE '" + TAG + "%%' AND SUBSTRING(trx_query, " + (TAG.length() + 1) + ", 20)"
        + " REGEXP '^[0-9]{20}$'),"
        + " (SELECT MAX(trx_started) FROM information_schema.INNODB_TRX),"
        + " (SELECT MIN(trx_started) FROM information_schema.INNODB_TRX"
        + " WHERE trx_mysql_thread_id <> CONNECTION_ID()"
        + " AND (COALESCE(trx_query, '') NOT LIKE '" + TAG + "%%' OR trx_rows_modified > 0)),"
        + " (SELECT MIN(NOW(6) - INTERVAL CAST(TIME_MS * 1000 AS SIGNED) MICROSECOND)"
        + " FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND COMMAND NOT IN ('Sleep', 'Daemon',"
        + " 'Binlog Dump', 'Binlog Dump GTID') AND COMMAND NOT LIKE 'Slave%%'"
        + " AND COALESCE(INFO, '') NOT LIKE '" + TAG + "%%')";

    /**
     * Readers of one server keep its INNODB_TRX cache stale for each other if together they read more often than
     * every 100 ms: samples are spaced out, with jitter, and spaced further while the cache stays stale.
     */
    private static final Duration SAMPLE_SPACING = Duration.ofMillis(250);

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
    public ColumnTypes columnTypes() {
        return MariaDbColumnTypes.INSTANCE;
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

    @Override
    public boolean tableExists(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** MariaDB reports a database as the catalog, not the schema. */
    @Override
    public Map<String, String> columnDefaults(Connection connection, TableId table) throws SQLException {
        return Dialect.columnDefaults(connection, table.schema(), null, table);
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

    /**
     * Every later transaction of the session is READ ONLY, the horizon's canary included: it only reads
     * information_schema inside {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}, which a read-only session
     * allows, and it still shows in INNODB_TRX (MariaDbHorizonIT).
     */
    @Override
    public List<String> readOnlySessionSql() {
        return List.of("SET SESSION TRANSACTION READ ONLY");
    }

    /**
     * The server refuses a second statement unless the URL says allowMultiQueries=true; the driver's parser
     * tells for that case, with either setting of NO_BACKSLASH_ESCAPES.
     */
    @Override
    public boolean isMultiStatement(String sql) {
        return org.mariadb.jdbc.util.ClientParser.parameterParts(sql, false).isMultiQuery()
            || org.mariadb.jdbc.util.ClientParser.parameterParts(sql, true).isMultiQuery();
    }

    /** MariaDB's driver and MySQL Connector/J (which takes jdbc:mysql: URLs) count milliseconds. */
    @Override
    public String connectTimeout(Duration timeout) {
        return String.valueOf(Math.max(1, timeout.toSeconds()) * 1000);
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

    /**
     * {@inheritDoc}
     *
     * <p>{@code INNODB_TRX} is a cache that InnoDB refreshes only when nobody read it for the last 100 ms, so it
     * may be older than the sample. It lists every transaction open when it was filled, so what it cannot show
     * are transactions begun since: the sample is only as new as the latest instant the cache is known to have
     * been filled after. Two things prove that: a listed transaction's {@code trx_started} (whole seconds), and
     * a sample statement (this one or another reader's) that the cache shows running, whose text carries the
     * time it was issued after. The sample's staleness is how far that instant lies before the sample.
     */
    @Override
    public HorizonSample sampleHorizon(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            Instant before;
            LocalDateTime beforeUtc;
            try (ResultSet rs = statement.executeQuery("SELECT NOW(6), UTC_TIMESTAMP(6)")) {
                rs.next();
                before = toInstant(rs.getObject(1, LocalDateTime.class));
                beforeUtc = rs.getObject(2, LocalDateTime.class);
            }
            statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            try (ResultSet rs = statement.executeQuery(String.format(HORIZON, TAG + TAG_TIME.format(beforeUtc)))) {
                rs.next();
                Instant filledAfter = latest(
                    sampleTagTime(rs.getString(3)).map(tag -> before.minus(Duration.between(tag, beforeUtc)))
                        .orElse(null),
                    toInstant(rs.getObject(4, LocalDateTime.class)));
                if (filledAfter == null) {
                    // Not even this canary is listed, and no other transaction: the cache is of unknown age.
                    return null;
                }
                if (filledAfter.isAfter(before)) {
                    filledAfter = before;
                }
                Instant oldestTrx = toInstant(rs.getObject(5, LocalDateTime.class));
                Instant oldestStatement = toInstant(rs.getObject(6, LocalDateTime.class));
                LOG.debug("Horizon sample: before={} cache filled after={} oldest transaction={} oldest"
                    + " statement={}", before, filledAfter, oldestTrx, oldestStatement);
                Instant oldest = earliest(oldestTrx, oldestStatement);
                return new HorizonSample(before.minus(MARGIN), oldest == null ? null : oldest.minus(MARGIN),
                    Duration.between(filledAfter, before));
            } finally {
                statement.execute("COMMIT");
            }
        }
    }

    @Override
    public Duration horizonSampleSpacing() {
        return SAMPLE_SPACING;
    }

    private static Optional<LocalDateTime> sampleTagTime(String digits) {
        if (digits == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(digits, TAG_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
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
