package dev.spillway.connect.jdbc.snapshot;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The values of a (possibly composite) key, one per key column, each a {@link BigDecimal} (integer and numeric
 * columns, bound as numbers so the key's index is used) or a {@link String} (text columns, compared in the
 * column's own collation by the database). Offsets may hold only primitive values, so a key is kept as one
 * string: each value percent-encoded, joined by commas.
 */
public record KeyValues(List<Object> values) {

    /** How the values of one key column are read, bound and kept. */
    public enum Kind {
        NUMBER('n'), TEXT('t');

        private final char code;

        Kind(char code) {
            this.code = code;
        }

        public static Kind of(char code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown key kind '" + code + "'");
        }

        /** The kinds of a key's columns, one letter each ({@code "nt"}). */
        public static String codes(List<Kind> kinds) {
            return kinds.stream().map(k -> String.valueOf(k.code)).collect(Collectors.joining());
        }

        public static List<Kind> parse(String codes) {
            List<Kind> kinds = new ArrayList<>();
            for (char c : codes.toCharArray()) {
                kinds.add(of(c));
            }
            return kinds;
        }
    }

    public KeyValues {
        values = List.copyOf(values);
        for (Object value : values) {
            if (!(value instanceof BigDecimal) && !(value instanceof String)) {
                throw new IllegalArgumentException("a key value is a number or a text: " + value);
            }
        }
    }

    public String encode() {
        return values.stream().map(v -> URLEncoder.encode(v instanceof BigDecimal d ? d.toPlainString()
            : (String) v, StandardCharsets.UTF_8)).collect(Collectors.joining(","));
    }

    /** The key an {@link #encode() encoded} string holds; null for null (an open bound). */
    public static KeyValues decode(String encoded, List<Kind> kinds) {
        if (encoded == null) {
            return null;
        }
        String[] parts = encoded.split(",", -1);
        if (parts.length != kinds.size()) {
            throw new IllegalArgumentException("key '" + encoded + "' has " + parts.length + " value(s), the key "
                + kinds.size());
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String text = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
            try {
                values.add(kinds.get(i) == Kind.NUMBER ? new BigDecimal(text) : text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("key value '" + text + "' is not a number", e);
            }
        }
        return new KeyValues(values);
    }

    static String encodeOrNull(KeyValues key) {
        return key == null ? null : key.encode();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KeyValues other) || other.values.size() != values.size()) {
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            Object a = values.get(i);
            Object b = other.values.get(i);
            if (a instanceof BigDecimal x && b instanceof BigDecimal y ? x.compareTo(y) != 0 : !a.equals(b)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(encode());
    }

    @Override
    public String toString() {
        return "(" + values.stream().map(Object::toString).collect(Collectors.joining(", ")) + ")";
    }
}
