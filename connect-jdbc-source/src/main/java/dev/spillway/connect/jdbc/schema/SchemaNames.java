package dev.spillway.connect.jdbc.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Connect schema names of one table or query: a value name made of dot-separated segments (database schema
 * and table, or the query topic's dot-separated parts) and the key name, the value name plus {@code .Key}.
 *
 * <p>Avro converters turn a Connect name into an Avro full name, whose every segment must match
 * {@code [A-Za-z_][A-Za-z0-9_]*} and must not be a primitive type name. A segment that already does is kept as it
 * is, so ordinary tables keep their plain names; any other segment is rewritten: each character outside
 * {@code [A-Za-z0-9_]} becomes {@code _}, a leading digit (or an empty segment) gets a {@code _} in front, and
 * {@code _} plus the first 8 hex digits of the SHA-256 of the original segment (UTF-8) is appended. The result
 * depends on the segment alone, so a table always gets the same name, and the hash keeps apart names that differ
 * only in the characters replaced ({@code order-lines}, {@code order lines}, {@code order.lines}).
 */
public final class SchemaNames {

    /** Appended to the value name to name the key struct. */
    public static final String KEY_SUFFIX = ".Key";

    private static final Pattern LEGAL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Avro: primitive type names may not be defined in any namespace. */
    private static final Set<String> RESERVED = Set.of("null", "boolean", "int", "long", "float", "double", "bytes",
        "string");
    private static final int HASH_HEX_DIGITS = 8;

    private final String valueName;

    private SchemaNames(String valueName) {
        this.valueName = valueName;
    }

    /** The names for a table; {@code schema} is null where the database has no schemas. */
    public static SchemaNames forTable(String schema, String table) {
        Objects.requireNonNull(table, "table");
        return schema == null ? of(List.of(table)) : of(List.of(schema, table));
    }

    /** The names for a query, from its topic: each dot-separated part is a segment. */
    public static SchemaNames forQueryTopic(String topic) {
        return of(List.of(topic.split("\\.", -1)));
    }

    private static SchemaNames of(List<String> rawSegments) {
        List<String> segments = new ArrayList<>(rawSegments.size());
        for (String raw : rawSegments) {
            segments.add(segment(raw));
        }
        return new SchemaNames(String.join(".", segments));
    }

    /** One segment as a legal Avro name: unchanged when it already is one. */
    static String segment(String raw) {
        if (LEGAL.matcher(raw).matches() && !RESERVED.contains(raw)) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length() + HASH_HEX_DIGITS + 2);
        if (raw.isEmpty() || !isLegalStart(raw.codePointAt(0))) {
            out.append('_');
        }
        raw.codePoints().forEach(c -> out.append(isLegalPart(c) ? (char) c : '_'));
        return out.append('_').append(hash(raw)).toString();
    }

    private static boolean isLegalStart(int c) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isLegalPart(int c) {
        return isLegalStart(c) || (c >= '0' && c <= '9');
    }

    private static String hash(String raw) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The value struct's name. */
    public String valueName() {
        return valueName;
    }

    /** The key struct's name. */
    public String keyName() {
        return valueName + KEY_SUFFIX;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SchemaNames other && valueName.equals(other.valueName);
    }

    @Override
    public int hashCode() {
        return valueName.hashCode();
    }

    @Override
    public String toString() {
        return valueName;
    }
}
