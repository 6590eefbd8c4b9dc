package dev.spillway.migrate;

import dev.spillway.connect.jdbc.ConnectionSettings;
import dev.spillway.connect.jdbc.HorizonSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps a Confluent JDBC source connector's config to Spillway's, or an Aiven one's (a fork of an older Confluent
 * release: the same keys, less a few of the newer ones, plus those listed as Aiven's below). Every key of the old config is either carried
 * over (same meaning), translated, passed through (a worker key, not the connector's), or listed as unmapped with
 * the reason, so nothing is dropped silently.
 */
final class ConfluentConfig {

    static final String CONFLUENT_CLASS = OldConnector.CONFLUENT.className;
    static final String AIVEN_CLASS = OldConnector.AIVEN.className;
    static final String SPILLWAY_CLASS = "dev.spillway.connect.jdbc.JdbcSourceConnector";

    /** Keys whose meaning is the same in both connectors. */
    private static final Set<String> SAME = Set.of("connection.url", "connection.user", "connection.password",
        "mode", "incrementing.column.name", "timestamp.column.name", "batch.max.rows", "poll.interval.ms",
        "table.poll.interval.ms", "db.timezone", "tasks.max");

    /** Keys the worker reads, not the connector: passed through unchanged (prefixes and whole names). */
    private static final List<String> WORKER_PREFIXES = List.of("key.converter", "value.converter",
        "header.converter", "transforms", "predicates", "errors.", "producer.override.", "consumer.override.",
        "admin.override.", "config.action.reload", "topic.creation.", "exactly.once.support",
        "transaction.boundary", "offsets.storage.topic");

    private static final Pattern REGEX_SPECIAL = Pattern.compile("([\\\\.\\[\\]{}()*+?^$|])");

    /** Keys with no Spillway counterpart, and why that is safe or what to do instead. */
    private static final Map<String, String> UNMAPPED = Map.ofEntries(
        Map.entry("connection.attempts", "Spillway retries transient errors without a limit, backing off up to"
            + " connection.backoff.max.ms; errors retrying cannot fix fail the task at once"),
        Map.entry("catalog.pattern", "tables are chosen by table.include.list regexes over schema.table names"),
        Map.entry("schema.pattern", "folded into table.include.list (each table is listed with its schema)"),
        Map.entry("dialect.name", "the dialect follows the connection.url prefix"),
        Map.entry("quote.sql.identifiers", "Spillway always quotes identifiers"),
        Map.entry("validate.non.null", "Spillway reads the nullability from the catalog and needs no check"),
        Map.entry("transaction.isolation.mode", "Spillway reads in read-only sessions at the database's default"
            + " isolation"),
        Map.entry("query.suffix", "no counterpart: put the condition into 'query' instead"),
        Map.entry("incrementing.relaxed.monotonic", "Spillway needs a strictly increasing column"),
        Map.entry("query.retry.attempts", "Spillway retries transient errors without a limit"),
        Map.entry("numeric.precision.mapping", "deprecated in Confluent; see numeric.mapping"),
        Map.entry("table.monitoring.startup.polling.limit.ms", "Spillway lists the tables at start itself"),
        // Aiven's own keys.
        Map.entry("sql.quote.identifiers", "Spillway always quotes identifiers"),
        Map.entry("table.names.qualify", "Spillway always qualifies table names with their schema"),
        Map.entry("incrementing.initial", "a table without a stored offset is read from its first row"
            + " (incrementing.initial=earliest); Aiven's default -1 skipped ids of -1 and below, another value is"
            + " refused for such a table"),
        Map.entry("timestamp.initial.ms", "a table without a stored offset is read from its first row"
            + " (timestamp.initial=earliest); Aiven's default 0 skipped timestamps up to 1970-01-01, another value"
            + " is refused for such a table"));

    /** The mapped config and the keys left behind, each with why. */
    record Result(Map<String, String> config, Map<String, String> unmapped) {
    }

    private ConfluentConfig() {
    }

    static Result map(Map<String, String> old, String newName, String defaultSchema) {
        OldConnector.of(old.get("connector.class"));
        Map<String, String> config = new LinkedHashMap<>();
        Map<String, String> unmapped = new LinkedHashMap<>();
        config.put("connector.class", SPILLWAY_CLASS);
        config.put("name", newName);
        // Confluent's and Aiven's output: topic = prefix + bare table name, value schema named after the table, no key.
        config.put("table.naming", "table");
        config.put("key.mode", "none");
        String query = old.getOrDefault("query", "");
        for (Map.Entry<String, String> e : old.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key.equals("connector.class") || key.equals("name")) {
                continue;
            }
            if (SAME.contains(key)) {
                config.put(key, value);
            } else if (WORKER_PREFIXES.stream().anyMatch(key::startsWith)) {
                config.put(key, value);
            } else if (key.equals("topic.prefix")) {
                config.put(query.isBlank() ? "topic.prefix" : "query.topic", value);
            } else if (key.equals("query")) {
                if (!value.isBlank()) {
                    config.put("query", value);
                }
            } else if (key.equals("table.whitelist") || key.equals("table.include.list")) {
                putTables(config, "table.include.list", value, defaultSchema, key);
            } else if (key.equals("table.blacklist") || key.equals("table.exclude.list")) {
                putTables(config, "table.exclude.list", value, defaultSchema, key);
            } else if (key.equals("table.types")) {
                config.put("table.types", value);
            } else if (key.equals("numeric.mapping")) {
                config.put("numeric.mapping", value);
            } else if (key.equals("connection.backoff.ms")) {
                putBackoff(config, unmapped, value);
            } else if (key.equals("timestamp.delay.interval.ms")) {
                putDelay(config, unmapped, value, old.getOrDefault("mode", ""));
            } else if (key.equals("timestamp.granularity")) {
                putTimePrecision(config, unmapped, value);
            } else if (key.equals("timestamp.initial")) {
                if ("-1".equals(value.trim())) {
                    config.put("timestamp.initial", "now");
                } else {
                    unmapped.put(key, "only -1 (now) has a counterpart; the carried-over offsets decide where the"
                        + " new connector starts");
                }
            } else if (UNMAPPED.containsKey(key)) {
                unmapped.put(key, UNMAPPED.get(key));
            } else {
                unmapped.put(key, "not a key Spillway knows");
            }
        }
        if (query.isBlank() && !config.containsKey("table.include.list")) {
            throw new MigrationRefused("the old connector reads every table (no table.whitelist): list its tables"
                + " in table.whitelist first, or migrate by hand with table.include.list");
        }
        return new Result(config, unmapped);
    }

    /**
     * Confluent's {@code connection.backoff.ms} is the fixed wait between attempts to open a connection (in ms);
     * Spillway's, under the same name and unit, is the first wait after a transient error, doubling up to
     * {@code connection.backoff.max.ms}. So the first wait stays the same and later ones are longer. A value above
     * Spillway's default ceiling raises the ceiling to it (Spillway refuses a ceiling below the first wait), so the
     * waits stay the old connector's, fixed.
     */
    private static void putBackoff(Map<String, String> config, Map<String, String> unmapped, String value) {
        long ms;
        try {
            ms = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            ms = -1;
        }
        if (ms < 0) {
            unmapped.put("connection.backoff.ms", "'" + value + "' is not a number of milliseconds of 0 or more;"
                + " Spillway's default applies");
            return;
        }
        config.put("connection.backoff.ms", Long.toString(ms));
        if (ms > ConnectionSettings.BACKOFF_MAX_DEFAULT) {
            config.put("connection.backoff.max.ms", Long.toString(ms));
        }
    }

    /**
     * Confluent's {@code timestamp.delay.interval.ms} N reads, in its timestamp modes, only rows older than the
     * database's now minus N: a guess that loses the rows of transactions open longer. Spillway's default,
     * {@code horizon.mode=auto}, bounds reads by the oldest transaction still open instead, and only without the
     * privilege to see it falls back to now minus {@code horizon.delay.ms}, the same bound as Confluent's. The
     * horizon mode is left at auto ({@code delay} would be Confluent's guess alone); the fallback delay becomes N
     * when N is longer than Spillway's default, so neither bound is ever closer to now than the old one.
     */
    private static void putDelay(Map<String, String> config, Map<String, String> unmapped, String value,
                                 String mode) {
        String key = "timestamp.delay.interval.ms";
        long ms;
        try {
            ms = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            unmapped.put(key, "'" + value + "' is not a number of milliseconds; Spillway bounds reads by the oldest"
                + " open transaction (horizon.mode=auto)");
            return;
        }
        if (!mode.startsWith("timestamp")) {
            unmapped.put(key, "Confluent reads it only in the timestamp modes, not in mode=" + mode + "; Spillway"
                + " bounds reads by the oldest open transaction (horizon.mode=auto)");
        } else if (ms > HorizonSettings.HORIZON_DELAY_DEFAULT) {
            config.put(HorizonSettings.HORIZON_DELAY_CONFIG, Long.toString(ms));
        } else {
            unmapped.put(key, "Spillway bounds reads by the oldest open transaction (horizon.mode=auto); without"
                + " the privilege to see it, by horizon.delay.ms, whose default "
                + HorizonSettings.HORIZON_DELAY_DEFAULT + " is already at least " + ms);
        }
    }

    /**
     * Confluent's {@code timestamp.granularity}: {@code connect_logical} (its default) sends TIMESTAMP columns as
     * Connect's Timestamp, as Spillway's {@code time.precision.mode=connect} (its default) does. Its other values
     * send unnamed INT64 or string nanoseconds (or microseconds) for TIMESTAMP columns only; Spillway's nearest
     * modes also change TIME (and, with {@code string}, DATE) columns and name their schemas, so none is chosen
     * for the user.
     */
    private static void putTimePrecision(Map<String, String> config, Map<String, String> unmapped, String value) {
        if ("connect_logical".equals(value.trim().toLowerCase(Locale.ROOT))) {
            config.put("time.precision.mode", "connect");
        } else {
            unmapped.put("timestamp.granularity", "no exact counterpart for '" + value + "': Spillway's"
                + " time.precision.mode=nanoseconds, microseconds or string are the nearest, but they also change"
                + " TIME columns (string: DATE too) and name their schemas dev.spillway.time.*; the new connector"
                + " sends Connect Timestamps (time.precision.mode=connect) unless you choose one");
        }
    }

    /** Confluent lists exact names (table or schema.table); Spillway matches regexes over schema.table. */
    private static void putTables(Map<String, String> config, String target, String names, String schema,
                                  String key) {
        List<String> patterns = new ArrayList<>();
        for (String raw : names.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!name.contains(".")) {
                if (schema == null || schema.isBlank()) {
                    throw new MigrationRefused(key + " names '" + name + "' without its schema: give --schema");
                }
                name = schema + "." + name;
            }
            patterns.add(REGEX_SPECIAL.matcher(name).replaceAll("\\\\$1"));
        }
        if (!patterns.isEmpty()) {
            config.put(target, String.join(",", patterns));
        }
    }
}
