package dev.spillway.migrate;

import dev.spillway.connect.jdbc.offset.SourceOffset;
import dev.spillway.connect.jdbc.offset.SourcePartition;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates the offsets Confluent's JDBC source stored into Spillway's partitions and offsets.
 *
 * <p>Confluent's shapes (learnt from its public source, not copied): a table partition is
 * {@code {"protocol": "1", "table": "<catalog>.<schema>.<table>"}} (absent parts left out) or, written by releases
 * before protocol 1, {@code {"table": "<table>"}}; the custom query's is {@code {"query": "query"}}. An offset holds
 * {@code incrementing} (the last id) and/or {@code timestamp} (epoch milliseconds) with {@code timestamp_nanos}
 * (the nanoseconds within that second), all of the last row emitted. Its timestamp+incrementing and incrementing
 * modes resume strictly after that row, exactly as Spillway's do, so those carry over without a row lost or
 * repeated. Its timestamp mode resumes after the last timestamp even when the batch ended inside a group of equal
 * timestamps, which Spillway never does: that offset is refused rather than silently made exact-looking.
 */
final class ConfluentOffsets {

    static final String PROTOCOL_KEY = "protocol";
    static final String TABLE_KEY = "table";
    static final String QUERY_KEY = "query";
    static final String INCREMENTING_KEY = "incrementing";
    static final String TIMESTAMP_KEY = "timestamp";
    static final String TIMESTAMP_NANOS_KEY = "timestamp_nanos";

    /** How Spillway stores a timestamp column's position: see TimestampKind in the JDBC source. */
    enum TimestampColumn { LOCAL, ZONED }

    /** What the translation needs to know besides the offsets. */
    record Context(String mode, SourceDatabase database, String defaultSchema, String queryTopic, ZoneId dbZone,
                   TimestampColumn timestampColumn) {
    }

    /** One stored offset of the old connector. */
    record Entry(Map<String, ?> partition, Map<String, ?> offset) {
    }

    private ConfluentOffsets() {
    }

