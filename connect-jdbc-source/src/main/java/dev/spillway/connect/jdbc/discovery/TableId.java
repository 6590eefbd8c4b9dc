package dev.spillway.connect.jdbc.discovery;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A table as the catalog names it: a schema (a database on MariaDB/MySQL) and a name, both unquoted. Matching and
 * topic names use {@link #qualified()} ({@code schema.table}); SQL only ever sees the dialect's quoted form.
 */
public record TableId(String schema, String name) implements Comparable<TableId> {

    public TableId {
        Objects.requireNonNull(name, "name");
    }

    /** {@code schema.table}, or just {@code table} where the database has no schemas. */
    public String qualified() {
        return schema == null ? name : schema + "." + name;
    }

    /**
     * A form that survives a comma-separated task config list: each part percent-encoded (so commas, dots and
     * percent signs inside names cannot be confused with separators), joined by a dot.
     */
    public String encode() {
        return (schema == null ? "" : encodePart(schema)) + "." + encodePart(name);
    }

    public static TableId decode(String encoded) {
        int dot = encoded.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("not an encoded table id: " + encoded);
        }
        String schema = encoded.substring(0, dot);
        return new TableId(schema.isEmpty() ? null : decodePart(schema), decodePart(encoded.substring(dot + 1)));
    }

    private static String encodePart(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace(".", "%2E");
    }

    private static String decodePart(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    @Override
    public int compareTo(TableId other) {
        return qualified().compareTo(other.qualified());
    }

    @Override
    public String toString() {
        return qualified();
    }
}
