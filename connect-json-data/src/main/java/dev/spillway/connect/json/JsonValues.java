package dev.spillway.connect.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts parsed JSON into Connect values: to a given schema ({@link #toConnect}), or without one
 * ({@link #toSchemaless}).
 *
 * <p>Conversion to a schema is strict, except for strings: a {@code STRING} takes any JSON value and keeps a
 * non-string one as its JSON text. Object members the schema does not declare are dropped.
 *
 * <p>Thread-safe.
 */
public final class JsonValues {

    private final boolean decimals;

    /**
     * @param decimals whether schemaless non-integral numbers (and integers beyond a long) become
     *                 {@link BigDecimal}s rather than {@link Double}s
     */
    public JsonValues(boolean decimals) {
        this.decimals = decimals;
    }

    /**
     * @param schema BOOLEAN, INT8 to INT64, FLOAT32, FLOAT64, STRING, Decimal, ARRAY, MAP with string keys, STRUCT
     * @throws JsonDataException naming the place that does not fit the schema
     */
    public Object toConnect(JsonNode node, Schema schema) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            if (!schema.isOptional()) {
                throw new JsonDataException("a value is required but " + (node == null || node.isMissingNode()
                    ? "the member is missing" : "it is null"));
            }
            return null;
        }
        if (Decimal.LOGICAL_NAME.equals(schema.name())) {
            return decimal(node, schema);
        }
        switch (schema.type()) {
            case BOOLEAN:
                if (!node.isBoolean()) {
                    throw mismatch("a boolean", node);
                }
                return node.booleanValue();
            case INT8:
                return (byte) integer(node, Byte.MIN_VALUE, Byte.MAX_VALUE, "int8");
            case INT16:
                return (short) integer(node, Short.MIN_VALUE, Short.MAX_VALUE, "int16");
            case INT32:
                return (int) integer(node, Integer.MIN_VALUE, Integer.MAX_VALUE, "int32");
            case INT64:
                return integer(node, Long.MIN_VALUE, Long.MAX_VALUE, "int64");
            case FLOAT32:
                return (float) number(node).doubleValue();
            case FLOAT64:
                return number(node).doubleValue();
            case STRING:
                return node.isTextual() ? node.textValue() : node.toString();
            case ARRAY:
                return array(node, schema);
            case MAP:
                return map(node, schema);
            case STRUCT:
                return struct(node, schema);
            default:
                throw new JsonDataException("schema type " + schema.type() + " is not supported");
        }
    }

    private List<Object> array(JsonNode node, Schema schema) {
        if (!node.isArray()) {
            throw mismatch("an array", node);
        }
        List<Object> list = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            try {
                list.add(toConnect(node.get(i), schema.valueSchema()));
            } catch (JsonDataException e) {
                throw e.inElement(i);
            }
        }
        return list;
    }

    private Map<String, Object> map(JsonNode node, Schema schema) {
        if (!node.isObject()) {
            throw mismatch("an object", node);
        }
        Map<String, Object> map = new LinkedHashMap<>(mapCapacity(node.size()));
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            try {
                map.put(entry.getKey(), toConnect(entry.getValue(), schema.valueSchema()));
            } catch (JsonDataException e) {
                throw e.inField(entry.getKey());
            }
        }
        return map;
    }

    private Struct struct(JsonNode node, Schema schema) {
        if (!node.isObject()) {
            throw mismatch("an object", node);
        }
        Struct struct = new Struct(schema);
        for (Field field : schema.fields()) {
            Object value;
            try {
                value = toConnect(node.get(field.name()), field.schema());
            } catch (JsonDataException e) {
                throw e.inField(field.name());
            }
            if (value != null) {
                struct.put(field, value);
            }
        }
        return struct;
    }

    private static long integer(JsonNode node, long min, long max, String type) {
        if (!node.isNumber() || !node.canConvertToExactIntegral()) {
            throw mismatch("an integer", node);
        }
        // canConvertToLong() is cheap for the usual int and long nodes; 1.0 or huge numbers take the slow way.
        boolean fitsLong = node.isIntegralNumber() ? node.canConvertToLong()
            : node.bigIntegerValue().bitLength() < Long.SIZE;
        long value = fitsLong ? node.longValue() : 0L;
        if (!fitsLong || value < min || value > max) {
            throw new JsonDataException("the number " + node.asText() + " does not fit in " + type);
        }
        return value;
    }

    private static JsonNode number(JsonNode node) {
        if (!node.isNumber()) {
            throw mismatch("a number", node);
        }
        return node;
    }

    private static BigDecimal decimal(JsonNode node, Schema schema) {
        int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
        try {
            return number(node).decimalValue().setScale(scale);
        } catch (ArithmeticException e) {
            throw new JsonDataException("the number " + node.asText() + " has more than " + scale
                + " decimal places, the scale of its Decimal schema");
        }
    }

    /**
     * Objects become {@code LinkedHashMap}s (in document order), arrays {@code ArrayList}s, integers that fit a
     * long {@code Long}s, other numbers {@code Double}s or {@code BigDecimal}s.
     */
    public Object toSchemaless(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>(mapCapacity(node.size()));
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                map.put(entry.getKey(), toSchemaless(entry.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(toSchemaless(element));
            }
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return decimals ? node.decimalValue() : (Object) node.doubleValue();
        }
        return node.toString();
    }

    private static int mapCapacity(int size) {
        return (int) (size / 0.75f) + 1;
    }

    private static JsonDataException mismatch(String expected, JsonNode node) {
        return new JsonDataException("expected " + expected + " but found " + describe(node));
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "the number " + node.asText();
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