    /**
     * Spillway's offsets for the old connector's, keyed by partition. A protocol-1 partition wins over a protocol-0
     * one of the same table, as it does in Confluent's own connector (which reads the newer one first).
     */
    static Map<SourcePartition, SourceOffset> translate(List<Entry> entries, Context context) {
        Map<SourcePartition, SourceOffset> result = new LinkedHashMap<>();
        Map<SourcePartition, Boolean> fromProtocol1 = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (entry.offset() == null) {
                continue; // a reset (tombstone): nothing to carry over
            }
            SourcePartition partition = partition(entry.partition(), context);
            SourceOffset offset = offset(entry.offset(), context, partition);
            if (offset == null) {
                continue;
            }
            boolean protocol1 = entry.partition().get(PROTOCOL_KEY) != null;
            Boolean seen = fromProtocol1.get(partition);
            if (seen == null || (!seen && protocol1)) {
                result.put(partition, offset);
                fromProtocol1.put(partition, protocol1);
            } else if (seen == protocol1) {
                throw new MigrationRefused("two stored offsets of the old connector map to the same Spillway"
                    + " partition " + partition.toMap() + ": " + entry.partition());
            }
        }
        return result;
    }

    static SourcePartition partition(Map<String, ?> partition, Context context) {
        if (partition == null) {
            throw new MigrationRefused("the old connector has an offset without a partition");
        }
        Object query = partition.get(QUERY_KEY);
        if (query != null) {
            if (context.queryTopic() == null || context.queryTopic().isBlank()) {
                throw new MigrationRefused("the old connector has a query offset but no query: " + partition);
            }
            return SourcePartition.query(context.queryTopic());
        }
        Object table = partition.get(TABLE_KEY);
        if (!(table instanceof String name) || name.isBlank()) {
            throw new MigrationRefused("not a Confluent JDBC source partition (no 'table' or 'query'): " + partition);
        }
        Object protocol = partition.get(PROTOCOL_KEY);
        if (protocol == null) {
            return protocol0Table(name, context);
        }
        if (!"1".equals(protocol.toString())) {
            throw new MigrationRefused("unknown Confluent offset protocol " + protocol + " in " + partition);
        }
        String[] parts = name.split("\\.", -1);
        int expected = context.database().confluentParts;
        if (parts.length != expected) {
            throw new MigrationRefused("the table name '" + name + "' should have " + expected + " dot-separated"
                + " parts on " + context.database() + "; a name that itself contains a dot cannot be split safely");
        }
        return SourcePartition.table(parts[expected - 2] + "." + parts[expected - 1]);
    }

    /** Releases before protocol 1 stored the bare table name: the schema (or database) comes from elsewhere. */
    private static SourcePartition protocol0Table(String name, Context context) {
        if (context.defaultSchema() == null || context.defaultSchema().isBlank()) {
            throw new MigrationRefused("the old connector stored the bare table name '" + name + "' (offset"
                + " protocol 0): give its schema with --schema (on MariaDB/MySQL the database in the URL is used)");
        }
        return SourcePartition.table(context.defaultSchema() + "." + name);
    }

    static SourceOffset offset(Map<String, ?> offset, Context context, SourcePartition partition) {
        String mode = context.mode();
        switch (mode) {
            case "bulk":
                return null; // bulk keeps no position: the new connector starts its next snapshot anyway
            case "incrementing":
                return new SourceOffset(null, incrementing(offset, partition), 0);
            case "timestamp+incrementing":
                return new SourceOffset(timestamp(offset, context, partition), incrementing(offset, partition), 0);
            case "timestamp":
                throw new MigrationRefused("mode=timestamp cannot be carried over exactly: Confluent's offset is the"
                    + " last timestamp emitted, even when a batch ended inside a group of rows sharing it, and the"
                    + " rest of that group would be skipped. Switch the old connector to timestamp+incrementing first,"
                    + " or start the new connector without offsets (timestamp.initial)");
            default:
                throw new MigrationRefused("unknown mode '" + mode + "' in the old connector's config");
        }
    }

    private static BigDecimal incrementing(Map<String, ?> offset, SourcePartition partition) {
        Object value = offset.get(INCREMENTING_KEY);
        if (value == null) {
            throw new MigrationRefused("the offset of " + partition.name() + " has no '" + INCREMENTING_KEY
                + "' (was the old connector's mode changed?): " + offset);
        }
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            throw new MigrationRefused("the '" + INCREMENTING_KEY + "' of " + partition.name()
                + " is not a number: " + value);
        }
    }

    private static String timestamp(Map<String, ?> offset, Context context, SourcePartition partition) {
        if (!(offset.get(TIMESTAMP_KEY) instanceof Number millis)) {
            throw new MigrationRefused("the offset of " + partition.name() + " has no numeric '" + TIMESTAMP_KEY
                + "': " + offset);
        }
        long ms = millis.longValue();
        Object nanosValue = offset.get(TIMESTAMP_NANOS_KEY);
        long nanos;
        if (nanosValue == null) {
            nanos = Math.floorMod(ms, 1000L) * 1_000_000L; // older releases kept milliseconds only
        } else if (nanosValue instanceof Number n && n.longValue() >= 0 && n.longValue() < 1_000_000_000L) {
            nanos = n.longValue();
        } else {
            throw new MigrationRefused("the '" + TIMESTAMP_NANOS_KEY + "' of " + partition.name()
                + " is not a nanosecond of a second: " + nanosValue);
        }
        // Confluent rebuilds its java.sql.Timestamp from the whole seconds of 'timestamp' and these nanos.
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(ms, 1000L), nanos);
        if (context.timestampColumn() == null) {
            throw new MigrationRefused("a timestamp offset needs to know whether " + partition.name() + "'s"
                + " timestamp column has a time zone: give --timestamp-column local (timestamp without time zone,"
                + " DATETIME, MariaDB TIMESTAMP) or zoned (PostgreSQL timestamptz)");
        }
        // A column without a zone was read by Confluent as a wall-clock time in db.timezone (default UTC).
        return context.timestampColumn() == TimestampColumn.ZONED ? instant.toString()
            : LocalDateTime.ofInstant(instant, context.dbZone()).toString();
    }
}
