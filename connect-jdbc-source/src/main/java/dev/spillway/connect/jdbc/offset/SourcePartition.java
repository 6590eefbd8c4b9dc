package dev.spillway.connect.jdbc.offset;

import java.util.Map;
import java.util.Objects;

/**
 * The source partition of one table ({@code {"table": "schema.table"}}) or of the custom query
 * ({@code {"query": <query.topic>}}). Renaming either starts it over: its stored offset belongs to the old name.
 */
public record SourcePartition(Kind kind, String name) {

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
    }

    public static SourcePartition table(String qualifiedName) {
        return new SourcePartition(Kind.TABLE, qualifiedName);
    }

    public static SourcePartition query(String name) {
        return new SourcePartition(Kind.QUERY, name);
    }

    public Map<String, String> toMap() {
        return Map.of(kind.key(), name);
    }

    public static SourcePartition fromMap(Map<String, ?> map) {
        if (map != null && map.size() == 1) {
            for (Kind kind : Kind.values()) {
                Object name = map.get(kind.key());
                if (name instanceof String s) {
                    return new SourcePartition(kind, s);
                }
            }
        }
        throw new IllegalArgumentException("not a JDBC source partition (expected {\"table\": ...} or"
            + " {\"query\": ...}): " + map);
    }
}
