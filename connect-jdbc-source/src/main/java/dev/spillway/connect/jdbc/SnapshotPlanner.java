package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.dialect.Dialect;
import dev.spillway.connect.jdbc.dialect.TransactionHorizon;
import dev.spillway.connect.jdbc.discovery.DiscoveredTable;
import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.query.QueryBuilder;
import dev.spillway.connect.jdbc.schema.TimestampKind;
import dev.spillway.connect.jdbc.snapshot.KeyValues;
import dev.spillway.connect.jdbc.snapshot.PlanRecovery;
import dev.spillway.connect.jdbc.snapshot.SplitPoints;
import dev.spillway.connect.jdbc.snapshot.TableSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes the split plan of one table, on the connector's snapshot thread: the key to split by, the high-water mark
 * {@code w} of the incremental modes, and bounds taken from the keys streamed in key order.
 *
 * <p>The mark follows the readers' own horizon rules, so the rows at or below it are final when the plan is
 * made. Incrementing: the highest id {@code M} seen at instant {@code t}, kept once the transaction horizon has
 * passed {@code t} (any transaction that could still commit an id up to {@code M} took it before {@code M}
 * existed, so was open at {@code t}; see {@link IncrementingReader}). Timestamp modes: the horizon itself, read
 * exclusive ({@code ts < w}), since no transaction still open can write a timestamp below it (see
 * {@link TimestampReader}). The ranges read only rows at or below the mark, the table's own partition every row
 * above it, concurrently: a row inserted or updated into a range that was already read, or committed late, lies
 * above the mark and is read by the table's partition; no row is read by neither.
 */
