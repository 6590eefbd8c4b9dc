package dev.spillway.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.connect.jdbc.offset.SourceOffset;
import dev.spillway.connect.jdbc.offset.SourcePartition;
import dev.spillway.connect.jdbc.security.Redactor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code spillway-migrate jdbc}: Confluent's or Aiven's JDBC source to Spillway's, without re-reading. The old connector
 * must be stopped, so its offsets no longer move; the new one is created stopped (KIP-980; Spillway needs Kafka
 * Connect 3.9+ anyway), gets the translated offsets, and only then runs.
 */
@Command(name = "jdbc", mixinStandardHelpOptions = true, versionProvider = SpillwayMigrate.Version.class,
        description = "Create a Spillway JDBC source from a stopped Confluent or Aiven JDBC source connector, with its"
            + " offsets carried over, so it continues at the next row.")
final class JdbcCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--connect-url", required = true, description = "The Connect worker's REST URL.")
    String connectUrl;

    @Option(names = "--from", required = true, description = "The Confluent or Aiven JDBC source connector"
        + " (stopped).")
    String from;

    @Option(names = "--to", required = true, description = "The name of the new Spillway connector.")
    String to;

    @Option(names = "--schema", description = "The PostgreSQL schema of tables the old config or offsets name"
        + " without one (default: a literal schema.pattern; on MariaDB/MySQL the URL's database).")
    String schema;

    @Option(names = "--timestamp-column", description = "Whether the timestamp column has a time zone: local"
        + " (timestamp without time zone, DATETIME, MariaDB TIMESTAMP; the default on MariaDB/MySQL) or zoned"
        + " (PostgreSQL timestamptz). Needed for timestamp offsets on PostgreSQL.")
    ConfluentOffsets.TimestampColumn timestampColumn;

    @Option(names = "--dry-run", description = "Print both configs and both offsets; change nothing.")
    boolean dryRun;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        ConnectRest rest = new ConnectRest(connectUrl);
        Map<String, String> oldConfig = new LinkedHashMap<>();
        rest.get("/connectors/" + path(from) + "/config").fields()
            .forEachRemaining(e -> oldConfig.put(e.getKey(), e.getValue().asText()));
        String url = oldConfig.getOrDefault("connection.url", "");
        SourceDatabase database = SourceDatabase.of(url);
        String defaultSchema = defaultSchema(database, url, oldConfig);
        ConfluentConfig.Result mapped = ConfluentConfig.map(oldConfig, to, defaultSchema);
        OldConnector old = OldConnector.of(oldConfig.get("connector.class"));

        JsonNode oldOffsets = rest.get("/connectors/" + path(from) + "/offsets").path("offsets");
        List<ConfluentOffsets.Entry> entries = new ArrayList<>();
        for (JsonNode node : oldOffsets) {
            entries.add(new ConfluentOffsets.Entry(toMap(node.get("partition")), toMap(node.get("offset"))));
        }
        ConfluentOffsets.Context context = new ConfluentOffsets.Context(oldConfig.getOrDefault("mode", ""),
            database, defaultSchema, mapped.config().get("query.topic"), zone(oldConfig), timestampColumn(database));
        Map<SourcePartition, SourceOffset> translated = ConfluentOffsets.translate(entries, context);
        old.checkStartOfTablesWithoutOffset(oldConfig, tables(mapped, oldConfig, defaultSchema), translated.keySet());
        ObjectNode patch = patchBody(translated);

        if (dryRun) {
            out.println("# " + from + " (" + old.label + ") config");
            out.println(pretty(masked(oldConfig)));
            out.println("# " + to + " (Spillway) config");
            out.println(pretty(masked(mapped.config())));
            printUnmapped(out, mapped.unmapped());
            out.println("# " + from + " offsets");
            out.println(pretty(oldOffsets));
            out.println("# " + to + " offsets");
            out.println(pretty(patch));
            return;
        }
        String state = rest.get("/connectors/" + path(from) + "/status").path("connector").path("state").asText();
        if (!"STOPPED".equals(state)) {
            throw new MigrationRefused(from + " is " + state + ": stop it first (PUT /connectors/" + from
                + "/stop), so that its offsets no longer move");
        }
        requireSupportedWorker(rest.get("/").path("version").asText(""));
        if (rest.getIfExists("/connectors/" + path(to)) != null) {
            throw new MigrationRefused("a connector named " + to + " already exists: choose another --to");
        }
        ObjectNode create = ConnectRest.JSON.createObjectNode();
        create.put("name", to);
        create.set("config", ConnectRest.JSON.valueToTree(mapped.config()));
        create.put("initial_state", "STOPPED");
        rest.send("POST", "/connectors", create);
        printUnmapped(out, mapped.unmapped());
        try {
            if (!translated.isEmpty()) {
                rest.send("PATCH", "/connectors/" + path(to) + "/offsets", patch);
            }
        } catch (MigrationRefused e) {
            throw new MigrationRefused(e.getMessage() + ". " + to + " was created STOPPED without offsets: delete it"
                + " (DELETE /connectors/" + to + ") before trying again");
        }
        try {
            rest.send("PUT", "/connectors/" + path(to) + "/resume", null);
        } catch (MigrationRefused e) {
            throw new MigrationRefused(e.getMessage() + ". " + to + " has its offsets and is STOPPED: resume it with"
                + " PUT /connectors/" + to + "/resume");
        }
        out.println("created " + to + " with " + translated.size() + " offset(s) carried over from " + from
            + "; " + from + " is left stopped: delete it once " + to + " runs");
    }

    /** What the old connector reads: the query, or each table its whitelist names. */
    private static List<SourcePartition> tables(ConfluentConfig.Result mapped, Map<String, String> oldConfig,
                                                String defaultSchema) {
        String queryTopic = mapped.config().get("query.topic");
        if (mapped.config().containsKey("query")) {
            return queryTopic == null ? List.of() : List.of(SourcePartition.query(queryTopic));
        }
        String whitelist = oldConfig.getOrDefault("table.whitelist", oldConfig.getOrDefault("table.include.list", ""));
        return OldConnector.listedTables(whitelist, defaultSchema);
    }

    /**
     * Spillway's connectors need Kafka Connect 3.9 or later, which also has what the migration relies on: creating a
     * connector {@code STOPPED} (KIP-980, 3.7) and its offsets API (KIP-875, 3.5). An older worker would start the
     * new connector at once, reading from the beginning.
     */
    static void requireSupportedWorker(String version) {
        int[] kafka = kafkaVersion(version);
        if (kafka != null && (kafka[0] > 3 || (kafka[0] == 3 && kafka[1] >= 9))) {
            return;
        }
        String which = kafka != null && isConfluentPlatform(version)
            ? " (Confluent Platform, Apache Kafka " + kafka[0] + "." + kafka[1] + ")" : "";
        throw new MigrationRefused("the worker runs Kafka " + version + which + "; Spillway's connectors need Kafka"
            + " Connect 3.9 or later: upgrade the worker first");
    }

    /**
     * The Apache Kafka major and minor version of a worker's {@code GET /} version, or null if it cannot be read.
     * Confluent Platform workers report their own numbers ({@code 7.9.0-ccs}, {@code 8.0.0-ce}): 5.x ships Kafka
     * 2.x, 6.0 to 6.2 ship 2.6 to 2.8, 7.x ships 3.x and 8.x ships 4.x.
     */
    static int[] kafkaVersion(String version) {
        String[] parts = version.split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            if (!isConfluentPlatform(version)) {
                return new int[] {major, minor};
            }
            return switch (major) {
                case 5 -> new int[] {2, minor};
                case 6 -> new int[] {2, 6 + minor};
                case 7 -> new int[] {3, minor};
                default -> major >= 8 ? new int[] {major - 4, minor} : null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isConfluentPlatform(String version) {
        return version.endsWith("-ccs") || version.endsWith("-ce");
    }

    private String defaultSchema(SourceDatabase database, String url, Map<String, String> config) {
        if (schema != null) {
            return schema;
        }
        if (database == SourceDatabase.MARIADB) {
            return SourceDatabase.databaseOf(url);
        }
        String pattern = config.get("schema.pattern");
        return pattern != null && !pattern.isBlank() && !pattern.contains("%") ? pattern : null;
    }

    private ConfluentOffsets.TimestampColumn timestampColumn(SourceDatabase database) {
        if (timestampColumn != null) {
            return timestampColumn;
        }
        return database == SourceDatabase.MARIADB ? ConfluentOffsets.TimestampColumn.LOCAL : null;
    }

    private static ZoneId zone(Map<String, String> config) {
        String zone = config.getOrDefault("db.timezone", "UTC");
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new MigrationRefused("db.timezone '" + zone + "' is not a time zone");
        }
    }

    static ObjectNode patchBody(Map<SourcePartition, SourceOffset> translated) {
        ObjectNode body = ConnectRest.JSON.createObjectNode();
        ArrayNode offsets = body.putArray("offsets");
        translated.forEach((partition, offset) -> {
            ObjectNode entry = offsets.addObject();
            entry.set("partition", ConnectRest.JSON.valueToTree(partition.toMap()));
            entry.set("offset", ConnectRest.JSON.valueToTree(offset.toMap()));
        });
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode node) {
        return node == null || node.isNull() ? null : ConnectRest.JSON.convertValue(node, Map.class);
    }

    /** The password never reaches the terminal. */
    static Map<String, String> masked(Map<String, String> config) {
        Map<String, String> copy = new LinkedHashMap<>(config);
        // connection.url may carry the password too (?password=, user:password@).
        copy.replaceAll((k, v) -> k.toLowerCase(java.util.Locale.ROOT).contains("password") ? "[hidden]"
            : Redactor.text(v));
        return copy;
    }

    private static void printUnmapped(PrintWriter out, Map<String, String> unmapped) {
        unmapped.forEach((key, why) -> out.println("# not carried over: " + key + ": " + why));
    }

    private static String pretty(Object value) {
        try {
            return ConnectRest.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new MigrationRefused("cannot print " + e.getMessage());
        }
    }

    private static String path(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
