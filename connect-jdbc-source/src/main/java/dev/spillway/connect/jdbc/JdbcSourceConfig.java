package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.dialect.TransactionHorizon;
import dev.spillway.connect.jdbc.discovery.TableFilter;
import dev.spillway.connect.jdbc.discovery.TableType;
import dev.spillway.connect.jdbc.schema.NumericMapping;
import dev.spillway.connect.jdbc.schema.TypeSettings;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Configuration of the {@link JdbcSourceConnector}; {@link JdbcSourceTaskConfig} adds the tables of one task.
 * Single keys are checked by validators here; keys that are only wrong together by {@link #problems()}, which the
 * constructor and {@code JdbcSourceConnector.validate()} share.
 */
public class JdbcSourceConfig extends AbstractConfig {

    private static final String CONNECTION_GROUP = "Connection";
    private static final String TABLES_GROUP = "Tables";
    private static final String MODE_GROUP = "Mode";
    private static final String RECORDS_GROUP = "Records";
    private static final String POLLING_GROUP = "Polling";

    // --- Connection ------------------------------------------------------------------------------------------------

    public static final String URL_CONFIG = "connection.url";
    private static final String URL_DOC = "JDBC URL, e.g. jdbc:postgresql://db:5432/shop or"
        + " jdbc:mariadb://db:3306/shop. The prefix picks the dialect: PostgreSQL, MariaDB/MySQL (both drivers are"
        + " bundled), or generic ANSI SQL for any other driver placed in the plugin directory. Put no password in"
        + " it: use connection.password. (A password=... parameter or user:password@ in it is masked wherever the"
        + " connector shows the URL, but the URL is stored in the worker's config topic as it is.) Every session"
        + " the connector opens is read-only.";

    public static final String USER_CONFIG = "connection.user";
    private static final String USER_DOC = "Database user.";

    public static final String PASSWORD_CONFIG = "connection.password";
    private static final String PASSWORD_DOC = "Database password; never logged. Use a config provider"
        + " (${file:...}) to keep it out of the connector config.";

    public static final String CONNECTION_TIMEOUT_CONFIG = "connection.timeout.ms";
    private static final String CONNECTION_TIMEOUT_DOC = "How long to wait for a connection (and for the"
        + " database to answer a login) before the attempt counts as failed.";
    private static final long CONNECTION_TIMEOUT_DEFAULT = 10_000L;

    public static final String BACKOFF_CONFIG = "connection.backoff.ms";
    private static final String BACKOFF_DOC = "After a transient database error (connection lost, database"
        + " restarting, timeout) the task waits this long before it tries again from its last offset, doubling up"
        + " to connection.backoff.max.ms. Errors that retrying cannot fix (wrong password, missing privilege,"
        + " missing column) fail the task instead. A missing table is retried until the catalog confirms that it"
        + " was dropped; then the task stops reading it (see table.poll.interval.ms).";
    private static final long BACKOFF_DEFAULT = 1_000L;

    public static final String BACKOFF_MAX_CONFIG = "connection.backoff.max.ms";
    private static final String BACKOFF_MAX_DOC = "The longest wait between retries after transient errors.";
    private static final long BACKOFF_MAX_DEFAULT = 30_000L;

    // --- Tables ----------------------------------------------------------------------------------------------------

    public static final String TABLE_INCLUDE_CONFIG = "table.include.list";
    private static final String TABLE_INCLUDE_DOC = "Regular expressions, comma-separated, matched against the"
        + " whole schema.table name (on MariaDB/MySQL: database.table) of every readable table; a table is read if"
        + " one matches and no table.exclude.list entry does. E.g. public\\.orders,sales\\..*. Set this or"
        + " 'query'. The list is matched against the catalog, never put into SQL.";

    public static final String TABLE_EXCLUDE_CONFIG = "table.exclude.list";
    private static final String TABLE_EXCLUDE_DOC = "Regular expressions, comma-separated, of schema.table names"
        + " to leave out even if table.include.list matches them.";

    public static final String TABLE_TYPES_CONFIG = "table.types";
    private static final String TABLE_TYPES_DOC = "Which relations table.include.list can match: TABLE (plain and"
        + " PostgreSQL partitioned tables, whose partitions are read through their parent), VIEW (views and"
        + " materialized views), or both.";

    public static final String TABLE_POLL_INTERVAL_CONFIG = "table.poll.interval.ms";
    private static final String TABLE_POLL_INTERVAL_DOC = "How often the connector looks for tables that were"
        + " created or dropped; a change rebalances the tasks. A task that finds its table dropped (the catalog"
        + " confirms it) stops reading it at once and goes on with its other tables, and looks for it again at"
        + " this interval. 0 turns the checks off: new tables and dropped tables that come back are only read after"
        + " the connector restarts.";
    private static final long TABLE_POLL_INTERVAL_DEFAULT = 60_000L;

    public static final String QUERY_CONFIG = "query";
    private static final String QUERY_DOC = "A SELECT to read instead of tables, e.g. SELECT o.*, c.region FROM"
        + " orders o JOIN customers c ON c.id = o.customer_id WHERE o.status <> 'draft'. It is run as a derived"
        + " table, so the incremental conditions apply to its result whatever WHERE, GROUP BY or UNION it has:"
        + " the incrementing and timestamp columns must be columns of its result. One task reads it. It must be one"
        + " statement (a query the driver would split at a semicolon is refused) and runs in a read-only session."
        + " If a table it reads is dropped, the task fails naming it.";

    public static final String QUERY_TOPIC_CONFIG = "query.topic";
    private static final String QUERY_TOPIC_DOC = "With 'query': the topic its rows go to (topic.prefix is not"
        + " added) and the name of its source partition.";

    // --- Mode ------------------------------------------------------------------------------------------------------

    public static final String MODE_CONFIG = "mode";
    public static final String MODE_BULK = "bulk";
    public static final String MODE_INCREMENTING = "incrementing";
    public static final String MODE_TIMESTAMP = "timestamp";
    public static final String MODE_TIMESTAMP_INCREMENTING = "timestamp+incrementing";
    private static final String MODE_DOC = "bulk: the whole table every poll.interval.ms (deletes show as rows"
        + " that stop appearing). incrementing: new rows by a strictly increasing column (inserts only)."
        + " timestamp: new and updated rows by a last-modified column. timestamp+incrementing: the same, with the"
        + " incrementing column ordering rows that share a timestamp (the most precise mode). In the incremental"
        + " modes a row is only read once no transaction still open could commit an older one: see horizon.mode"
        + " and docs/jdbc-source.md.";

    public static final String INCREMENTING_COLUMN_CONFIG = "incrementing.column.name";
    private static final String INCREMENTING_COLUMN_DOC = "The strictly increasing column (a sequence, identity,"
        + " SERIAL or AUTO_INCREMENT; integer or NUMERIC of scale 0, beyond BIGINT is fine) for incrementing and"
        + " timestamp+incrementing. Values must come from the database when the row is inserted.";

    public static final String TIMESTAMP_COLUMNS_CONFIG = "timestamp.column.name";
    private static final String TIMESTAMP_COLUMNS_DOC = "The last-modified column for timestamp and"
        + " timestamp+incrementing, or several, comma-separated, combined as COALESCE in that order (e.g."
        + " updated_at,created_at). The database must set it when the row is written (DEFAULT now() plus an"
        + " update trigger on PostgreSQL; DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP on MariaDB), never"
        + " the application's clock.";

    public static final String TIMESTAMP_INITIAL_CONFIG = "timestamp.initial";
    private static final String TIMESTAMP_INITIAL_DOC = "Where a timestamp mode starts when no offset is stored:"
        + " 'earliest' (every row) or 'now' (rows written from the connector's first start on).";

    public static final String INCREMENTING_INITIAL_CONFIG = "incrementing.initial";
    private static final String INCREMENTING_INITIAL_DOC = "Where incrementing mode starts when no offset is"
        + " stored: 'earliest' (every row) or 'now' (ids above the highest one at the first start).";

    public static final String INITIAL_EARLIEST = "earliest";
    public static final String INITIAL_NOW = "now";

    public static final String HORIZON_MODE_CONFIG = "horizon.mode";
    private static final String HORIZON_MODE_DOC = "How the incremental modes avoid losing rows that commit late."
        + " 'database': bound every query by the oldest transaction still in flight, as the database reports it"
        + " (PostgreSQL: pg_stat_activity, needs superuser or pg_read_all_stats; MariaDB/MySQL: INNODB_TRX and"
        + " PROCESSLIST, needs PROCESS); fail if that is not allowed. 'auto': the same, but without the privilege"
        + " (or with the generic dialect) fall back to horizon.delay.ms with a warning. 'delay': only"
        + " horizon.delay.ms, a guess that loses rows of transactions open longer than it.";

    public static final String HORIZON_DELAY_CONFIG = "horizon.delay.ms";
    private static final String HORIZON_DELAY_DOC = "Without the database horizon: how long after its timestamp"
        + " (or after its id was seen) a row counts as final. Longer is safer and slower.";
    private static final long HORIZON_DELAY_DEFAULT = 10_000L;

    // --- Records ---------------------------------------------------------------------------------------------------

    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    private static final String TOPIC_PREFIX_DOC = "Prepended to schema.table (database.table on MariaDB/MySQL) to"
        + " name each table's topic, e.g. 'shop.' gives shop.public.orders.";

    public static final String KEY_MODE_CONFIG = "key.mode";
    public static final String KEY_NONE = "none";
    public static final String KEY_PK = "pk";
    public static final String KEY_COLUMNS = "columns";
    private static final String KEY_MODE_DOC = "The record key: 'pk' a Struct of the table's primary key columns"
        + " (no key for tables without one), 'columns' a Struct of key.columns, 'none' no key. With 'query', use"
        + " 'columns' or 'none'.";

    public static final String KEY_COLUMNS_CONFIG = "key.columns";
    private static final String KEY_COLUMNS_DOC = "With key.mode=columns: the columns of the key, comma-separated;"
        + " every table (or the query) must have them.";

    public static final String NUMERIC_MAPPING_CONFIG = "numeric.mapping";
    private static final String NUMERIC_MAPPING_DOC = "NUMERIC/DECIMAL columns with a declared precision:"
        + " 'none' always a Connect Decimal (exact); 'precision_only' scale-0 columns up to 18 digits as"
        + " INT8/16/32/64, the rest Decimal (exact); 'best_fit' additionally up to 15 digits with a scale as FLOAT64"
        + " (rounded); 'string' the exact decimal text, also of PostgreSQL's NaN and ±Infinity, which no Decimal or"
        + " integer holds (see value.unrepresentable.action). PostgreSQL NUMERIC without a precision is sent as its"
        + " exact decimal text in every mode.";

    public static final String DB_TIMEZONE_CONFIG = "db.timezone";
    private static final String DB_TIMEZONE_DOC = "The time zone of values in columns without one (TIMESTAMP,"
        + " DATETIME): the session time zone the writers' now() used. Applies to the values sent and to both bounds"
        + " of every timestamp query; columns with a time zone (timestamptz) need no such help.";

    public static final String UNSUPPORTED_ACTION_CONFIG = "column.unsupported.action";
    private static final String UNSUPPORTED_ACTION_DOC = "A column whose type has no Connect mapping: 'fail' the"
        + " task with an error naming table, column and type, or 'skip' the column with a warning.";

    public static final String BATCH_MAX_ROWS_CONFIG = "batch.max.rows";
    private static final String BATCH_MAX_ROWS_DOC = "At most this many rows per poll() of one table (also the"
        + " fetch size of bulk reads, which stream through tables of any size). In timestamp mode, rows sharing"
        + " the last timestamp of a batch are kept for the next one, and a single timestamp with more rows than"
        + " this is read whole.";

    public static final String POLL_INTERVAL_CONFIG = "poll.interval.ms";
    private static final String POLL_INTERVAL_DOC = "How long a table that had no new rows waits before it is"
        + " asked again (and how often bulk mode re-reads a table).";

    // --- Definition ------------------------------------------------------------------------------------------------

    static final ConfigDef CONFIG_DEF = define(new ConfigDef());

    private static ConfigDef define(ConfigDef def) {
        int order = 0;
        def.define(URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new NonEmptyString(), Importance.HIGH,
                URL_DOC, CONNECTION_GROUP, ++order, Width.LONG, "JDBC URL")
            .define(USER_CONFIG, Type.STRING, null, Importance.HIGH, USER_DOC, CONNECTION_GROUP, ++order,
                Width.MEDIUM, "User")
            .define(PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, PASSWORD_DOC, CONNECTION_GROUP,
                ++order, Width.MEDIUM, "Password")
            .define(CONNECTION_TIMEOUT_CONFIG, Type.LONG, CONNECTION_TIMEOUT_DEFAULT, Range.atLeast(250),
                Importance.LOW, CONNECTION_TIMEOUT_DOC, CONNECTION_GROUP, ++order, Width.SHORT, "Connection timeout")
            .define(BACKOFF_CONFIG, Type.LONG, BACKOFF_DEFAULT, Range.atLeast(0), Importance.LOW, BACKOFF_DOC,
                CONNECTION_GROUP, ++order, Width.SHORT, "Retry backoff")
            .define(BACKOFF_MAX_CONFIG, Type.LONG, BACKOFF_MAX_DEFAULT, Range.atLeast(0), Importance.LOW,
                BACKOFF_MAX_DOC, CONNECTION_GROUP, ++order, Width.SHORT, "Max retry backoff");
        order = 0;
        def.define(TABLE_INCLUDE_CONFIG, Type.LIST, List.of(), new RegexList(), Importance.HIGH,
                TABLE_INCLUDE_DOC, TABLES_GROUP, ++order, Width.LONG, "Tables to read")
            .define(TABLE_EXCLUDE_CONFIG, Type.LIST, List.of(), new RegexList(), Importance.MEDIUM,
                TABLE_EXCLUDE_DOC, TABLES_GROUP, ++order, Width.LONG, "Tables to leave out")
            .define(TABLE_TYPES_CONFIG, Type.LIST, List.of("TABLE"), new TableTypes(), Importance.LOW,
                TABLE_TYPES_DOC, TABLES_GROUP, ++order, Width.SHORT, "Table types")
            .define(TABLE_POLL_INTERVAL_CONFIG, Type.LONG, TABLE_POLL_INTERVAL_DEFAULT, Range.atLeast(0),
                Importance.LOW, TABLE_POLL_INTERVAL_DOC, TABLES_GROUP, ++order, Width.SHORT, "Table re-check")
            .define(QUERY_CONFIG, Type.STRING, "", Importance.MEDIUM, QUERY_DOC, TABLES_GROUP, ++order,
                Width.LONG, "Custom query")
            .define(QUERY_TOPIC_CONFIG, Type.STRING, "", Importance.MEDIUM, QUERY_TOPIC_DOC, TABLES_GROUP,
                ++order, Width.MEDIUM, "Query topic");
        order = 0;
        def.define(MODE_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                ValidString.in(MODE_BULK, MODE_INCREMENTING, MODE_TIMESTAMP, MODE_TIMESTAMP_INCREMENTING),
                Importance.HIGH, MODE_DOC, MODE_GROUP, ++order, Width.MEDIUM, "Mode")
            .define(INCREMENTING_COLUMN_CONFIG, Type.STRING, "", Importance.HIGH, INCREMENTING_COLUMN_DOC,
                MODE_GROUP, ++order, Width.MEDIUM, "Incrementing column")
            .define(TIMESTAMP_COLUMNS_CONFIG, Type.LIST, List.of(), Importance.HIGH, TIMESTAMP_COLUMNS_DOC,
                MODE_GROUP, ++order, Width.MEDIUM, "Timestamp columns")
            .define(TIMESTAMP_INITIAL_CONFIG, Type.STRING, INITIAL_EARLIEST,
                ValidString.in(INITIAL_EARLIEST, INITIAL_NOW), Importance.MEDIUM, TIMESTAMP_INITIAL_DOC,
                MODE_GROUP, ++order, Width.SHORT, "Initial timestamp")
            .define(INCREMENTING_INITIAL_CONFIG, Type.STRING, INITIAL_EARLIEST,
                ValidString.in(INITIAL_EARLIEST, INITIAL_NOW), Importance.MEDIUM, INCREMENTING_INITIAL_DOC,
                MODE_GROUP, ++order, Width.SHORT, "Initial id")
            .define(HORIZON_MODE_CONFIG, Type.STRING, "auto", ValidString.in("auto", "database", "delay"),
                Importance.MEDIUM, HORIZON_MODE_DOC, MODE_GROUP, ++order, Width.SHORT, "Horizon")
            .define(HORIZON_DELAY_CONFIG, Type.LONG, HORIZON_DELAY_DEFAULT, Range.atLeast(0), Importance.MEDIUM,
                HORIZON_DELAY_DOC, MODE_GROUP, ++order, Width.SHORT, "Horizon delay");
        order = 0;
        def.define(TOPIC_PREFIX_CONFIG, Type.STRING, "", Importance.HIGH, TOPIC_PREFIX_DOC, RECORDS_GROUP,
                ++order, Width.MEDIUM, "Topic prefix")
            .define(KEY_MODE_CONFIG, Type.STRING, KEY_PK, ValidString.in(KEY_NONE, KEY_PK, KEY_COLUMNS),
                Importance.MEDIUM, KEY_MODE_DOC, RECORDS_GROUP, ++order, Width.SHORT, "Key")
            .define(KEY_COLUMNS_CONFIG, Type.LIST, List.of(), Importance.MEDIUM, KEY_COLUMNS_DOC, RECORDS_GROUP,
                ++order, Width.MEDIUM, "Key columns")
            .define(NUMERIC_MAPPING_CONFIG, Type.STRING, "none", ValidString.in("none", "precision_only",
                "best_fit", "string"), Importance.MEDIUM, NUMERIC_MAPPING_DOC, RECORDS_GROUP, ++order, Width.SHORT,
                "Numeric mapping")
            .define(DB_TIMEZONE_CONFIG, Type.STRING, "UTC", new ZoneValidator(), Importance.MEDIUM,
                DB_TIMEZONE_DOC, RECORDS_GROUP, ++order, Width.SHORT, "Database time zone")
            .define(UNSUPPORTED_ACTION_CONFIG, Type.STRING, "fail", ValidString.in("fail", "skip"),
                Importance.LOW, UNSUPPORTED_ACTION_DOC, RECORDS_GROUP, ++order, Width.SHORT, "Unsupported types");
        order = 0;
        def.define(BATCH_MAX_ROWS_CONFIG, Type.INT, 1000, Range.between(1, 1_000_000), Importance.LOW,
                BATCH_MAX_ROWS_DOC, POLLING_GROUP, ++order, Width.SHORT, "Batch rows")
            .define(POLL_INTERVAL_CONFIG, Type.LONG, 5_000L, Range.atLeast(10), Importance.MEDIUM,
                POLL_INTERVAL_DOC, POLLING_GROUP, ++order, Width.SHORT, "Poll interval");
        return TypeSettings.define(def);
    }

    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    public JdbcSourceConfig(Map<?, ?> originals) {
        this(CONFIG_DEF, originals);
    }

    protected JdbcSourceConfig(ConfigDef def, Map<?, ?> originals) {
        this(def, originals, true);
    }

    private JdbcSourceConfig(ConfigDef def, Map<?, ?> originals, boolean check) {
        super(def, originals, false);
        if (check) {
            List<ConfigException> problems = problems();
            if (!problems.isEmpty()) {
                throw problems.get(0);
            }
        }
    }

    /** Parsed and single-key validated, but without the cross-key check: for validate() to list every problem. */
    static JdbcSourceConfig unchecked(Map<?, ?> originals) {
        return new JdbcSourceConfig(CONFIG_DEF, originals, false);
    }

    /** The cross-key problems, each naming its key; empty if the combination is fine. */
    public List<ConfigException> problems() {
        List<ConfigException> problems = new ArrayList<>();
        boolean hasQuery = isQueryMode();
        boolean hasTables = !getList(TABLE_INCLUDE_CONFIG).isEmpty();
        if (hasQuery == hasTables) {
            problems.add(new ConfigException(TABLE_INCLUDE_CONFIG, getList(TABLE_INCLUDE_CONFIG),
                "Set exactly one of table.include.list (tables to read) and query (one custom SELECT)."));
        }
        if (hasQuery && queryTopic().isEmpty()) {
            problems.add(new ConfigException(QUERY_TOPIC_CONFIG, "",
                "With 'query' set, query.topic must name the topic its rows go to."));
        }
        String mode = mode();
        if ((mode.equals(MODE_INCREMENTING) || mode.equals(MODE_TIMESTAMP_INCREMENTING))
            && incrementingColumn().isEmpty()) {
            problems.add(new ConfigException(INCREMENTING_COLUMN_CONFIG, "",
                "mode=" + mode + " needs incrementing.column.name: the strictly increasing id column."));
        }
        if ((mode.equals(MODE_TIMESTAMP) || mode.equals(MODE_TIMESTAMP_INCREMENTING))
            && timestampColumns().isEmpty()) {
            problems.add(new ConfigException(TIMESTAMP_COLUMNS_CONFIG, "",
                "mode=" + mode + " needs timestamp.column.name: the last-modified column(s)."));
        }
        if (keyMode().equals(KEY_COLUMNS) && keyColumns().isEmpty()) {
            problems.add(new ConfigException(KEY_COLUMNS_CONFIG, "",
                "key.mode=columns needs key.columns, or choose key.mode=pk or none."));
        }
        if (hasQuery && keyMode().equals(KEY_PK)) {
            problems.add(new ConfigException(KEY_MODE_CONFIG, KEY_PK,
                "A custom query has no primary key: set key.mode=columns with key.columns, or key.mode=none."));
        }
        if (getLong(BACKOFF_MAX_CONFIG) < getLong(BACKOFF_CONFIG)) {
            problems.add(new ConfigException(BACKOFF_MAX_CONFIG, getLong(BACKOFF_MAX_CONFIG),
                "Must be at least connection.backoff.ms (" + getLong(BACKOFF_CONFIG) + ")."));
        }
        return problems;
    }

    public String url() {
        return getString(URL_CONFIG);
    }

    public String user() {
        return getString(USER_CONFIG);
    }

    /** The password, or null; only ever handed to the driver. */
    public String password() {
        Password password = getPassword(PASSWORD_CONFIG);
        return password == null ? null : password.value();
    }

    public Duration connectionTimeout() {
        return Duration.ofMillis(getLong(CONNECTION_TIMEOUT_CONFIG));
    }

    public Duration backoff() {
        return Duration.ofMillis(getLong(BACKOFF_CONFIG));
    }

    public Duration backoffMax() {
        return Duration.ofMillis(getLong(BACKOFF_MAX_CONFIG));
    }

    public boolean isQueryMode() {
        return !getString(QUERY_CONFIG).isBlank();
    }

    public String query() {
        return getString(QUERY_CONFIG);
    }

    public String queryTopic() {
        return getString(QUERY_TOPIC_CONFIG).trim();
    }

    public TableFilter tableFilter() {
        return new TableFilter(patterns(TABLE_INCLUDE_CONFIG), patterns(TABLE_EXCLUDE_CONFIG), tableTypes());
    }

    public Set<TableType> tableTypes() {
        Set<TableType> types = EnumSet.noneOf(TableType.class);
        getList(TABLE_TYPES_CONFIG).forEach(t -> types.add(TableType.parse(t)));
        return types;
    }

    public Duration tablePollInterval() {
        return Duration.ofMillis(getLong(TABLE_POLL_INTERVAL_CONFIG));
    }

    public String mode() {
        return getString(MODE_CONFIG);
    }

    public String incrementingColumn() {
        return getString(INCREMENTING_COLUMN_CONFIG).trim();
    }

    public List<String> timestampColumns() {
        return getList(TIMESTAMP_COLUMNS_CONFIG).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public boolean timestampFromNow() {
        return getString(TIMESTAMP_INITIAL_CONFIG).equals(INITIAL_NOW);
    }

    public boolean incrementingFromNow() {
        return getString(INCREMENTING_INITIAL_CONFIG).equals(INITIAL_NOW);
    }

    public TransactionHorizon.Mode horizonMode() {
        return TransactionHorizon.Mode.parse(getString(HORIZON_MODE_CONFIG));
    }

    public Duration horizonDelay() {
        return Duration.ofMillis(getLong(HORIZON_DELAY_CONFIG));
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX_CONFIG);
    }

    public String keyMode() {
        return getString(KEY_MODE_CONFIG);
    }

    public List<String> keyColumns() {
        return getList(KEY_COLUMNS_CONFIG).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public NumericMapping numericMapping() {
        return NumericMapping.parse(getString(NUMERIC_MAPPING_CONFIG));
    }

    public ZoneId dbZone() {
        return ZoneId.of(getString(DB_TIMEZONE_CONFIG));
    }

    public TypeSettings typeSettings() {
        return TypeSettings.from(this);
    }

    public boolean skipUnsupportedColumns() {
        return getString(UNSUPPORTED_ACTION_CONFIG).equals("skip");
    }

    public int batchMaxRows() {
        return getInt(BATCH_MAX_ROWS_CONFIG);
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_CONFIG));
    }

    private List<Pattern> patterns(String key) {
        return getList(key).stream().map(String::trim).filter(s -> !s.isEmpty()).map(Pattern::compile).toList();
    }

    /** Each entry must compile as a regular expression. */
    private static final class RegexList implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            for (Object entry : (List<?>) value) {
                try {
                    Pattern.compile(entry.toString().trim());
                } catch (PatternSyntaxException e) {
                    throw new ConfigException(name, entry, "Not a valid regular expression: " + e.getDescription());
                }
            }
        }

        @Override
        public String toString() {
            return "comma-separated regular expressions";
        }
    }

    private static final class TableTypes implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            List<?> entries = (List<?>) value;
            if (entries.isEmpty()) {
                throw new ConfigException(name, value, "Name at least one of TABLE, VIEW.");
            }
            for (Object entry : entries) {
                try {
                    TableType.parse(entry.toString());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, entry, "Must be TABLE or VIEW.");
                }
            }
        }

        @Override
        public String toString() {
            return "TABLE, VIEW";
        }
    }

    private static final class ZoneValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                ZoneId.of(String.valueOf(value).trim());
            } catch (DateTimeException e) {
                throw new ConfigException(name, value, "Not a time zone id: use e.g. UTC, Europe/Berlin or +02:00.");
            }
        }

        @Override
        public String toString() {
            return "a time zone id such as UTC or Europe/Berlin";
        }
    }
}
