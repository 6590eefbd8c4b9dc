package dev.spillway.connect.jdbc.schema;

import org.apache.kafka.connect.data.Schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

/**
 * Judges one value the connector sent against the database's own text of it (PostgreSQL {@code col::text},
 * MariaDB {@code CAST(col AS CHAR)}, {@code HEX(col)} for binary): lossless, lossy (and what was lost) or failed
 * (a different value). The database's text is decoded here or by the unit-tested {@link TemporalText} and
 * {@link ArrayLiteral}; the sent value is decoded independently, from its Connect type.
 */
public final class ValueJudge {

    /** How a column's values compare. */
    public enum Kind { INT, DECIMAL, FLOAT, TEXT, BYTES, BOOL, BITS, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, ARRAY }

    public enum Outcome { LOSSLESS, LOSSY, FAILED }

    public record Verdict(Outcome outcome, String detail) {
        static final Verdict LOSSLESS = new Verdict(Outcome.LOSSLESS, "");

        static Verdict lossy(String what) {
            return new Verdict(Outcome.LOSSY, what);
        }

        static Verdict failed(String what) {
            return new Verdict(Outcome.FAILED, what);
        }
    }

    private ValueJudge() {
    }

    /** {@code header}: the text of a spillway.unrepresentable header for this column, or null. */
    public static Verdict judge(Kind kind, String dbText, Object value, Schema schema, String header) {
        if (value == null) {
            if (dbText == null) {
                return Verdict.LOSSLESS;
            }
            if (header != null && header.equals(dbText)) {
                return Verdict.lossy("sent as null with its text in a header");
            }
            return Verdict.failed("null instead of " + dbText);
        }
        if (dbText == null) {
            return Verdict.failed(value + " instead of NULL");
        }
        try {
            return compare(kind, dbText, value, schema);
        } catch (RuntimeException e) {
            return Verdict.failed(value + " for " + dbText + " (" + e + ")");
        }
    }

    private static Verdict compare(Kind kind, String db, Object value, Schema schema) {
        return switch (kind) {
            // MariaDB writes YEAR 0 as 0000.
            case INT -> same(new BigInteger(plain(value)).equals(new BigInteger(db)), value, db);
            case DECIMAL -> value instanceof BigDecimal d
                ? same(d.compareTo(new BigDecimal(db)) == 0 && d.scale() >= new BigDecimal(db).scale(), value, db)
                : same(value.toString().equals(db), value, db);
            case FLOAT -> same(value instanceof Float f ? Float.compare(f, Float.parseFloat(db)) == 0
                : Double.compare((Double) value, Double.parseDouble(db)) == 0, value, db);
            case TEXT -> same(value.equals(db), value, db);
            case BYTES -> same(HexFormat.of().formatHex((byte[]) value).equalsIgnoreCase(db.replace("\\x", "")),
                value, db);
            case BOOL -> same(value.equals(db.equals("true") || db.equals("1") || db.equals("t")), value, db);
            case BITS -> same(new BigInteger(1, (byte[]) value).toString().equals(db), value, db);
            case DATE -> date(db, value);
            case TIME -> time(db, value);
            case TIMESTAMP, TIMESTAMPTZ -> timestamp(kind, db, value, schema);
            case ARRAY -> array(db, value, schema);
        };
    }

