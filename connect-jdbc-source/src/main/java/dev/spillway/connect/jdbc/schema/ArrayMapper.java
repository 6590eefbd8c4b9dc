package dev.spillway.connect.jdbc.schema;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * PostgreSQL arrays of any element type, read from their text ({@link ArrayLiteral}): numbers and booleans as
 * Connect numbers and booleans, bytea as bytes, every other element type (numeric, dates and times, uuid, json,
 * ranges, ...) as the database's text of each element, which is exact. Elements are optional, so NULL elements
 * and empty arrays travel as they are. A column's schema has one dimension; a multi-dimensional value (legal in
 * any array column) or one with explicit bounds cannot be sent in it and is an unrepresentable value, which
 * {@code array.mapping=string} sends as the array's text instead.
 */
final class ArrayMapper {

    private ArrayMapper() {
    }

    /** {@code type} is the driver's array type name: the element type with a leading underscore. */
    static Mapped map(String type) {
        String element = type.startsWith("_") ? type.substring(1) : type.replace("[]", "");
        Schema schema;
        Function<String, Object> convert;
        switch (element) {
            case "int2" -> {
                schema = Schema.OPTIONAL_INT16_SCHEMA;
                convert = Short::valueOf;
            }
            case "int4" -> {
                schema = Schema.OPTIONAL_INT32_SCHEMA;
                convert = Integer::valueOf;
            }
            case "int8" -> {
                schema = Schema.OPTIONAL_INT64_SCHEMA;
                convert = Long::valueOf;
            }
            case "float4" -> {
                schema = Schema.OPTIONAL_FLOAT32_SCHEMA;
                convert = Float::valueOf;
            }
            case "float8" -> {
                schema = Schema.OPTIONAL_FLOAT64_SCHEMA;
                convert = Double::valueOf;
            }
            case "bool" -> {
                schema = Schema.OPTIONAL_BOOLEAN_SCHEMA;
                convert = t -> t.equals("t") || t.equals("true");
            }
            case "bytea" -> {
                schema = Schema.OPTIONAL_BYTES_SCHEMA;
                convert = t -> HexFormat.of().parseHex(t.substring(2));
            }
            default -> {
                schema = Schema.OPTIONAL_STRING_SCHEMA;
                convert = t -> t;
            }
        }
        char delimiter = element.equals("box") ? ';' : ',';
        return new Mapped(SchemaBuilder.array(schema), (rs, i) -> {
            String text = rs.getString(i);
            if (text == null) {
                return null;
            }
            List<Object> items = ArrayLiteral.parse(text, delimiter);
            List<Object> values = new ArrayList<>(items.size());
            for (Object item : items) {
                if (item instanceof List) {
                    throw new UnrepresentableValueException(text, "a multi-dimensional array does not fit the"
                        + " column's one-dimensional Connect array (array.mapping=string sends it as text)");
                }
                values.add(item == null ? null : convert.apply((String) item));
            }
            return values;
        }, true);
    }
}
