package dev.spillway.connect.rest.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Prints the plain Java values {@link PageParser} builds. */
public final class JsonText {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {
    }

    /** Strings as they are (no quotes), numbers and booleans printed, objects and arrays as JSON. */
    static String asText(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Number number) {
            return number(number);
        }
        if (value instanceof Boolean) {
            return String.valueOf(value);
        }
        return json(value);
    }

    /**
     * A number as an API takes it back: an exact decimal without an exponent ({@code 1e3} as {@code 1000},
     * {@code 1E+3} being what {@code BigDecimal} would print), unless that would run past a thousand digits.
     */
    public static String number(Number value) {
        if (value instanceof BigDecimal decimal && Math.abs((long) decimal.scale()) <= 1000) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    static String json(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof Number number) {
            generator.writeNumber(number(number));
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else {
            generator.writeString(value.toString());
        }
    }
}
