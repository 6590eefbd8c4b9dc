package dev.spillway.connect.jdbc.dialect;

import dev.spillway.connect.jdbc.discovery.DiscoveredTable;
import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.discovery.TableType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import java.util.concurrent.ThreadLocalRandom;

/**
 * MariaDB and MySQL (a schema is a database). The horizon comes from {@code information_schema.INNODB_TRX} (open
 * InnoDB transactions) and {@code PROCESSLIST} (statements running, which may not have reached InnoDB yet); both
 * need the PROCESS privilege. {@code INNODB_TRX} is a cache refreshed every 100 ms and {@code trx_started} has
 * whole seconds, and {@code NOW()} is taken when a statement starts, which may be before its InnoDB transaction
 * does: the sample is moved back by {@link #MARGIN} to cover all three.
 */
public final class MariaDbDialect implements Dialect {

    private static final Logger LOG = LoggerFactory.getLogger(MariaDbDialect.class);

    static final Duration MARGIN = Duration.ofSeconds(1);

    private static final String DISCOVER = "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, COALESCE(TABLE_ROWS, 0)"
        + " FROM information_schema.TABLES WHERE TABLE_SCHEMA NOT IN ('mysql', 'information_schema',"
        + " 'performance_schema', 'sys')";

    /**
     * Run inside this session's own canary transaction, with a fresh nonce in place of {@code %s}. InnoDB fills
     * the INNODB_TRX cache with each transaction's current statement: if the cache shows the canary running this
     * very statement (its nonce), it was filled after the canary started, so it lists every transaction that was
     * open then and still is. (Matching the thread id alone would accept a cache filled by an earlier sample.)
     */
    private static final String HORIZON = "SELECT /* spillway-horizon %s */ NOW(6),"
        + " (SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = CONNECTION_ID()"
        + " AND trx_query LIKE '%%spillway-horizon %s%%'),"
        + " (SELECT MIN(trx_started) FROM information_schema.INNODB_TRX"
        + " WHERE trx_mysql_thread_id <> CONNECTION_ID()),"
        + " (SELECT MIN(NOW(6) - INTERVAL CAST(TIME_MS * 1000 AS SIGNED) MICROSECOND)"
        + " FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND COMMAND NOT IN ('Sleep', 'Daemon',"
        + " 'Binlog Dump', 'Binlog Dump GTID') AND COMMAND NOT LIKE 'Slave%%')";

    /** InnoDB refreshes the INNODB_TRX cache only when it was not read for 100 ms. */
    private static final long CACHE_IDLE_MILLIS = 150;
    private static final int CACHE_ATTEMPTS = 3;

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
     * <p>{@code INNODB_TRX} is a cache that InnoDB only refreshes when nobody read it for 100 ms, so frequent
     * readers can keep it stale indefinitely. The sample therefore opens a canary transaction of its own after
     * noting the time, and only trusts a cache that lists the canary; otherwise it waits for the cache to go idle
     * and tries again, and after a few attempts returns null (no progress this time, nothing lost).
     */
    @Override
    public HorizonSample sampleHorizon(Connection connection) throws SQLException {
        for (int attempt = 0; attempt < CACHE_ATTEMPTS; attempt++) {
            if (attempt > 0 && !pause()) {
                return null;
            }
            Instant before = now(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
                String nonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
                try (ResultSet rs = statement.executeQuery(String.format(HORIZON, nonce, nonce))) {
                    rs.next();
                    if (rs.getLong(2) == 0) {
                        continue;
                    }
                    Instant oldestTrx = toInstant(rs.getObject(3, LocalDateTime.class));
                    Instant oldestStatement = toInstant(rs.getObject(4, LocalDateTime.class));
                    Instant oldest = earliest(earliest(oldestTrx, oldestStatement), before);
                    LOG.debug("Horizon sample: before={} oldest transaction={} oldest statement={}", before,
                        oldestTrx, oldestStatement);
                    return new HorizonSample(before.minus(MARGIN), oldest.minus(MARGIN));
                } finally {
                    statement.execute("COMMIT");
                }
            }
        }
        return null;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static boolean pause() {
        try {
            Thread.sleep(CACHE_IDLE_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
