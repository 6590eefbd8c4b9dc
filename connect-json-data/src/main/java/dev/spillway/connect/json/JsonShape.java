package dev.spillway.connect.json;

import java.util.List;

/**
 * The shape of a JSON document as far as its inferred Connect schema depends on it: equal shapes give equal
 * schemas, so the schema can be cached per shape and shared by every record of that shape.
 *
 * <p>Records, so that equality and hashing are structural.
 */
public sealed interface JsonShape
    permits JsonShape.Unknown, JsonShape.Scalar, JsonShape.DecimalNumber, JsonShape.Array, JsonShape.Object {

    /** Only {@code null}s (or nothing, in an empty array) were seen: the type cannot be known. */
    record Unknown() implements JsonShape {
    }

    /** A boolean, integer ({@code INT64}), floating-point ({@code FLOAT64}) or string ({@code STRING}) value. */
    record Scalar(org.apache.kafka.connect.data.Schema.Type type) implements JsonShape {
    }

    /** A number held as a Connect {@code Decimal} of this scale. */
    record DecimalNumber(int scale) implements JsonShape {
    }

    /** An array whose elements all have the {@code elements} shape. */
    record Array(JsonShape elements) implements JsonShape {
    }

    /** An object with these fields, in the order they first appeared. */
    record Object(List<String> names, List<JsonShape> shapes) implements JsonShape {
        public Object {
            names = List.copyOf(names);
            shapes = List.copyOf(shapes);
        }
    }
}
