package dev.spillway.connect.smt.mask;

import dev.spillway.connect.smt.field.FieldPath;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Mode {@code replace}: every addressed value gets a fixed value of its own type, so schemas never change.
 * The replacement text is parsed once per numeric type here, not per record.
 */
final class ReplaceMasker extends FieldMasker {

    private static final String MODE = "replace";

    private final String replacement;
    private final Byte int8;
    private final Short int16;
    private final Integer int32;
    private final Long int64;
    private final Float float32;
    private final Double float64;
    /** The replacement as a decimal, or zero; rescaled to each field's scale. */
    private final BigDecimal decimal;

    ReplaceMasker(String replacement) {
        this.replacement = replacement;
        this.int8 = parseOr(replacement, Byte::valueOf, (byte) 0);
        this.int16 = parseOr(replacement, Short::valueOf, (short) 0);
        this.int32 = parseOr(replacement, Integer::valueOf, 0);
        this.int64 = parseOr(replacement, Long::valueOf, 0L);
        this.float32 = parseOr(replacement, Float::valueOf, 0f);
        this.float64 = parseOr(replacement, Double::valueOf, 0d);
        this.decimal = parseOr(replacement, BigDecimal::new, BigDecimal.ZERO);
    }

    private static <T> T parseOr(String text, Function<String, T> parser, T fallback) {
        try {
            return parser.apply(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public Schema update(FieldPath path, Schema schema) {
        if (schema.type() == Schema.Type.STRUCT) {
            throw cannotMask(path, MODE, "a struct has no replacement value; use mode=null, or list the"
                + " struct's fields instead");
        }
        return schema;
    }

    @Override
    Object maskValue(FieldPath path, Schema schema, Object value) {
        return schema != null ? bySchema(path, schema, value) : byJavaType(path, value);
    }

    private Object bySchema(FieldPath path, Schema schema, Object value) {
        String logicalName = schema.name();
        if (Decimal.LOGICAL_NAME.equals(logicalName)) {
            return decimalAtScale(Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD)));
        }
        if (Date.LOGICAL_NAME.equals(logicalName) || Time.LOGICAL_NAME.equals(logicalName)
            || Timestamp.LOGICAL_NAME.equals(logicalName)) {
            return new java.util.Date(0L);
        }
        return switch (schema.type()) {
            case INT8 -> int8;
            case INT16 -> int16;
            case INT32 -> int32;
            case INT64 -> int64;
            case FLOAT32 -> float32;
            case FLOAT64 -> float64;
            case BOOLEAN -> Boolean.FALSE;
            case STRING -> replacement;
            case BYTES -> emptyBytesLike(value);
            case ARRAY -> Collections.emptyList();
            case MAP -> Collections.emptyMap();
            case STRUCT -> throw cannotMask(path, MODE, "a struct has no replacement value");
        };
    }

    private Object byJavaType(FieldPath path, Object value) {
        if (value instanceof String) {
            return replacement;
        }
        if (value instanceof Byte) {
            return int8;
        }
        if (value instanceof Short) {
            return int16;
        }
        if (value instanceof Integer) {
            return int32;
        }
        if (value instanceof Long) {
            return int64;
        }
        if (value instanceof Float) {
            return float32;
        }
        if (value instanceof Double) {
            return float64;
        }
        if (value instanceof BigDecimal number) {
            return decimalAtScale(number.scale());
        }
        if (value instanceof Boolean) {
            return Boolean.FALSE;
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return emptyBytesLike(value);
        }
        if (value instanceof java.util.Date) {
            return new java.util.Date(0L);
        }
        if (value instanceof List) {
            return Collections.emptyList();
        }
        if (value instanceof Map) {
            return Collections.emptyMap();
        }
        throw cannotMask(path, MODE, "no replacement for values of type " + value.getClass().getName());
    }

    private BigDecimal decimalAtScale(int scale) {
        return decimal.setScale(scale, RoundingMode.HALF_UP);
    }

    private static Object emptyBytesLike(Object value) {
        return value instanceof ByteBuffer ? ByteBuffer.allocate(0) : new byte[0];
    }
}
