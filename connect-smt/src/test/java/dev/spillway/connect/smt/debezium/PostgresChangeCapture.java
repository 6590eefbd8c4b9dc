package dev.spillway.connect.smt.debezium;

import dev.spillway.testcluster.DatabaseServer;
import io.debezium.connector.postgresql.PostgresConnectorTask;
import org.apache.kafka.connect.source.SourceRecord;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Real change events from Debezium's PostgreSQL connector: its own {@link PostgresConnectorTask}, run in this JVM
 * the way a worker runs it (start, poll, stop, with no stored offsets), against a private PostgreSQL started with
 * {@code wal_level=logical}, decoding with {@code pgoutput}. Captures a snapshot, then inserts, updates, a primary
 * key change, deletes (each followed by its tombstone), updates with their old row (tables with replica identity
 * full) that null columns with defaults, a truncate, a logical decoding message, transaction metadata
 * and a table with many column types, including nulls in columns that have defaults.
 */
public final class PostgresChangeCapture {

    public static final String TOPIC_PREFIX = "dbz";

    private static final List<String> SCHEMA = List.of(
        "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
        "CREATE TABLE cdc_orders (id int PRIMARY KEY, name text NOT NULL, qty int DEFAULT 5,"
            + " status varchar(16) NOT NULL DEFAULT 'new', note text, shard text)",
        "ALTER TABLE cdc_orders REPLICA IDENTITY FULL",
        "CREATE TABLE cdc_types (id int PRIMARY KEY, c_smallint smallint, c_int integer, c_bigint bigint,"
            + " c_real real, c_double double precision, c_numeric numeric(12,3), c_numeric_var numeric,"
            + " c_bool boolean, c_text text, c_varchar varchar(20), c_char char(4), c_date date, c_time time,"
            + " c_timetz timetz, c_ts timestamp(6), c_tstz timestamptz, c_interval interval, c_bytea bytea,"
            + " c_uuid uuid, c_json json, c_jsonb jsonb, c_xml xml, c_inet inet, c_cidr cidr, c_macaddr macaddr,"
            + " c_int_arr int[], c_text_arr text[], c_money money, c_bit bit(3), c_varbit varbit(8), c_point point,"
            + " c_mood mood, c_tsrange tsrange, c_int_default int DEFAULT 42, c_text_default text DEFAULT 'dflt',"
            + " c_bool_default boolean NOT NULL DEFAULT true)",
        // Updates then carry their old row, from which Debezium's ExtractChangedRecordState lists the changed
        // and unchanged columns (drop.fields.header.name).
        "ALTER TABLE cdc_types REPLICA IDENTITY FULL",
        "CREATE TABLE cdc_log (msg text, at_shard text)",
        "ALTER TABLE cdc_log REPLICA IDENTITY FULL",
        "CREATE TABLE cdc_marker (id int PRIMARY KEY)");

    private static final String TYPES_ROW = "INSERT INTO cdc_types VALUES (%d, -32768, 2147483647,"
        + " -9223372036854775808, 1.5, -2.25e300, 123456789.125, 3.14159265358979323846, true, 'text ☃',"
        + " 'varchar', 'ch', '2024-02-29', '23:59:59.999999', '12:00:00+02', '2024-02-29 12:34:56.789012',"
        + " '2024-02-29 12:34:56.789+01', '1 year 2 months 3 days 04:05:06.5', '\\x00ff10',"
        + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": [1, 2]}', '{\"b\": {\"c\": null}}', '<x>1</x>',"
        + " '192.168.0.1', '10.0.0.0/8', '08:00:2b:01:02:03', '{1,2,NULL}', '{\"x\",\"y z\"}', 12.34, B'101',"
        + " B'1101', '(1.5,-2)', 'happy', '[2024-01-01,2024-02-01)', NULL, NULL, DEFAULT)";

    /** Written before the connector starts: read by its snapshot (op=r). */
    private static final List<String> BEFORE_START = List.of(
        "INSERT INTO cdc_orders VALUES (1, 'snap-one', 1, 'new', 'first', 'east'),"
            + " (2, 'snap-two', NULL, 'paid', NULL, 'west')",
        String.format(TYPES_ROW, 1),
        "INSERT INTO cdc_log VALUES ('snapshot log', 'east')");

    /** Written once the snapshot is read: streamed from the write-ahead log. */
    private static final List<String> AFTER_SNAPSHOT = List.of(
        "INSERT INTO cdc_orders VALUES (3, 'inserted', NULL, 'new', 'explicit null qty', 'east')",
        "INSERT INTO cdc_orders (id, name) VALUES (4, 'defaults')",
        "UPDATE cdc_orders SET name = 'updated', qty = 7, note = NULL WHERE id = 1",
        "UPDATE cdc_orders SET status = 'paid', qty = NULL, shard = NULL WHERE id = 4",
        "UPDATE cdc_orders SET id = 20 WHERE id = 2",
        "DELETE FROM cdc_orders WHERE id = 3",
        String.format(TYPES_ROW, 2),
        "INSERT INTO cdc_types (id) VALUES (3)",
        "UPDATE cdc_types SET c_text = 'changed', c_int_default = NULL WHERE id = 1",
        "DELETE FROM cdc_types WHERE id = 2",
        "INSERT INTO cdc_log VALUES ('streamed log', NULL)",
        "DELETE FROM cdc_log WHERE msg = 'snapshot log'",
        "SELECT pg_logical_emit_message(true, 'spillway', 'a transactional message')",
        "TRUNCATE cdc_log",
        "INSERT INTO cdc_marker VALUES (1)");

    private PostgresChangeCapture() {
    }

    /** Starts a private server, captures every change event described above, and removes the server. */
    public static List<SourceRecord> capture(Path logDir) throws Exception {
        try (DatabaseServer server = DatabaseServer.start(DatabaseServer.Kind.POSTGRESQL, logDir,
            List.of("-c", "wal_level=logical"))) {
            String url = server.jdbcUrl("postgres");
            TaskCapture.execute(url, server.user(), SCHEMA);
            TaskCapture.execute(url, server.user(), BEFORE_START);
            // Snapshot: 2 orders, 1 types row, 1 log row.
            return TaskCapture.run(new PostgresConnectorTask(), connectorConfig(server), 4,
                () -> TaskCapture.execute(url, server.user(), AFTER_SNAPSHOT));
        }
    }

    private static Map<String, String> connectorConfig(DatabaseServer server) {
        Map<String, String> config = new HashMap<>();
        config.put("name", "spillway-cdc-capture");
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("database.hostname", "127.0.0.1");
        config.put("database.port", Integer.toString(server.port()));
        config.put("database.user", server.user());
        config.put("database.password", "");
        config.put("database.dbname", "postgres");
        config.put("topic.prefix", TOPIC_PREFIX);
        config.put("plugin.name", "pgoutput");
        config.put("slot.name", "spillway_capture");
        config.put("slot.drop.on.stop", "true");
        config.put("publication.name", "spillway_capture");
        config.put("publication.autocreate.mode", "filtered");
        config.put("table.include.list", "public\\.cdc_.*");
        config.put("snapshot.mode", "initial");
        // Debezium skips truncates by default; capture them to see both transforms drop them.
        config.put("skipped.operations", "none");
        config.put("provide.transaction.metadata", "true");
        config.put("include.unknown.datatypes", "true");
        return config;
    }
}
