package dev.spillway.connect.rest.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The streaming reads of one JSON value that build an {@link Item}'s forms; each consumes the whole value. */
final class ItemValues {

    /**
     * Limits a page must keep, set explicitly rather than inherited from the Jackson version on the class path: a
     * hostile page (100 000 nested arrays, a number of a million digits, a huge string or field name) fails with a
     * {@code StreamConstraintsException}, which the page parser reports as a malformed page of its endpoint.
     */
    static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
        .maxNestingDepth(200)
        .maxNumberLength(1_000)
        .maxStringLength(20_000_000)
        .maxNameLength(50_000)
        .build();

    static final JsonFactory FACTORY = JsonFactory.builder().streamReadConstraints(LIMITS).build();

    private ItemValues() {
    }

    @FunctionalInterface
    interface Reader<T> {
        /** The parser is at the first token of the value. */
        T read(JsonParser parser) throws IOException;
    }

    /** A parser at the first token of the value in {@code body[start, end)}. */
    static JsonParser parser(byte[] body, int start, int end) throws IOException {
        JsonParser parser = FACTORY.createParser(body, start, end - start);
        parser.nextToken();
        return parser;
    }

    /** A parser at the first token of the value in {@code json}. */
    static JsonParser parser(String json) throws IOException {
        JsonParser parser = FACTORY.createParser(json);
        parser.nextToken();
        return parser;
    }

    /** The value as plain Java, for a record value: numbers beyond a long, and fractions, as doubles. */
    static Object read(JsonParser parser) throws IOException {
        return value(parser, false);
    }

    /**
     * The value as plain Java with every digit of its numbers kept (a long where one holds it, else a
     * {@code BigInteger}; fractions as {@code BigDecimal}): for what is sent back to the API or compared
     * (watermarks, sort values, keys), where a double's 17 digits would move the value.
     */
    static Object readExact(JsonParser parser) throws IOException {
        return value(parser, true);
    }

    private static Object value(JsonParser parser, boolean exact) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, value(parser, exact));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser, exact));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                // Connect's schemaless values know no BigInteger: a record value's integer beyond a long is a
                // double there, while its JSON text keeps every digit.
                if (parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    return parser.getLongValue();
                }
                return exact ? (Object) parser.getBigIntegerValue() : (Object) parser.getDoubleValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return exact ? (Object) parser.getDecimalValue() : (Object) parser.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return parser.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected JSON token " + parser.currentToken());
        }
    }

    /** Both forms in one pass, for a body Jackson reads through a Reader (UTF-16, UTF-32). */
    static Item readAndWrite(JsonParser parser) throws IOException {
        StringWriter json = new StringWriter();
        Object value;
        try (JsonGenerator generator = FACTORY.createGenerator(json)) {
            value = copy(parser, generator);
        }
        return new Item(value, json.toString());
    }

    private static Object copy(JsonParser parser, JsonGenerator generator) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                generator.writeStartObject();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    generator.writeFieldName(name);
                    parser.nextToken();
                    object.put(name, copy(parser, generator));
                }
                generator.writeEndObject();
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                generator.writeStartArray();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(copy(parser, generator));
                }
                generator.writeEndArray();
                return array;
            }
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
                Object value = read(parser);
                writeScalar(parser, generator);
                return value;
            }
            default -> throw new IOException("unexpected JSON token " + parser.currentToken());
        }
    }

    /** The value as compact JSON written by a generator, numbers verbatim. */
    static String rewrite(JsonParser parser) throws IOException {
        StringWriter json = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(json)) {
            write(parser, generator);
        }
        return json.toString();
    }

    private static void write(JsonParser parser, JsonGenerator generator) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                generator.writeStartObject();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    generator.writeFieldName(parser.currentName());
                    parser.nextToken();
                    write(parser, generator);
                }
                generator.writeEndObject();
            }
            case START_ARRAY -> {
                generator.writeStartArray();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    write(parser, generator);
                }
                generator.writeEndArray();
            }
            default -> writeScalar(parser, generator);
        }
    }

    private static void writeScalar(JsonParser parser, JsonGenerator generator) throws IOException {
        switch (parser.currentToken()) {
            case VALUE_STRING -> generator.writeString(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> generator.writeNumber(parser.getText());
            case VALUE_TRUE, VALUE_FALSE -> generator.writeBoolean(parser.getBooleanValue());
            case VALUE_NULL -> generator.writeNull();
            default -> throw new IOException("unexpected JSON token " + parser.currentToken());
        }
    }

    /**
     * What {@link JsonPointers#valueAt} finds at {@code pointer} in {@link #readExact}'s result, without building
     * the branches the pointer does not go through. Like the map, a name that occurs twice in an object means its last
     * value, so every object on the way is read to its end.
     */
    static Optional<Object> at(JsonParser parser, JsonPointer pointer) throws IOException {
        if (pointer.matches()) {
            return Optional.ofNullable(readExact(parser));
        }
        JsonToken token = parser.currentToken();
        Optional<Object> found = Optional.empty();
        if (token == JsonToken.START_OBJECT) {
            String name = pointer.getMatchingProperty();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean match = name.equals(parser.currentName());
                parser.nextToken();
                if (match) {
                    found = at(parser, pointer.tail());
                } else {
                    parser.skipChildren();
                }
            }
        } else if (token == JsonToken.START_ARRAY) {
            int index = pointer.getMatchingIndex();
            int i = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (i++ == index) {
                    found = at(parser, pointer.tail());
                } else {
                    parser.skipChildren();
                }
            }
        }
        return found;
    }
}