    private static String plain(Object value) {
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    private static Verdict same(boolean equal, Object value, String db) {
        return equal ? Verdict.LOSSLESS : Verdict.failed(describe(value) + " for " + db);
    }

    private static String describe(Object value) {
        return value instanceof byte[] bytes ? "0x" + HexFormat.of().formatHex(bytes) : String.valueOf(value);
    }

    private static Verdict date(String db, Object value) {
        if (value instanceof String text) {
            return text.equals(db) || LocalDate.parse(text).equals(TemporalText.date(db)) ? Verdict.LOSSLESS
                : Verdict.failed(text + " for " + db);
        }
        long millis = ((java.util.Date) value).getTime();
        return same(millis % 86_400_000L == 0
            && LocalDate.ofEpochDay(millis / 86_400_000L).equals(TemporalText.date(db)), value, db);
    }

    private static Verdict time(String db, Object value) {
        if (db.equals(value)) {
            return Verdict.LOSSLESS;
        }
        long expected = TemporalText.timeNanos(db);
        if (value instanceof String text) {
            return same(text.equals(db) || TemporalText.timeNanos(text) == expected, value, db);
        }
        if (value instanceof java.util.Date date) {
            return truncated(date.getTime() * 1_000_000L, expected, 1_000_000L, "digits below a millisecond", db);
        }
        // INT64 micro- or nanoseconds: the schema name says which.
        return value instanceof Long count && count == expected / 1_000L && expected % 1_000L == 0
            || value instanceof Long nanos && nanos == expected ? Verdict.LOSSLESS
            : Verdict.failed(value + " for " + db);
    }

    private static Verdict timestamp(Kind kind, String db, Object value, Schema schema) {
        if (db.equals(value)) {
            return Verdict.LOSSLESS;
        }
        Instant expected = kind == Kind.TIMESTAMP ? TemporalText.localDateTime(db).toInstant(ZoneOffset.UTC)
            : TemporalText.instant(db);
        if (value instanceof String text) {
            if (text.equals(db)) {
                return Verdict.LOSSLESS;
            }
            Instant sent = kind == Kind.TIMESTAMP ? LocalDateTime.parse(text).toInstant(ZoneOffset.UTC)
                : Instant.parse(text);
            return same(sent.equals(expected), value, db);
        }
        long expectedNanos = expected.getEpochSecond() * 1_000_000_000L + expected.getNano();
        if (value instanceof java.util.Date date) {
            Instant sent = date.toInstant();
            if (sent.equals(expected)) {
                return Verdict.LOSSLESS;
            }
            return sent.equals(Instant.ofEpochMilli(expected.toEpochMilli()))
                ? Verdict.lossy("digits below a millisecond") : Verdict.failed(sent + " for " + db);
        }
        long count = (Long) value;
        boolean micros = schema.name() != null && schema.name().endsWith("MicroTimestamp");
        Instant sent = micros ? Instant.ofEpochSecond(Math.floorDiv(count, 1_000_000L), Math.floorMod(count, 1_000_000L) * 1000)
            : Instant.ofEpochSecond(Math.floorDiv(count, 1_000_000_000L), Math.floorMod(count, 1_000_000_000L));
        return same(sent.equals(expected), value, db + " (" + expectedNanos + " ns)");
    }

    private static Verdict truncated(long sentNanos, long expected, long unit, String lost, String db) {
        if (sentNanos == expected) {
            return Verdict.LOSSLESS;
        }
        return sentNanos == expected - Math.floorMod(expected, unit) ? Verdict.lossy(lost)
            : Verdict.failed(sentNanos + " ns for " + db);
    }

    private static Verdict array(String db, Object value, Schema schema) {
        if (value instanceof String text) { // array.mapping=string: the server's text, exactly
            return same(text.equals(db), value, db);
        }
        List<Object> expected = ArrayLiteral.parse(db, db.contains(";") && !db.contains("\"") ? ';' : ',');
        List<?> sent = (List<?>) value;
        if (expected.size() != sent.size()) {
            return Verdict.failed(sent + " for " + db);
        }
        Kind element = switch (schema.valueSchema().type()) {
            case INT16, INT32, INT64 -> Kind.INT;
            case FLOAT32, FLOAT64 -> Kind.FLOAT;
            case BOOLEAN -> Kind.BOOL;
            case BYTES -> Kind.BYTES;
            default -> Kind.TEXT;
        };
        for (int i = 0; i < sent.size(); i++) {
            Object item = expected.get(i);
            if (item instanceof List) {
                return Verdict.failed("a multi-dimensional value in " + sent);
            }
            Verdict verdict = judge(element, (String) item, sent.get(i), schema.valueSchema(), null);
            if (verdict.outcome() != Outcome.LOSSLESS) {
                return Verdict.failed("element " + i + ": " + verdict.detail());
            }
        }
        return Verdict.LOSSLESS;
    }
}
