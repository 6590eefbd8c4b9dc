package dev.spillway.connect.jdbc;

import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.common.config.VisibleWhen;
import dev.spillway.connect.common.text.SafeText;
import dev.spillway.connect.common.topic.TopicNames;
import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.schema.NumericMapping;
import dev.spillway.connect.jdbc.schema.SchemaNames;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** What a row becomes: its topic, its key, and how numbers, local times and unmapped columns are sent. */
public final class RecordSettings {

    private static final String GROUP = "Records";

    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    private static final String TOPIC_PREFIX_DOC = "Prepended to the table's name (see table.naming) to name its"
        + " topic, e.g. 'shop.' gives shop.public.orders.";

    public static final String TABLE_NAMING_CONFIG = "table.naming";
    private static final String TABLE_NAMING_DOC = "The name a table goes by in its topic (after topic.prefix) and"
        + " its value schema: 'schema.table' (database.table on MariaDB/MySQL), or 'table', the bare table name, as"
        + " Confluent's JDBC source names them (tables of the same name in different schemas then share a topic)."
        + " Source partitions, and so stored offsets, keep schema.table either way.";

    public static final String KEY_MODE_CONFIG = "key.mode";
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
        + " task with an error naming table, column and type, or 'skip' the column with a warning (a column of the"
        + " record key still fails).";

    private final String topicPrefix;
    private final TableNaming tableNaming;
    private final KeyMode keyMode;
    private final List<String> keyColumns;
    private final NumericMapping numericMapping;
    private final ZoneId dbZone;
    private final UnsupportedColumnAction unsupportedAction;

    RecordSettings(AbstractConfig config) {
        this.topicPrefix = config.getString(TOPIC_PREFIX_CONFIG);
        this.tableNaming = ConfigChoice.parse(TableNaming.class, TABLE_NAMING_CONFIG,
            config.getString(TABLE_NAMING_CONFIG));
        this.keyMode = ConfigChoice.parse(KeyMode.class, KEY_MODE_CONFIG, config.getString(KEY_MODE_CONFIG));
        this.keyColumns = columns(config.getList(KEY_COLUMNS_CONFIG));
        this.numericMapping = NumericMapping.parse(config.getString(NUMERIC_MAPPING_CONFIG));
        this.dbZone = ZoneId.of(config.getString(DB_TIMEZONE_CONFIG));
        this.unsupportedAction = ConfigChoice.parse(UnsupportedColumnAction.class, UNSUPPORTED_ACTION_CONFIG,
            config.getString(UNSUPPORTED_ACTION_CONFIG));
    }

    /** Adds this concern's keys to the connector's ConfigDef. */
    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def.define(TOPIC_PREFIX_CONFIG, Type.STRING, "", Importance.HIGH, TOPIC_PREFIX_DOC, GROUP, ++order,
                Width.MEDIUM, "Topic prefix")
            .define(TABLE_NAMING_CONFIG, Type.STRING, TableNaming.SCHEMA_TABLE.configValue(),
                ConfigChoice.validator(TableNaming.class), Importance.MEDIUM, TABLE_NAMING_DOC, GROUP, ++order,
                Width.SHORT, "Table naming", List.of(), ConfigChoice.recommender(TableNaming.class))
            .define(KEY_MODE_CONFIG, Type.STRING, KeyMode.PK.configValue(), ConfigChoice.validator(KeyMode.class),
                Importance.MEDIUM, KEY_MODE_DOC, GROUP, ++order, Width.SHORT, "Key", List.of(KEY_COLUMNS_CONFIG),
                ConfigChoice.recommender(KeyMode.class))
            .define(KEY_COLUMNS_CONFIG, Type.LIST, List.of(), Importance.MEDIUM, KEY_COLUMNS_DOC, GROUP, ++order,
                Width.MEDIUM, "Key columns", List.of(), VisibleWhen.keyIs(KEY_MODE_CONFIG, KeyMode.COLUMNS))
            .define(NUMERIC_MAPPING_CONFIG, Type.STRING, NumericMapping.NONE.configValue(),
                ConfigChoice.validator(NumericMapping.class), Importance.MEDIUM, NUMERIC_MAPPING_DOC, GROUP,
                ++order, Width.SHORT, "Numeric mapping", List.of(), ConfigChoice.recommender(NumericMapping.class))
            .define(DB_TIMEZONE_CONFIG, Type.STRING, "UTC", new ZoneValidator(), Importance.MEDIUM,
                DB_TIMEZONE_DOC, GROUP, ++order, Width.SHORT, "Database time zone")
            .define(UNSUPPORTED_ACTION_CONFIG, Type.STRING, UnsupportedColumnAction.FAIL.configValue(),
                ConfigChoice.validator(UnsupportedColumnAction.class), Importance.LOW, UNSUPPORTED_ACTION_DOC,
                GROUP, ++order, Width.SHORT, "Unsupported types", List.of(),
                ConfigChoice.recommender(UnsupportedColumnAction.class));
    }

    /** key.mode=columns needs its columns; a custom query has no primary key to key by. */
    List<Problem> problems(boolean queryMode) {
        List<Problem> problems = new ArrayList<>();
        if (keyMode == KeyMode.COLUMNS && keyColumns.isEmpty()) {
            problems.add(new Problem(KEY_COLUMNS_CONFIG,
                "key.mode=columns needs key.columns, or choose key.mode=pk or none."));
        }
        if (queryMode && keyMode == KeyMode.PK) {
            problems.add(new Problem(KEY_MODE_CONFIG,
                "A custom query has no primary key: set key.mode=columns with key.columns, or key.mode=none."));
        }
        return problems;
    }

    /** The entries of a column list, trimmed, without empty ones. */
    static List<String> columns(List<String> entries) {
        return entries.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The topic a table's rows go to.
     *
     * @throws ConnectException naming the table if its name would make an internal topic's: table names are the
     *     catalog's, which whoever may create tables chooses
     */
    public String topic(TableId table) {
        String topic = tableNaming.topic(topicPrefix, table);
        TopicNames.refusalForTable(topic).ifPresent(why -> {
            throw new ConnectException("Table " + table.qualified() + " would go to the topic '"
                + SafeText.oneLine(topic, 80) + "', but " + why + ": set " + TOPIC_PREFIX_CONFIG + " or "
                + TABLE_NAMING_CONFIG + ", read it through a custom 'query' with 'query.topic', or leave it out with"
                + " table.exclude.list");
        });
        return topic;
    }

    /** The value and key schema names of a table's records. */
    public SchemaNames schemaNames(TableId table) {
        return tableNaming.schemaNames(table);
    }

    public KeyMode keyMode() {
        return keyMode;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    public NumericMapping numericMapping() {
        return numericMapping;
    }

    public ZoneId dbZone() {
        return dbZone;
    }

    public boolean skipUnsupportedColumns() {
        return unsupportedAction == UnsupportedColumnAction.SKIP;
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
