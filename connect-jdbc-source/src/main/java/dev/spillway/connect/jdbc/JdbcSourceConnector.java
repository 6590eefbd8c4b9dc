package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.dialect.Dialect;
import dev.spillway.connect.jdbc.dialect.SqlErrors;
import dev.spillway.connect.jdbc.discovery.DiscoveredTable;
import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.discovery.TaskAssignment;
import dev.spillway.connect.jdbc.offset.SourceOffset;
import dev.spillway.connect.jdbc.offset.SourcePartition;
import dev.spillway.connect.jdbc.query.QueryBuilder;
import dev.spillway.connect.jdbc.security.Redactor;
import dev.spillway.connect.common.version.PluginVersion;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Copies tables, or the result of one query, from a JDBC database to Kafka: in bulk, or incrementally by an
 * increasing id and/or a last-modified timestamp, bounded by the database's transaction horizon so that rows
 * committed late are not lost. Tables are matched by regular expressions, spread over the tasks by estimated row
 * count, and re-checked periodically; a table created or dropped rebalances the tasks.
 */
public final class JdbcSourceConnector extends SourceConnector {

    /** Rendered at the top of the generated configuration reference. */
    public static final String OVERVIEW_DOC = "Copies tables or one custom query from PostgreSQL, MariaDB/MySQL or"
        + " any JDBC database to Kafka: bulk, incrementing, timestamp or timestamp+incrementing. Incremental reads"
        + " are bounded by the oldest transaction still open (pg_stat_activity, INNODB_TRX), so rows that commit"
        + " late are not lost; offsets keep full timestamp precision and (timestamp, id) pairs. Records are keyed"
        + " by primary key, tables are balanced over tasks by estimated rows, and transient database errors are"
        + " retried with backoff. See docs/jdbc-source.md.";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSourceConnector.class);
    private static final int MAX_LISTED_TABLES = 50;

    /** First and longest wait between discovery attempts while the database is unreachable at start. */
    static final Duration DISCOVERY_RETRY_FIRST = Duration.ofSeconds(1);
    static final Duration DISCOVERY_RETRY_MAX = Duration.ofSeconds(30);

    private Map<String, String> props;
    private JdbcSourceConfig config;
    private Dialect dialect;
    /** Null while unknown: the database was unreachable at start and has not answered since. */
    private volatile List<DiscoveredTable> tables = List.of();
    private volatile ScheduledExecutorService monitor;
    private volatile boolean stopped;
    private long unknownSince;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public ConfigDef config() {
        return JdbcSourceConfig.configDef();
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSourceTask.class;
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.config = new JdbcSourceConfig(props);
        this.dialect = Dialect.forUrl(config.url(), config.dbZone());
        this.stopped = false;
        if (config.isQueryMode()) {
            return;
        }
        List<DiscoveredTable> found;
        try {
            found = discover();
        } catch (SQLException e) {
            if (!SqlErrors.isTransient(e)) {
                throw Connections.connectFailure(config, e);
            }
            // A worker restart or a rebalance during an outage must not leave the connector FAILED: run with the
            // tables unknown (no tasks) and find them on the monitor thread once the database answers.
            tables = null;
            LOG.warn("Connector {}: cannot discover the tables at start, the database is unavailable: {}. The"
                    + " connector keeps running with no tasks (their offsets stay stored) and tries again after {} s,"
                    + " doubling up to {} s, until it answers; then it starts the tasks, which resume from their"
                    + " offsets.", name(), SqlErrors.describe(e), DISCOVERY_RETRY_FIRST.toSeconds(), DISCOVERY_RETRY_MAX.toSeconds());
            unknownSince = System.nanoTime();
            monitor = newMonitor();
            later(() -> retryDiscovery(DISCOVERY_RETRY_FIRST, 1), DISCOVERY_RETRY_FIRST);
            return;
        }
        tables = requireMatches(found);
        LOG.info("Reading {} table(s): {}", found.size(), names(found));
        scheduleRechecks();
    }

    /** The include list matching nothing is a setup error: no retry fixes it. */
    private List<DiscoveredTable> requireMatches(List<DiscoveredTable> found) {
        if (found.isEmpty()) {
            throw new ConnectException(JdbcSourceConfig.TABLE_INCLUDE_CONFIG + "=" + config.getList(
                JdbcSourceConfig.TABLE_INCLUDE_CONFIG) + " matches no readable " + config.tableTypes()
                + " (names are matched as schema.table, whole and case-sensitive, against the tables this user may"
                + " SELECT). Readable: " + readableNames());
        }
        return found;
    }

    private String name() {
        return props.getOrDefault("name", "");
    }

    private ScheduledExecutorService newMonitor() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "spillway-jdbc-table-monitor-" + name());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Called from start(), or on the monitor thread once the tables are found late. */
    private void scheduleRechecks() {
        long interval = config.tablePollInterval().toMillis();
        if (interval <= 0) {
            return;
        }
        if (monitor == null) {
            monitor = newMonitor();
        }
        ScheduledExecutorService current = monitor;
        try {
            current.scheduleWithFixedDelay(this::recheckTables, interval, interval, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stop() shut the monitor down meanwhile
        }
    }

    private void later(Runnable task, Duration wait) {
        ScheduledExecutorService current = monitor;
        if (current == null || stopped) {
            return;
        }
        try {
            current.schedule(task, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stop() shut the monitor down meanwhile
        }
    }

    /**
     * Runs on the monitor thread while the tables are unknown. A transient error tries again after a doubled wait;
     * any other error (the database is back but refuses the login, the include list matches nothing) fails the
     * connector as start() would have.
     */
    private void retryDiscovery(Duration waited, int attempt) {
        if (stopped) {
            return;
        }
        List<DiscoveredTable> found;
        try {
            found = requireMatches(discover());
        } catch (SQLException e) {
            if (SqlErrors.isTransient(e)) {
                Duration doubled = waited.multipliedBy(2);
                Duration next = doubled.compareTo(DISCOVERY_RETRY_MAX) > 0 ? DISCOVERY_RETRY_MAX : doubled;
                LOG.info("Connector {}: table discovery retry {} failed, next in {} s: {}", name(), attempt,
                    next.toSeconds(), SqlErrors.describe(e));
                later(() -> retryDiscovery(next, attempt + 1), next);
                return;
            }
            fail(Connections.connectFailure(config, e));
            return;
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        if (stopped) {
            return;
        }
        tables = found;
        LOG.info("Connector {}: the database answers again after {} s ({} retries): reading {} table(s): {};"
                + " starting the tasks", name(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - unknownSince), attempt, found.size(),
            names(found));
        context.requestTaskReconfiguration();
        scheduleRechecks();
    }

    private void fail(RuntimeException e) {
        if (!stopped) {
            LOG.error("Connector {}: table discovery failed with an error retrying cannot fix: {}", name(),
                e.getMessage());
            context.raiseError(e);
        }
    }

    private List<DiscoveredTable> discover() throws SQLException {
        try (Connection connection = Connections.open(config, dialect)) {
            return config.tableFilter().select(dialect.discover(connection));
        }
    }

    private String readableNames() {
        try (Connection connection = Connections.open(config, dialect)) {
            List<String> names = dialect.discover(connection).stream().map(t -> t.id().qualified()).sorted()
                .limit(MAX_LISTED_TABLES).toList();
            return names.isEmpty() ? "none" : String.join(", ", names);
        } catch (SQLException e) {
            return "unknown (" + SqlErrors.describe(e) + ")";
        }
    }

    /** A created or dropped table changes the task split; a changed row estimate alone does not. */
    private void recheckTables() {
        if (stopped) {
            return;
        }
        try {
            List<DiscoveredTable> found = discover();
            if (!names(found).equals(names(tables))) {
                LOG.info("Tables changed from {} to {}: reconfiguring the tasks", names(tables), names(found));
                tables = found;
                context.requestTaskReconfiguration();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not re-check the tables (will try again in {} ms): {}",
                config.tablePollInterval().toMillis(), e instanceof SQLException sql ? SqlErrors.describe(sql)
                    : Redactor.text(e.toString(), config.url()));
        }
    }

    private static List<String> names(List<DiscoveredTable> tables) {
        return tables.stream().map(t -> t.id().qualified()).sorted().toList();
    }

    /**
     * Tables over {@code min(maxTasks, tables)} tasks, balanced by the catalog's row estimates (see
     * {@link TaskAssignment}); the query in one task. No task while the tables are unknown (the database was
     * unreachable at start): the worker stops the old tasks, which could not read anyway; their offsets stay in
     * the offset topic, and the tasks started once the tables are found resume from them.
     */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (config.isQueryMode()) {
            return List.of(new HashMap<>(props));
        }
        List<DiscoveredTable> known = tables;
        if (known == null) {
            LOG.info("Connector {}: no tasks while the tables are unknown (the database was unavailable at start)",
                name());
            return List.of();
        }
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<TableId> own : TaskAssignment.assign(known, maxTasks)) {
            Map<String, String> taskConfig = new HashMap<>(props);
            taskConfig.put(JdbcSourceTaskConfig.TASK_TABLES_CONFIG,
                own.stream().map(TableId::encode).collect(Collectors.joining(",")));
            configs.add(taskConfig);
        }
        return configs;
    }

    @Override
    public void stop() {
        stopped = true;
        // Not awaited: a discovery attempt in flight ends within connection.timeout.ms and then sees 'stopped'.
        ScheduledExecutorService current = monitor;
        monitor = null;
        if (current != null) {
            current.shutdownNow();
        }
    }

    /**
     * Single-key errors first; then cross-key problems on their keys; then, if the keys are fine, whether the
     * database answers (errors on connection.url or connection.password) and which tables the include list
     * matches (recommended values of table.include.list: the readable tables).
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = result.configValues().stream()
            .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        // The worker echoes every value in its response; a password inside the URL must not be among them.
        ConfigValue urlValue = values.get(JdbcSourceConfig.URL_CONFIG);
        if (urlValue != null && urlValue.value() instanceof String url) {
            urlValue.value(Redactor.url(url));
        }
        if (result.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return result;
        }
        JdbcSourceConfig parsed;
        try {
            parsed = JdbcSourceConfig.unchecked(connectorConfigs);
        } catch (ConfigException e) {
            attach(values, e);
            return result;
        }
        List<ConfigException> problems = parsed.problems();
        if (!problems.isEmpty()) {
            problems.forEach(problem -> attach(values, problem));
            return result;
        }
        Dialect validating = Dialect.forUrl(parsed.url(), parsed.dbZone());
        try (Connection connection = Connections.open(parsed, validating)) {
            List<DiscoveredTable> readable = validating.discover(connection);
            ConfigValue include = values.get(JdbcSourceConfig.TABLE_INCLUDE_CONFIG);
            include.recommendedValues(readable.stream().map(t -> (Object) t.id().qualified()).sorted(
                (a, b) -> a.toString().compareTo(b.toString())).limit(1000).toList());
            if (parsed.isQueryMode()) {
                checkQuery(connection, validating, parsed, values.get(JdbcSourceConfig.QUERY_CONFIG));
            } else if (parsed.tableFilter().select(readable).isEmpty()) {
                include.addErrorMessage("Matches no readable table (schema.table, whole and case-sensitive)."
                    + " Readable: " + readable.stream().map(t -> t.id().qualified()).sorted()
                    .limit(MAX_LISTED_TABLES).collect(Collectors.joining(", ")));
            }
        } catch (ConfigException e) {
            attach(values, e);
        } catch (SQLException e) {
            String key = SqlErrors.isAuthentication(e) ? JdbcSourceConfig.PASSWORD_CONFIG : JdbcSourceConfig.URL_CONFIG;
            values.get(key).addErrorMessage(Connections.connectFailure(parsed, e).getMessage());
        }
        return result;
    }

    /**
     * Why a custom query is refused before it runs: one that the driver would split into several statements
     * (it closes the derived table's parentheses and goes on) could undo the read-only session.
     */
    static final String MULTI_STATEMENT_QUERY = "The query must be one SELECT, run as the derived table"
        + " (<query>) of a SELECT: it closes those parentheses and holds more than one statement. Nothing was run.";

    /** Runs the custom query with no rows wanted, so a typo or a missing column is reported on 'query'. */
    private static void checkQuery(Connection connection, Dialect dialect, JdbcSourceConfig config,
                                   ConfigValue query) {
        QueryBuilder queries = QueryBuilder.forQuery(dialect, config.query());
        if (queries.isMultiStatement()) {
            query.addErrorMessage(MULTI_STATEMENT_QUERY);
            return;
        }
        try (PreparedStatement statement = queries.probe().prepare(connection);
             ResultSet rs = statement.executeQuery()) {
            java.sql.ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnLabel(i));
            }
            List<String> needed = new ArrayList<>(config.timestampColumns());
            if (!config.incrementingColumn().isEmpty() && !config.mode().equals(JdbcSourceConfig.MODE_TIMESTAMP)
                && !config.mode().equals(JdbcSourceConfig.MODE_BULK)) {
                needed.add(config.incrementingColumn());
            }
            if (config.mode().equals(JdbcSourceConfig.MODE_BULK) || config.mode().equals(
                JdbcSourceConfig.MODE_INCREMENTING)) {
                needed.removeAll(config.timestampColumns());
            }
            needed.addAll(config.keyColumns());
            needed.removeAll(columns);
            if (!needed.isEmpty()) {
                query.addErrorMessage("The query's result has no column(s) " + needed + " (it has " + columns + ")");
            }
        } catch (SQLException e) {
            query.addErrorMessage("The query fails: " + SqlErrors.describe(e));
        }
    }

    private static void attach(Map<String, ConfigValue> values, ConfigException problem) {
        String message = Redactor.text(problem.getMessage());
        for (Map.Entry<String, ConfigValue> entry : values.entrySet()) {
            if (message.contains("configuration " + entry.getKey() + ":")) {
                entry.getValue().addErrorMessage(message);
                return;
            }
        }
        values.get(JdbcSourceConfig.URL_CONFIG).addErrorMessage(message);
    }

    /**
     * Exactly-once delivery (KIP-618) needs a restart to resume exactly where the last committed transaction
     * ended. The incremental modes resume after the exact (ts, id) or id of the last record. Timestamp mode only
     * emits whole timestamp groups per poll, so it needs transactions of whole polls (transaction.boundary=poll,
     * the default) or the connector's own boundaries. Bulk mode cannot resume mid-snapshot, so it needs the
     * connector's boundaries: one transaction per snapshot.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        JdbcSourceConfig parsed;
        try {
            parsed = new JdbcSourceConfig(connectorConfig);
        } catch (ConfigException e) {
            return ExactlyOnceSupport.UNSUPPORTED;
        }
        String boundary = Objects.requireNonNullElse(connectorConfig.get("transaction.boundary"), "poll")
            .trim().toLowerCase(Locale.ROOT);
        return switch (parsed.mode()) {
            case JdbcSourceConfig.MODE_BULK -> boundary.equals("connector")
                ? ExactlyOnceSupport.SUPPORTED : ExactlyOnceSupport.UNSUPPORTED;
            case JdbcSourceConfig.MODE_TIMESTAMP -> boundary.equals("interval")
                ? ExactlyOnceSupport.UNSUPPORTED : ExactlyOnceSupport.SUPPORTED;
            default -> ExactlyOnceSupport.SUPPORTED;
        };
    }

    /** Every mode can say where a transaction may end: after each poll's rows, or after a whole bulk snapshot. */
    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.SUPPORTED;
    }

    /** Checks offsets supplied through {@code PATCH /connectors/<name>/offsets}; a null offset resets a partition. */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            try {
                SourcePartition.fromMap(entry.getKey());
                SourceOffset.fromMap(entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new ConnectException(e.getMessage(), e);
            }
        }
        return true;
    }
}
