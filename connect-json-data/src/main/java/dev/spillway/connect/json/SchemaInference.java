package dev.spillway.connect.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Infers the {@link JsonShape} of a parsed JSON document and the Connect schema of a shape.
 *
 * <ul>
 *   <li>objects become structs with their fields in document order; strings, booleans become {@code STRING},
 *       {@code BOOLEAN}</li>
 *   <li>integers that fit a long become {@code INT64}; other numbers {@code FLOAT64}, or with {@code decimals} a
 *       {@code Decimal} whose scale is the number's own (at least 0)</li>
 *   <li>arrays become arrays of the merged shape of their elements; objects in one array merge into one struct
 *       with every field any of them has; {@code INT64} and {@code FLOAT64} merge into {@code FLOAT64}, an integer
 *       and a {@code Decimal} into the {@code Decimal}, two {@code Decimal}s into the larger scale</li>
 *   <li>{@code null}s and empty arrays say nothing about a type; a value that is only ever {@code null} gets an
 *       optional {@code STRING} schema</li>
 *   <li>other combinations conflict: a {@link JsonDataException} naming the path, or with {@code conflictsAsString}
 *       a {@code STRING} that holds each value's JSON text</li>
 * </ul>
 * Every inferred schema, field, element is optional, since another record may lack or nullify any of them.
 *
 * <p>Thread-safe.
 */
public final class SchemaInference {

    private static final JsonShape UNKNOWN = new JsonShape.Unknown();
    private static final JsonShape BOOLEAN = new JsonShape.Scalar(Schema.Type.BOOLEAN);
    private static final JsonShape INT64 = new JsonShape.Scalar(Schema.Type.INT64);
    private static final JsonShape FLOAT64 = new JsonShape.Scalar(Schema.Type.FLOAT64);
    private static final JsonShape STRING = new JsonShape.Scalar(Schema.Type.STRING);

    private final boolean decimals;
    private final boolean conflictsAsString;

    /**
     * @param decimals          whether non-integral numbers (and integers beyond a long) become {@code Decimal}s
     *                          rather than {@code FLOAT64}
     * @param conflictsAsString whether conflicting types become {@code STRING} rather than failing
     */
    public SchemaInference(boolean decimals, boolean conflictsAsString) {
        this.decimals = decimals;
        this.conflictsAsString = conflictsAsString;
    }

    /**
     * @throws JsonDataException on conflicting types, unless they become strings
     */
    public JsonShape shapeOf(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return UNKNOWN;
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            List<JsonShape> shapes = new ArrayList<>(node.size());
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().isEmpty()) {
                    throw new JsonDataException("an object member has an empty name (\"\": ...), which no Struct"
                        + " field can have; keep such documents schemaless or as JSON text").inField("");
                }
                names.add(field.getKey());
                try {
                    shapes.add(shapeOf(field.getValue()));
                } catch (JsonDataException e) {
                    throw e.inField(field.getKey());
                }
            }
            return new JsonShape.Object(names, shapes);
        }
        if (node.isArray()) {
            JsonShape elements = UNKNOWN;
            for (int i = 0; i < node.size(); i++) {
                try {
                    elements = merge(elements, shapeOf(node.get(i)));
                } catch (JsonDataException e) {
                    throw e.inElement(i);
                }
            }
            return new JsonShape.Array(elements);
        }
        if (node.isTextual()) {
            return STRING;
        }
        if (node.isBoolean()) {
            return BOOLEAN;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return INT64;
        }
        if (node.isNumber()) {
            return decimals ? new JsonShape.DecimalNumber(Math.max(0, node.decimalValue().scale())) : FLOAT64;
        }
        // Binary or embedded objects cannot come out of the parser; keep their text rather than fail.
        return STRING;
    }

    private JsonShape merge(JsonShape a, JsonShape b) {
        if (a.equals(b) || b instanceof JsonShape.Unknown) {
            return a;
        }
        if (a instanceof JsonShape.Unknown) {
            return b;
        }
        if (isNumber(a) && isNumber(b)) {
            return mergeNumbers(a, b);
        }
        if (a instanceof JsonShape.Array x && b instanceof JsonShape.Array y) {
            return new JsonShape.Array(merge(x.elements(), y.elements()));
        }
        if (a instanceof JsonShape.Object x && b instanceof JsonShape.Object y) {
            return mergeObjects(x, y);
        }
        if (conflictsAsString) {
            return STRING;
        }
        throw new JsonDataException("conflicting types " + describe(a) + " and " + describe(b)
            + " in one array, so that no schema fits every element");
    }

    private static boolean isNumber(JsonShape shape) {
        return shape.equals(INT64) || shape.equals(FLOAT64) || shape instanceof JsonShape.DecimalNumber;
    }

    /** Only one of FLOAT64 and Decimal occurs in a document, depending on {@link #decimals}. */
    private static JsonShape mergeNumbers(JsonShape a, JsonShape b) {
        if (a instanceof JsonShape.DecimalNumber x && b instanceof JsonShape.DecimalNumber y) {
            return x.scale() >= y.scale() ? x : y;
        }
        if (a instanceof JsonShape.DecimalNumber) {
            return a;
        }
        if (b instanceof JsonShape.DecimalNumber) {
            return b;
        }
        return FLOAT64;
    }

    private JsonShape mergeObjects(JsonShape.Object a, JsonShape.Object b) {
        List<String> names = new ArrayList<>(a.names());
        List<JsonShape> shapes = new ArrayList<>(a.shapes());
        for (int i = 0; i < b.names().size(); i++) {
            String name = b.names().get(i);
            int existing = names.indexOf(name);
            if (existing < 0) {
                names.add(name);
                shapes.add(b.shapes().get(i));
            } else {
                try {
                    shapes.set(existing, merge(shapes.get(existing), b.shapes().get(i)));
                } catch (JsonDataException e) {
                    throw e.inField(name);
                }
            }
        }
        return new JsonShape.Object(names, shapes);
    }

    private static String describe(JsonShape shape) {
        if (shape instanceof JsonShape.Scalar scalar) {
            return switch (scalar.type()) {
                case BOOLEAN -> "boolean";
                case STRING -> "string";
                default -> "number";
            };
        }
        if (shape instanceof JsonShape.DecimalNumber) {
            return "number";
        }
        return shape instanceof JsonShape.Array ? "array" : "object";
    }

    /** The optional Connect schema of values of this shape; build it once per shape and cache it. */
    public static Schema schemaOf(JsonShape shape) {
        if (shape instanceof JsonShape.Unknown) {
            return Schema.OPTIONAL_STRING_SCHEMA;
        }
        if (shape instanceof JsonShape.Scalar scalar) {
            return switch (scalar.type()) {
                case BOOLEAN -> Schema.OPTIONAL_BOOLEAN_SCHEMA;
                case INT64 -> Schema.OPTIONAL_INT64_SCHEMA;
                case FLOAT64 -> Schema.OPTIONAL_FLOAT64_SCHEMA;
                default -> Schema.OPTIONAL_STRING_SCHEMA;
            };
        }
        if (shape instanceof JsonShape.DecimalNumber decimal) {
            return Decimal.builder(decimal.scale()).optional().build();
        }
        if (shape instanceof JsonShape.Array array) {
            return SchemaBuilder.array(schemaOf(array.elements())).optional().build();
        }
        JsonShape.Object object = (JsonShape.Object) shape;
        SchemaBuilder struct = SchemaBuilder.struct().optional();
        for (int i = 0; i < object.names().size(); i++) {
            struct.field(object.names().get(i), schemaOf(object.shapes().get(i)));
        }
        return struct.build();
    }
}