final class SnapshotPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPlanner.class);
    private static final Duration HORIZON_RECHECK = Duration.ofMillis(200);
    private static final int FETCH = 10_000;

    private final JdbcSourceConfig config;
    private final Dialect dialect;
    private final TransactionHorizon horizon;
    private final AtomicReference<PreparedStatement> running = new AtomicReference<>();
    private volatile boolean stopped;

    SnapshotPlanner(JdbcSourceConfig config, Dialect dialect) {
        this.config = config;
        this.dialect = dialect;
        this.horizon = new TransactionHorizon(dialect, config.horizonSettings().mode(),
            config.horizonSettings().delay());
    }

    /** What a plan is checked against when it is recovered: the mode, its tracking column(s) and the key. */
    PlanRecovery.Expected expected(Connection connection, TableId table) throws SQLException {
        return new PlanRecovery.Expected(config.modeSettings().mode().configValue(), trackingColumns(),
            splitKey(connection, table));
    }

    /** The mode's tracking column(s) as the plan records them. */
    String trackingColumns() {
        ModeSettings mode = config.modeSettings();
        List<String> parts = new ArrayList<>();
        if (mode.mode().usesTimestamp()) {
            parts.add(String.join(",", mode.timestampColumns()));
        }
        if (mode.mode().usesIncrementing()) {
            parts.add(mode.incrementingColumn());
        }
        return String.join(";", parts);
    }

    /** True if the configured mode has a first snapshot to split (not one that starts from now). */
    boolean modeSplits() {
        ModeSettings mode = config.modeSettings();
        return !(mode.mode().usesTimestamp() ? mode.timestampFromNow()
            : mode.mode().usesIncrementing() && mode.incrementingFromNow());
    }

    /** True if the key to split by is the primary key, which only the database's catalog knows. */
    boolean keyFromCatalog() {
        return config.recordSettings().keyMode() != KeyMode.COLUMNS;
    }

    private List<String> splitKey(Connection connection, TableId table) throws SQLException {
        return keyFromCatalog() ? dialect.primaryKey(connection, table) : config.recordSettings().keyColumns();
    }

    /**
     * The plan of {@code table}, or empty if it cannot be split (no key, a key type without a range order here,
     * an empty table). {@code reusePlan}/{@code reuseW} keep the mark of a plan whose table partition already
     * read above it but whose ranges never committed an offset.
     */
    Optional<TableSplit> plan(Connection connection, DiscoveredTable discovered, int tasksMax, String reusePlan,
                              String reuseW) throws SQLException, InterruptedException {
        TableId table = discovered.id();
        List<String> keys = splitKey(connection, table);
        if (keys.isEmpty()) {
            LOG.info("{}: not split for a parallel snapshot: it has no primary key (set key.columns)", table);
            return Optional.empty();
        }
        QueryBuilder queries = QueryBuilder.forTable(dialect, table);
        List<KeyValues.Kind> kinds = keyKinds(connection, queries, table, keys);
        if (kinds == null) {
            return Optional.empty();
        }
        Mode mode = config.modeSettings().mode();
        String w = reuseW;
        if (w == null && mode != Mode.BULK) {
            w = mode.usesTimestamp() ? timestampMark(connection, queries) : idMark(connection, queries);
            if (w == null) {
                return Optional.empty();
            }
        }
        int ranges = config.snapshotSettings().ranges(discovered.estimatedRows(), tasksMax);
        SplitPoints points = new SplitPoints(ranges, discovered.estimatedRows());
        streamKeys(connection, queries.keys(keys), kinds, points);
        List<KeyValues> bounds = points.bounds();
        String plan = reusePlan != null ? reusePlan : UUID.randomUUID().toString().substring(0, 8);
        LOG.info("{}: split for a parallel snapshot into {} key ranges of about {} rows (plan {}, key {}, {})",
            table, bounds.size() + 1, points.rows() / (bounds.size() + 1), plan, keys,
            w == null ? "bulk" : "high-water mark " + w);
        return Optional.of(TableSplit.plan(table, plan, w, mode.configValue(), trackingColumns(), keys, kinds,
            bounds, mode == Mode.BULK));
    }

    private List<KeyValues.Kind> keyKinds(Connection connection, QueryBuilder queries, TableId table,
                                          List<String> keys) throws SQLException {
        List<KeyValues.Kind> kinds = new ArrayList<>();
        try (PreparedStatement statement = queries.probe().prepare(connection);
             ResultSet rs = statement.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            for (String key : keys) {
                int index = PartitionReader.columnIndex(rs, key);
                KeyValues.Kind kind = switch (md.getColumnType(index)) {
                    case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DECIMAL ->
                        KeyValues.Kind.NUMBER;
                    case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR,
                         Types.LONGNVARCHAR -> KeyValues.Kind.TEXT;
                    default -> null;
                };
                if (kind == null) {
                    LOG.info("{}: not split for a parallel snapshot: key column {} is {}, and only integer, numeric"
                        + " and text keys are split", table, key, md.getColumnTypeName(index));
                    return null;
                }
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** The highest id, once every id up to it is committed: see the class comment. */
    private String idMark(Connection connection, QueryBuilder queries) throws SQLException, InterruptedException {
        String column = config.modeSettings().incrementingColumn();
        BigDecimal max;
        try (PreparedStatement statement = track(queries.maxId(column).prepare(connection));
             ResultSet rs = statement.executeQuery()) {
            max = rs.next() ? rs.getBigDecimal(1) : null;
        } finally {
            running.set(null);
        }
        if (max == null) {
            return null;
        }
        Instant seenAt = dialect.now(connection);
        while (true) {
            Instant safe = horizon.safeBefore(connection);
            if (safe != null && safe.isAfter(seenAt)) {
                return max.toPlainString();
            }
            pause();
        }
    }

    /** The transaction horizon, in the tracking column's kind: rows strictly below it are final. */
    private String timestampMark(Connection connection, QueryBuilder queries)
        throws SQLException, InterruptedException {
        String column = config.modeSettings().timestampColumns().get(0);
        TimestampKind kind;
        try (PreparedStatement statement = queries.probe().prepare(connection);
             ResultSet rs = statement.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            int index = PartitionReader.columnIndex(rs, column);
            int type = md.getColumnType(index);
            if (type != Types.TIMESTAMP && type != Types.TIMESTAMP_WITH_TIMEZONE) {
                return null;
            }
            kind = TimestampKind.forJdbcType(type, md.getColumnTypeName(index));
        }
        while (true) {
            Instant safe = horizon.safeBefore(connection);
            if (safe != null) {
                return kind.format(kind.fromInstant(safe, config.recordSettings().dbZone()));
            }
            pause();
        }
    }

    private void streamKeys(Connection connection, dev.spillway.connect.jdbc.query.BoundQuery query,
                            List<KeyValues.Kind> kinds, SplitPoints points) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try (PreparedStatement statement = track(query.prepare(connection))) {
            dialect.prepareStreaming(connection, statement, FETCH);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (stopped) {
                        throw new SQLException("the connector is stopping");
                    }
                    List<Object> values = new ArrayList<>(kinds.size());
                    for (int i = 0; i < kinds.size(); i++) {
                        values.add(kinds.get(i) == KeyValues.Kind.NUMBER ? rs.getBigDecimal(i + 1) : rs.getString(i + 1));
                    }
                    if (!values.contains(null)) {
                        points.add(new KeyValues(values));
                    }
                }
            }
        } finally {
            running.set(null);
            if (!connection.isClosed() && connection.getAutoCommit() != autoCommit) {
                connection.commit();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private PreparedStatement track(PreparedStatement statement) {
        running.set(statement);
        if (stopped) {
            cancel();
        }
        return statement;
    }

    private void pause() throws InterruptedException {
        if (stopped) {
            throw new InterruptedException("the connector is stopping");
        }
        Thread.sleep(HORIZON_RECHECK.toMillis());
    }

    /** From another thread: ends a plan in progress promptly. */
    void stop() {
        stopped = true;
        cancel();
    }

    private void cancel() {
        PreparedStatement statement = running.get();
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException e) {
                // It may have finished meanwhile.
            }
        }
    }
}
