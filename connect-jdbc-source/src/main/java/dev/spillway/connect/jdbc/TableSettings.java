package dev.spillway.connect.jdbc;

import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.jdbc.discovery.TableFilter;
import dev.spillway.connect.jdbc.discovery.TableType;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What is read: the tables matched in the catalog (and how often the catalog is checked again), or one custom
 * query. The readable tables are listed as recommended values of table.include.list by
 * {@code JdbcSourceConnector.validate()}, which connects anyway; no recommender here opens a connection.
 */
public final class TableSettings {

    private static final String GROUP = "Tables";

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

    private final List<String> include;
    private final List<String> exclude;
    private final Set<TableType> tableTypes;
    private final Duration tablePollInterval;
    private final String query;
    private final String queryTopic;

    TableSettings(AbstractConfig config) {
        this.include = config.getList(TABLE_INCLUDE_CONFIG);
        this.exclude = config.getList(TABLE_EXCLUDE_CONFIG);
        Set<TableType> types = EnumSet.noneOf(TableType.class);
        config.getList(TABLE_TYPES_CONFIG).forEach(t -> types.add(TableType.parse(t)));
        this.tableTypes = types;
        this.tablePollInterval = Duration.ofMillis(config.getLong(TABLE_POLL_INTERVAL_CONFIG));
        this.query = config.getString(QUERY_CONFIG);
        this.queryTopic = config.getString(QUERY_TOPIC_CONFIG).trim();
    }

    /** Adds this concern's keys to the connector's ConfigDef. */
    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def.define(TABLE_INCLUDE_CONFIG, Type.LIST, List.of(), new RegexList(), Importance.HIGH,
                TABLE_INCLUDE_DOC, GROUP, ++order, Width.LONG, "Tables to read")
            .define(TABLE_EXCLUDE_CONFIG, Type.LIST, List.of(), new RegexList(), Importance.MEDIUM,
                TABLE_EXCLUDE_DOC, GROUP, ++order, Width.LONG, "Tables to leave out")
            .define(TABLE_TYPES_CONFIG, Type.LIST, List.of("TABLE"), new TableTypes(), Importance.LOW,
                TABLE_TYPES_DOC, GROUP, ++order, Width.SHORT, "Table types", List.of(),
                ConfigChoice.recommender(TableType.class))
            .define(TABLE_POLL_INTERVAL_CONFIG, Type.LONG, TABLE_POLL_INTERVAL_DEFAULT, Range.atLeast(0),
                Importance.LOW, TABLE_POLL_INTERVAL_DOC, GROUP, ++order, Width.SHORT, "Table re-check")
            .define(QUERY_CONFIG, Type.STRING, "", Importance.MEDIUM, QUERY_DOC, GROUP, ++order, Width.LONG,
                "Custom query")
            .define(QUERY_TOPIC_CONFIG, Type.STRING, "", Importance.MEDIUM, QUERY_TOPIC_DOC, GROUP, ++order,
                Width.MEDIUM, "Query topic");
    }

    /** Tables or a query, not both and not neither; a query needs its topic. */
    List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (isQueryMode() == !include.isEmpty()) {
            problems.add(new Problem(TABLE_INCLUDE_CONFIG,
                "Set exactly one of table.include.list (tables to read) and query (one custom SELECT)."));
        }
        if (isQueryMode() && queryTopic.isEmpty()) {
            problems.add(new Problem(QUERY_TOPIC_CONFIG,
                "With 'query' set, query.topic must name the topic its rows go to."));
        }
        return problems;
    }

    public boolean isQueryMode() {
        return !query.isBlank();
    }

    public String query() {
        return query;
    }

    public String queryTopic() {
        return queryTopic;
    }

    /** table.include.list as written, for messages. */
    public List<String> includeList() {
        return include;
    }

    public TableFilter tableFilter() {
        return new TableFilter(patterns(include), patterns(exclude), tableTypes());
    }

    public Set<TableType> tableTypes() {
        return EnumSet.copyOf(tableTypes);
    }

    public Duration tablePollInterval() {
        return tablePollInterval;
    }

    private static List<Pattern> patterns(List<String> entries) {
        return entries.stream().map(String::trim).filter(s -> !s.isEmpty()).map(Pattern::compile).toList();
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
}
