package dev.spillway.connect.smt.value;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.errors.DataException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The canonical text of a single Connect value: the same logical value always gets the same text, whatever
 * schema type carries it, so that hashes and comparisons agree across sources.
 *
 * <ul>
 *   <li>strings as they are; booleans as {@code true} / {@code false}</li>
 *   <li>integers, floating-point numbers and decimals as plain decimal numbers without exponent or trailing
 *       zeros: {@code 42}, {@code 42L}, {@code 42.0} and a {@code Decimal} {@code 42.00} are all {@code 42};
 *       non-finite floats as {@code NaN}, {@code Infinity}, {@code -Infinity}; decimals with an exponent beyond
 *       {@value #MAX_PLAIN_EXPONENT} in scientific notation ({@code 1E-20000})</li>
 *   <li>{@code Date} as ISO date ({@code 2024-05-31}), {@code Time} as ISO time ({@code 13:45:00},
 *       {@code 13:45:00.125}), {@code Timestamp} and schemaless {@code java.util.Date} as ISO instant in UTC
 *       ({@code 2024-05-31T13:45:00.125Z})</li>
 *   <li>bytes as Base64 text; {@link #bytes} uses the raw bytes instead</li>
 * </ul>
 * Structs, maps and arrays have no canonical form.
 */
public final class CanonicalForm {

    private static final DateTimeFormatter ISO_TIME = DateTimeFormatter.ISO_LOCAL_TIME;

    private CanonicalForm() {
    }

    /** Whether {@code value} has a canonical form: it is not null, and not a struct, map or array. */
    public static boolean isScalar(Object value) {
        return value != null && !(value instanceof Struct) && !(value instanceof Map) && !(value instanceof List);
    }

    /**
     * @param schema the value's schema, or {@code null} for schemaless data (then logical types are not known,
     *               and a {@code java.util.Date} is taken as a timestamp)
     * @throws DataException if the value is null or has no canonical form
     */
    public static String text(Object value, Schema schema) {
        byte[] raw = rawBytes(value);
        if (raw != null) {
            return Base64.getEncoder().encodeToString(raw);
        }
        return scalarText(value, schema);
    }

    /**
     * Like {@link #text}, but {@code null} instead of an exception for a value without a canonical form: null, a
     * struct, map or array, or an object of a Java type that Connect data does not use (such as a
     * {@code java.time.Instant} or a {@code UUID} that an upstream transform put in a schemaless map).
     */
    public static String textOrNull(Object value, Schema schema) {
        byte[] raw = rawBytes(value);
        if (raw != null) {
            return Base64.getEncoder().encodeToString(raw);
        }
        return value == null ? null : scalarTextOrNull(value, schema);
    }

    /**
     * The canonical form as bytes: the raw bytes for byte values, the UTF-8 encoding of {@link #text} otherwise.
     * For a {@code byte[]} value the result is that very array, so do not modify it.
     *
     * @throws DataException if the value is null or has no canonical form
     */
    public static byte[] bytes(Object value, Schema schema) {
        byte[] raw = rawBytes(value);
        if (raw != null) {
            return raw;
        }
        return scalarText(value, schema).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] rawBytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof ByteBuffer buffer) {
            // Read through a duplicate so the caller's buffer position is left alone.
            ByteBuffer view = buffer.duplicate();
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            return bytes;
        }
        return null;
    }

    private static String scalarText(Object value, Schema schema) {
        if (value == null) {
            throw new DataException("A null value has no canonical form");
        }
        String text = scalarTextOrNull(value, schema);
        if (text == null) {
            String logicalName = schema != null ? schema.name() : null;
            String where = logicalName != null ? logicalName
                : schema != null ? schema.type().toString() : "schemaless";
            throw new DataException("A value of type " + value.getClass().getName() + " (" + where
                + ") has no canonical form; only single values do, not structs, maps or arrays");
        }
        return text;
    }

    /** The text of a non-null value that is not bytes; null if its type has no canonical form. */
    private static String scalarTextOrNull(Object value, Schema schema) {
        String logicalName = schema != null ? schema.name() : null;
        if (value instanceof java.util.Date date) {
            // Connect's Date and Time are java.util.Date too; only the schema tells them from a timestamp.
            if (Date.LOGICAL_NAME.equals(logicalName)) {
                return LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC).toString();
            }
            if (Time.LOGICAL_NAME.equals(logicalName)) {
                return ISO_TIME.format(LocalTime.ofInstant(date.toInstant(), ZoneOffset.UTC));
            }
            return date.toInstant().toString();
        }
        if (value instanceof String string) {
            return string;
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long
            || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Float || value instanceof Double) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                return Double.toString(number);
            }
            // Float.toString keeps a float's shortest decimal form; widening to double first would add noise.
            return decimalText(new BigDecimal(value.toString()));
        }
        if (value instanceof BigDecimal decimal) {
            return decimalText(decimal);
        }
        return null;
    }

    /**
     * Plain text has as many digits as the exponent is large: {@code 1E-1000000000} would take a gigabyte (and
     * the task with it). Beyond {@value #MAX_PLAIN_EXPONENT} (far past any float or double, whose plain forms
     * stay under 400 digits), the text is in scientific notation instead: still one text per value.
     */
    static final int MAX_PLAIN_EXPONENT = 10_000;

    private static String decimalText(BigDecimal decimal) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (Math.abs((long) stripped.scale()) > MAX_PLAIN_EXPONENT) {
            return stripped.toString();
        }
        return stripped.toPlainString();
    }
}
