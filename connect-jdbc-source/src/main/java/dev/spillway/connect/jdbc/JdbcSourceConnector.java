package dev.spillway.connect.jdbc;

import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.jdbc.dialect.Dialect;
import dev.spillway.connect.jdbc.dialect.HorizonRefusedException;
import dev.spillway.connect.jdbc.dialect.SqlErrors;
import dev.spillway.connect.jdbc.dialect.TransactionHorizon;
import dev.spillway.connect.jdbc.discovery.DiscoveredTable;
import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.discovery.TableMonitor;
import dev.spillway.connect.jdbc.discovery.TaskAssignment;
import dev.spillway.connect.jdbc.offset.SourceOffset;
import dev.spillway.connect.jdbc.offset.SourcePartition;
import dev.spillway.connect.jdbc.query.QueryBuilder;
import dev.spillway.connect.jdbc.schema.ColumnMapper;
import dev.spillway.connect.jdbc.security.Redactor;
import dev.spillway.connect.jdbc.snapshot.RangeOffset;
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
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTask.TransactionBoundary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private Map<String, String> props;
    private JdbcSourceConfig config;
    private Dialect dialect;
    private TableMonitor monitor;
    private SnapshotCoordinator snapshots;

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
        this.dialect = Dialect.forUrl(config.connectionSettings().url(), config.recordSettings().dbZone());
        if (config.tableSettings().isQueryMode()) {
            return;
        }
        monitor = new TableMonitor(name(), config.tableSettings().tablePollInterval(), new Catalog(),
            new TableMonitor.Listener() {
                @Override
                public void tablesChanged() {
                    snapshots.refreshSoon();
                    context.requestTaskReconfiguration();
                }

                @Override
                public void failed(RuntimeException e) {
                    context.raiseError(e);
                }
            });
        snapshots = new SnapshotCoordinator(name(), config, dialect,
            () -> context == null ? null : context().offsetStorageReader(), () -> monitor.tables(), tasksMax(props),
            new SnapshotCoordinator.Listener() {
                @Override
                public void changed() {
                    context.requestTaskReconfiguration();
                }

                @Override
                public void failed(RuntimeException e) {
                    context.raiseError(e);
                }
            });
        monitor.start();
        snapshots.start();
    }

    private static int tasksMax(Map<String, String> props) {
        try {
            return Math.max(1, Integer.parseInt(props.getOrDefault("tasks.max", "1").trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private String name() {
        return props.getOrDefault("name", "");
    }

    /** The catalog as the table monitor reads it, and what its errors mean for this connector. */
    private final class Catalog implements TableMonitor.Catalog {
        @Override
        public List<DiscoveredTable> tables() throws SQLException {
            try (Connection connection = Connections.open(config, dialect)) {
                return config.tableSettings().tableFilter().select(dialect.discover(connection));
            }
        }

        @Override
        public RuntimeException nothingMatches() {
            return new ConnectException(TableSettings.TABLE_INCLUDE_CONFIG + "="
                + config.tableSettings().includeList() + " matches no readable " + config.tableSettings().tableTypes()
                + " (names are matched as schema.table, whole and case-sensitive, against the tables this user may"
                + " SELECT). Readable: " + readableNames());
        }

        @Override
        public boolean isTransient(SQLException e) {
            return SqlErrors.isTransient(e);
        }

        @Override
        public RuntimeException failure(SQLException e) {
            return Connections.connectFailure(config, e);
        }

        @Override
        public String describe(Exception e) {
            return e instanceof SQLException sql ? SqlErrors.describe(sql)
                : Redactor.text(e.toString(), config.connectionSettings().url());
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
    }

    /**
     * Tables over {@code min(maxTasks, tables)} tasks, balanced by the catalog's row estimates (see
     * {@link TaskAssignment}); the query in one task. No task while the tables are unknown (the database was
     * unreachable at start): the worker stops the old tasks, which could not read anyway; their offsets stay in
     * the offset topic, and the tasks started once the tables are found resume from them.
     */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (config.tableSettings().isQueryMode()) {
            return List.of(new HashMap<>(props));
        }
        List<DiscoveredTable> known = monitor.tables();
        if (known == null) {
            LOG.info("Connector {}: no tasks while the tables are unknown (the database was unavailable at start)",
                name());
            return List.of();
        }
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<WorkUnit> own : TaskAssignment.assign(WorkUnit.of(known, snapshots), WorkUnit::rows,
            java.util.Comparator.comparing(WorkUnit::order), maxTasks)) {
            Map<String, String> taskConfig = new HashMap<>(props);
            taskConfig.put(JdbcSourceTaskConfig.TASK_TABLES_CONFIG, own.stream().filter(u -> u.range() == null)
                .map(u -> u.table().encode()).collect(Collectors.joining(",")));
            taskConfig.put(JdbcSourceTaskConfig.TASK_SPLIT_TABLES_CONFIG, own.stream()
                .filter(u -> u.range() == null && u.split() != null).map(u -> u.split().encode())
                .collect(Collectors.joining(",")));
            taskConfig.put(JdbcSourceTaskConfig.TASK_RANGES_CONFIG, own.stream().filter(u -> u.range() != null)
                .map(u -> u.range().encode()).collect(Collectors.joining(",")));
            configs.add(taskConfig);
        }
        return configs;
    }

    @Override
    public void stop() {
        if (snapshots != null) {
            snapshots.stop();
        }
        if (monitor != null) {
            monitor.stop();
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
        ConfigValue urlValue = values.get(ConnectionSettings.URL_CONFIG);
        if (urlValue != null && urlValue.value() instanceof String url) {
            urlValue.value(Redactor.url(url));
        }
        if (result.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return result;
        }
        // The keys parsed above, so this parses too.
        JdbcSourceConfig parsed = JdbcSourceConfig.unchecked(connectorConfigs);
        List<Problem> problems = parsed.problems();
        if (!problems.isEmpty()) {
            problems.forEach(problem -> values.get(problem.key()).addErrorMessage(problem.message()));
            return result;
        }
        Dialect validating = Dialect.forUrl(parsed.connectionSettings().url(), parsed.recordSettings().dbZone());
        try (Connection connection = Connections.open(parsed, validating)) {
            List<DiscoveredTable> readable = validating.discover(connection);
            ConfigValue include = values.get(TableSettings.TABLE_INCLUDE_CONFIG);
            include.recommendedValues(readable.stream().map(t -> (Object) t.id().qualified()).sorted(
                (a, b) -> a.toString().compareTo(b.toString())).limit(1000).toList());
            if (parsed.modeSettings().mode() != Mode.BULK
                    && parsed.horizonSettings().mode() == TransactionHorizon.Mode.DATABASE) {
                try {
                    validating.horizonUnavailableReason(connection).ifPresent(reason -> values.get(
                        HorizonSettings.HORIZON_MODE_CONFIG).addErrorMessage(HorizonRefusedException.message(reason)));
                } catch (SQLException e) {
                    // The connection works (the catalog answered): this is about the horizon, not the URL.
                    values.get(HorizonSettings.HORIZON_MODE_CONFIG).addErrorMessage("horizon.mode=database, but"
                        + " the transaction horizon cannot be read: " + SqlErrors.describe(e));
                }
            }
            if (parsed.tableSettings().isQueryMode()) {
                checkQuery(connection, validating, parsed, values.get(TableSettings.QUERY_CONFIG));
            } else if (parsed.tableSettings().tableFilter().select(readable).isEmpty()) {
                include.addErrorMessage("Matches no readable table (schema.table, whole and case-sensitive)."
                    + " Readable: " + readable.stream().map(t -> t.id().qualified()).sorted()
                    .limit(MAX_LISTED_TABLES).collect(Collectors.joining(", ")));
            } else {
                for (DiscoveredTable table : parsed.tableSettings().tableFilter().select(readable)) {
                    try {
                        parsed.recordSettings().topic(table.id());
                    } catch (ConnectException e) {
                        include.addErrorMessage(e.getMessage());
                        break;
                    }
                }
            }
        } catch (ConfigException e) {
            // Only the driver lookup throws one here: no driver takes the URL.
            values.get(ConnectionSettings.URL_CONFIG).addErrorMessage(Redactor.text(e.getMessage()));
        } catch (SQLException e) {
            String key = SqlErrors.isAuthentication(e) ? ConnectionSettings.PASSWORD_CONFIG : ConnectionSettings.URL_CONFIG;
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
        QueryBuilder queries = QueryBuilder.forQuery(dialect, config.tableSettings().query());
        if (queries.isMultiStatement()) {
            query.addErrorMessage(MULTI_STATEMENT_QUERY);
            return;
        }
        try (PreparedStatement statement = queries.probe().prepare(connection);
             ResultSet rs = statement.executeQuery()) {
            java.sql.ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String label = md.getColumnLabel(i);
                int earlier = columns.indexOf(label) + 1;
                if (label == null || label.isEmpty() || earlier > 0) {
                    query.addErrorMessage(ColumnMapper.labelProblem(label, earlier, i));
                    return;
                }
                columns.add(label);
            }
            ModeSettings mode = config.modeSettings();
            List<String> needed = new ArrayList<>();
            if (mode.mode().usesTimestamp()) {
                needed.addAll(mode.timestampColumns());
            }
            if (mode.mode().usesIncrementing() && !mode.incrementingColumn().isEmpty()) {
                needed.add(mode.incrementingColumn());
            }
            needed.addAll(config.recordSettings().keyColumns());
            needed.removeAll(columns);
            if (!needed.isEmpty()) {
                query.addErrorMessage("The query's result has no column(s) " + needed + " (it has " + columns + ")");
            }
        } catch (SQLException e) {
            query.addErrorMessage("The query fails: " + SqlErrors.describe(e));
        }
    }

    /** Each mode answers for itself (see {@link Mode}); a config that does not parse cannot be exactly-once. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        JdbcSourceConfig parsed;
        try {
            parsed = new JdbcSourceConfig(connectorConfig);
        } catch (ConfigException e) {
            return ExactlyOnceSupport.UNSUPPORTED;
        }
        TransactionBoundary boundary;
        try {
            String value = connectorConfig.get(SourceTask.TRANSACTION_BOUNDARY_CONFIG);
            boundary = value == null ? TransactionBoundary.DEFAULT : TransactionBoundary.fromProperty(value);
        } catch (IllegalArgumentException e) {
            // The worker rejects the value itself, naming the key.
            return ExactlyOnceSupport.UNSUPPORTED;
        }
        return parsed.modeSettings().mode().exactlyOnce(boundary);
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
                SourcePartition partition = SourcePartition.fromMap(entry.getKey());
                if (partition.range() != null && entry.getValue() != null) {
                    RangeOffset.fromMap(new TableId(null, partition.name()), partition.range(), entry.getValue());
                } else {
                    SourceOffset.fromMap(entry.getValue());
                }
            } catch (IllegalArgumentException e) {
                throw new ConnectException(e.getMessage(), e);
            }
        }
        return true;
    }
}
