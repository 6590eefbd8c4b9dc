package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.dialect.Dialect;
import dev.spillway.connect.jdbc.dialect.SqlErrors;
import dev.spillway.connect.jdbc.dialect.TransactionHorizon;
import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.metrics.JdbcTaskMetrics;
import dev.spillway.connect.jdbc.metrics.PartitionMetrics;
import dev.spillway.connect.jdbc.offset.SourceOffset;
import dev.spillway.connect.jdbc.offset.SourcePartition;
import dev.spillway.connect.jdbc.query.QueryBuilder;
import dev.spillway.connect.jdbc.schema.ColumnMapper;
import dev.spillway.connect.jdbc.schema.SchemaNames;
import dev.spillway.connect.jdbc.snapshot.RangeOffset;
import dev.spillway.connect.jdbc.snapshot.SnapshotRange;
import dev.spillway.connect.jdbc.snapshot.SplitStart;
import dev.spillway.connect.common.flow.InFlightRecords;
import dev.spillway.connect.common.version.PluginVersion;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads its tables (or the custom query) one batch at a time, round-robin among those that are due. poll() never
 * waits longer than {@link #MAX_WAIT}, and stop() cancels a running query or a wait for a connection, so the task
 * stops promptly, also while the database is down. A transient
 * database error discards the connection and is reported as a {@link RetriableException}; the next polls wait
 * out a growing backoff and resume from the offsets in memory, which are those of the last records returned.
 * Reading waits while the worker holds too many unacknowledged records ({@link InFlightRecords}).
 */
public final class JdbcSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSourceTask.class);
    static final Duration MAX_WAIT = Duration.ofMillis(500);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private JdbcSourceTaskConfig config;
    private Dialect dialect;
    private DroppedTables dropped;
    private volatile TaskConnection connection;
    private final List<PartitionReader> readers = new ArrayList<>();
    private final Map<PartitionReader, Long> dueAt = new HashMap<>();
    private final Map<PartitionReader, Boolean> checked = new HashMap<>();
    private volatile JdbcTaskMetrics metrics;
    private InFlightRecords inFlight;
    private volatile PartitionReader current;
    private int next;
    private long retryAtNanos;
    private Duration backoff;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new JdbcSourceTaskConfig(props);
        inFlight = InFlightRecords.forTask(props, config.pollingSettings().batchMaxRows());
        // The worker calls stop() only after a successful start(): a failed start must not leave MBeans behind.
        metrics = JdbcTaskMetrics.register(context, props);
        metrics.pool(() -> {
            TaskConnection open = connection;
            return open == null ? null : open.pool().getHikariPoolMXBean();
        }, Connections.POOL_SIZE);
        try {
            startReaders(props);
        } catch (RuntimeException e) {
            metrics.close();
            if (connection != null) {
                connection.close();
            }
            throw e;
        }
    }

    private void startReaders(Map<String, String> props) {
        RecordSettings records = config.recordSettings();
        TableSettings tableSettings = config.tableSettings();
        Mode mode = config.modeSettings().mode();
        dialect = Dialect.forUrl(config.connectionSettings().url(), records.dbZone());
        dropped = new DroppedTables(dialect, tableSettings.tablePollInterval());
        PartitionReader.Context context = new PartitionReader.Context(config, dialect,
            new TransactionHorizon(dialect, config.horizonSettings().mode(), config.horizonSettings().delay()),
            new ColumnMapper(records.numericMapping(), records.dbZone(), records.skipUnsupportedColumns(),
                config.typeSettings(), dialect.columnTypes()));
        List<PartitionReader.Source> sources = new ArrayList<>();
        if (tableSettings.isQueryMode()) {
            QueryBuilder queries = QueryBuilder.forQuery(dialect, tableSettings.query());
            if (queries.isMultiStatement()) {
                throw new ConnectException(TableSettings.QUERY_CONFIG + ": "
                    + JdbcSourceConnector.MULTI_STATEMENT_QUERY);
            }
            String topic = tableSettings.queryTopic();
            sources.add(new PartitionReader.Source(SourcePartition.query(topic), topic, queries,
                SchemaNames.forQueryTopic(topic), records.keyMode().queryKey(records.keyColumns()), null));
        }
        List<TableId> tables = tableSettings.isQueryMode() ? List.of() : config.tables();
        for (TableId table : tables) {
            sources.add(new PartitionReader.Source(SourcePartition.table(table.qualified()),
                records.topic(table), QueryBuilder.forTable(dialect, table),
                records.schemaNames(table), records.keyMode().tableKey(records.keyColumns()),
                table));
        }
        List<SnapshotRange> ranges = tableSettings.isQueryMode() ? List.of() : config.ranges();
        if (!sources.isEmpty() || !ranges.isEmpty()) {
            connection = new TaskConnection(Connections.pool(config, dialect,
                "spillway-jdbc-" + props.getOrDefault("name", "task")));
        }
        StoredOffsets stored = new StoredOffsets(this.context == null ? null : this.context.offsetStorageReader());
        Map<Map<String, String>, SourceOffset> offsets = stored.tables(sources);
        Map<TableId, SplitStart> splitStarts = config.splitStarts();
        for (PartitionReader.Source source : sources) {
            SourceOffset offset = offsets.getOrDefault(source.partition().toMap(), SourceOffset.NONE);
            SplitStart split = source.table() == null ? null : splitStarts.get(source.table());
            if (offset == SourceOffset.NONE && split != null) {
                offset = SourceOffset.splitStart(split.plan(), split.w());
                LOG.info("{}: split for a parallel snapshot; its own partition starts at {}",
                    source.partition().name(), split.w());
            } else if (offset != SourceOffset.NONE) {
                LOG.info("{}: resuming from the stored offset {}", source.partition().name(), offset.toMap());
            }
            readers.add(mode.newReader(context, source, offset, partitionMetrics(source)));
        }
        Map<Map<String, String>, RangeOffset> rangeOffsets = stored.ranges(ranges);
        for (SnapshotRange range : ranges) {
            TableId table = range.table();
            PartitionReader.Source source = new PartitionReader.Source(
                SourcePartition.range(table.qualified(), range.index()), records.topic(table),
                QueryBuilder.forTable(dialect, table), records.schemaNames(table),
                records.keyMode().tableKey(records.keyColumns()), table);
            RangeOffset own = rangeOffsets.get(source.partition().toMap());
            if (own != null && !own.range().plan().equals(range.plan())) {
                throw new ConnectException(range.describe() + ": the stored offset belongs to split plan "
                    + own.range().plan() + ", the connector assigned plan " + range.plan() + "; reset the"
                    + " connector's offsets (DELETE /connectors/{name}/offsets while it is stopped)");
            }
            LOG.info("{}: {}", range.describe(), own == null ? "starting" : "resuming after key " + own.pos()
                + (own.done() ? " (done)" : ""));
            readers.add(new RangeReader(context, source, range, own,
                metrics.range(table.qualified(), range.index(), mode.usesTimestamp())));
        }
        backoff = config.connectionSettings().backoff();
        LOG.info("JDBC source task started: {} partition(s) in mode {} ({} dialect)", readers.size(),
            mode.configValue(), dialect.name());
    }

    private PartitionMetrics partitionMetrics(PartitionReader.Source source) {
        boolean timestampMode = config.modeSettings().mode().usesTimestamp();
        return source.table() == null ? metrics.query(source.partition().name(), timestampMode)
            : metrics.table(source.table().qualified(), timestampMode);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (!stopping && dropped.due(System.nanoTime()) && readers.stream().noneMatch(PartitionReader::inProgress)) {
            lookForDroppedTables();
        }
        if (stopping || readers.isEmpty()) {
            waitUpTo(MAX_WAIT);
            return null;
        }
        if (!inFlight.hasRoom() && !inFlight.awaitRoom(MAX_WAIT, () -> stopping)) {
            return null;
        }
        long now = System.nanoTime();
        if (now - retryAtNanos < 0) {
            waitUpTo(Duration.ofNanos(Math.min(retryAtNanos - now, MAX_WAIT.toNanos())));
            return null;
        }
        PartitionReader reader = nextReader(now);
        if (reader == null) {
            waitUpTo(Duration.ofNanos(Math.min(untilNextDue(now), MAX_WAIT.toNanos())));
            return null;
        }
        current = reader;
        try {
            Connection c = connection.get();
            if (checked.putIfAbsent(reader, Boolean.TRUE) == null) {
                reader.checkColumns(c);
            }
            Batch batch = reader.read(c);
            dueAt.put(reader, System.nanoTime() + batch.nextReadIn().toNanos());
            if (!reader.inProgress()) {
                connection.release();
            }
            backoff = config.connectionSettings().backoff();
            reader.metrics.rowsEmitted(batch.records().size());
            if (batch.records().isEmpty()) {
                return null;
            }
            inFlight.returned(batch.records().size());
            TransactionContext transactions = context.transactionContext();
            if (transactions != null && batch.endsTransaction()) {
                transactions.commitTransaction(batch.records().get(batch.records().size() - 1));
            }
            return batch.records();
        } catch (SQLException e) {
            return failed(reader, e);
        } catch (RuntimeException e) {
            reader.reset();
            connection.discard();
            if (stopping) {
                return null;
            }
            throw e;
        } finally {
            current = null;
        }
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        inFlight.acknowledged();
    }

    private List<SourceRecord> failed(PartitionReader reader, SQLException error) {
        reader.reset();
        checked.remove(reader);
        connection.discard();
        if (stopping) {
            return null;
        }
        SQLException e = error;
        if (SqlErrors.isMissingRelation(e)) {
            try {
                if (droppedFromWork(reader, e)) {
                    return null;
                }
            } catch (SQLException lookup) {
                // The catalog could not be asked (the database went down, say): that error decides.
                connection.discard();
                if (stopping) {
                    return null;
                }
                e = lookup;
            }
        }
        if (SqlErrors.isTransient(e)) {
            reader.metrics.retrying();
            LOG.warn("{}: transient database error, retrying in {} ms from the last offset: {}",
                reader.partition.name(), backoff.toMillis(), SqlErrors.describe(e));
            retryAtNanos = System.nanoTime() + backoff.toNanos();
            long doubled = Math.min(backoff.toMillis() * 2, config.connectionSettings().backoffMax().toMillis());
            backoff = Duration.ofMillis(Math.max(doubled, 1));
            throw new RetriableException("Transient database error reading " + reader.partition.name() + ": "
                + SqlErrors.describe(e), Connections.safeCause(e, config.connectionSettings().url()));
        }
        if (SqlErrors.isAuthentication(e)) {
            throw Connections.connectFailure(config, e);
        }
        throw new ConnectException("Reading " + reader.partition.name() + " failed: " + SqlErrors.describe(e),
            Connections.safeCause(e, config.connectionSettings().url()));
    }

    /**
     * After a missing-table error, asks the catalog on a fresh connection. A table it no longer lists leaves this
     * task's work (true); one it lists was only missing for a moment, a rename or a swap, and is retried as a
     * transient error (false). For the custom query the query itself is tried again: if a relation it names is
     * still missing the task fails, since no retry fixes the query.
     */
    private boolean droppedFromWork(PartitionReader reader, SQLException error) throws SQLException {
        Connection c = connection.get();
        if (reader.table() == null) {
            DroppedTables.failIfQueryRelationMissing(c, reader);
            connection.release();
            return false;
        }
        boolean gone = dropped.confirmedGone(c, reader);
        connection.release();
        if (!gone) {
            return false;
        }
        readers.remove(reader);
        dueAt.remove(reader);
        dropped.add(reader, error, readers.size());
        return true;
    }

    /** Tables dropped earlier that the catalog lists again are read again, after their last offsets. */
    private void lookForDroppedTables() {
        try {
            List<PartitionReader> back = dropped.recreated(connection.get());
            connection.release();
            readers.addAll(back);
        } catch (SQLException e) {
            connection.discard();
            LOG.debug("Looking for dropped tables failed; trying again later: {}", SqlErrors.describe(e));
        }
    }

    /** The reader holding an open cursor, else the next due one after the last, round-robin. */
    private PartitionReader nextReader(long now) {
        for (PartitionReader reader : readers) {
            if (reader.inProgress()) {
                return reader;
            }
        }
        for (int i = 0; i < readers.size(); i++) {
            int index = (next + i) % readers.size();
            PartitionReader reader = readers.get(index);
            Long due = dueAt.get(reader);
            if (due == null || now - due >= 0) {
                next = index + 1;
                return reader;
            }
        }
        return null;
    }

    private long untilNextDue(long now) {
        long wait = Long.MAX_VALUE;
        for (Long due : dueAt.values()) {
            wait = Math.min(wait, Math.max(0, due - now));
        }
        return wait;
    }

    private void waitUpTo(Duration duration) throws InterruptedException {
        if (!duration.isNegative() && !duration.isZero()) {
            stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void stop() {
        stopping = true;
        stopped.countDown();
        PartitionReader running = current;
        if (running != null) {
            running.cancel();
        }
        // Wakes a poll waiting for a connection; the poll thread may still be inside a query, whose connection
        // closing the pool aborts.
        TaskConnection open = connection;
        if (open != null) {
            open.close();
        }
        JdbcTaskMetrics registered = metrics;
        if (registered != null) {
            registered.close();
        }
    }
}
