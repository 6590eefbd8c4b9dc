package dev.spillway.connect.jdbc.offset;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The source partition of one table ({@code {"table": "schema.table"}}), of one key range of a table being
 * snapshotted in parallel ({@code {"table": "schema.table", "range": "3"}}) or of the custom query
 * ({@code {"query": <query.topic>}}). Renaming either starts it over: its stored offset belongs to the old name.
 */
public record SourcePartition(Kind kind, String name, Integer range) {

    static final String RANGE_KEY = "range";

    /** What the partition reads. */
    public enum Kind {
        TABLE("table"), QUERY("query");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public SourcePartition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (range != null && (kind != Kind.TABLE || range < 0)) {
            throw new IllegalArgumentException("only a table has key ranges, numbered from 0: " + kind + " " + range);
        }
    }

    public SourcePartition(Kind kind, String name) {
        this(kind, name, null);
    }

    public static SourcePartition table(String qualifiedName) {
        return new SourcePartition(Kind.TABLE, qualifiedName, null);
    }

    /** Key range {@code index} of a table snapshotted in parallel. */
    public static SourcePartition range(String qualifiedName, int index) {
        return new SourcePartition(Kind.TABLE, qualifiedName, index);
    }

    public static SourcePartition query(String name) {
        return new SourcePartition(Kind.QUERY, name, null);
    }

    /**
     * The worker finds an offset by the partition's JSON bytes, and when it lists or resets offsets it rebuilds
     * the partition from JSON into a {@code HashMap}: so the keys must come in {@code HashMap} order, the same in
     * every JVM ({@code Map.of} with two entries iterates in an order that changes from one JVM to the next).
     */
    public Map<String, String> toMap() {
        if (range == null) {
            return Map.of(kind.key(), name);
        }
        Map<String, String> map = new HashMap<>();
        map.put(kind.key(), name);
        map.put(RANGE_KEY, range.toString());
        return Collections.unmodifiableMap(map);
    }

    public static SourcePartition fromMap(Map<String, ?> map) {
        if (map != null && map.size() == 1) {
            for (Kind kind : Kind.values()) {
                Object name = map.get(kind.key());
                if (name instanceof String s) {
                    return new SourcePartition(kind, s, null);
                }
            }
        }
        if (map != null && map.size() == 2 && map.get(Kind.TABLE.key()) instanceof String table
            && map.get(RANGE_KEY) instanceof String range) {
            try {
                int index = Integer.parseInt(range);
                if (index >= 0) {
                    return new SourcePartition(Kind.TABLE, table, index);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("not a JDBC source partition (expected {\"table\": ...},"
            + " {\"table\": ..., \"range\": \"<n>\"} or {\"query\": ...}): " + map);
    }
}
