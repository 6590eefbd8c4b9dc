package dev.spillway.connect.rest.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON response body in one streaming pass: the array at the records pointer becomes the page's items,
 * the scalars at the pointers a pagination strategy needs (a next cursor, a next URL) are captured, and every other
 * branch is skipped without being materialised.
 *
 * <p>A body that is not JSON, has trailing content, lacks the records pointer or has something other than an array
 * there is a {@link MalformedPageException}: an API that answers 200 with an error document must not look like an
 * empty page.
 */
public final class PageParser {

    private static final JsonFactory FACTORY = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
        .build();

    private final String recordsPointer;
    private final Set<String> scalarPointers;
    /** Every proper prefix of the pointers above: the branches worth descending into. */
    private final Set<String> prefixes = new HashSet<>();

    public PageParser(JsonPointer recordsPointer, Collection<JsonPointer> scalarPointers) {
        this.recordsPointer = recordsPointer.toString();
        this.scalarPointers = new HashSet<>();
        scalarPointers.forEach(pointer -> this.scalarPointers.add(pointer.toString()));
        addPrefixes(this.recordsPointer);
        this.scalarPointers.forEach(this::addPrefixes);
    }

    private void addPrefixes(String pointer) {
        for (int slash = pointer.indexOf('/'); slash >= 0; slash = pointer.indexOf('/', slash + 1)) {
            prefixes.add(pointer.substring(0, slash));
        }
    }

    public ParsedPage parse(URI uri, byte[] body, HttpHeaders headers) throws MalformedPageException {
        Walk walk = new Walk();
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new MalformedPageException("the response body is empty, not JSON");
            }
            walk.value(parser, "");
            if (parser.nextToken() != null) {
                throw new MalformedPageException("the response body has content after its JSON document");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedPageException("the response body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedPageException("cannot read the response body: " + e.getMessage(), e);
        }
        if (walk.items == null) {
            throw new MalformedPageException("the response has nothing at records pointer '" + recordsPointer
                + "'" + (recordsPointer.isEmpty() ? "" : " (expected an array there)"));
        }
        return new ParsedPage(uri, walk.items, walk.scalars, headers);
    }

    /** The state of one pass over one body. */
    private final class Walk {
        private List<Item> items;
        private final Map<String, String> scalars = new HashMap<>();

        /** The parser is at the first token of the value at {@code path}. */
        void value(JsonParser parser, String path) throws IOException, MalformedPageException {
            JsonToken token = parser.currentToken();
            if (path.equals(recordsPointer)) {
                if (token == JsonToken.START_ARRAY) {
                    items = readItems(parser);
                } else if (token == JsonToken.VALUE_NULL) {
                    items = List.of();
                } else {
                    throw new MalformedPageException("records pointer '" + recordsPointer + "' holds "
                        + describe(token) + ", not an array");
                }
                return;
            }
            if (scalarPointers.contains(path)) {
                if (token.isScalarValue()) {
                    if (token != JsonToken.VALUE_NULL) {
                        scalars.put(path, parser.getText());
                    }
                } else {
                    parser.skipChildren();
                }
                return;
            }
            if (token == JsonToken.START_OBJECT) {
                if (!prefixes.contains(path)) {
                    parser.skipChildren();
                    return;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    value(parser, path + "/" + name.replace("~", "~0").replace("/", "~1"));
                }
            } else if (token == JsonToken.START_ARRAY) {
                if (!prefixes.contains(path)) {
                    parser.skipChildren();
                    return;
                }
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    value(parser, path + "/" + index++);
                }
            }
        }

        private List<Item> readItems(JsonParser parser) throws IOException {
            List<Item> read = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                StringWriter json = new StringWriter();
                Object value;
                try (JsonGenerator generator = FACTORY.createGenerator(json)) {
                    value = copy(parser, generator);
                }
                read.add(new Item(value, json.toString()));
            }
            return read;
        }
    }

    /** Reads the value at the parser into plain Java and writes it, numbers verbatim, to the generator. */
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
            case VALUE_STRING -> {
                String text = parser.getText();
                generator.writeString(text);
                return text;
            }
            case VALUE_NUMBER_INT -> {
                generator.writeNumber(parser.getText());
                // Beyond a long, the plain value is a double; the JSON text keeps every digit.
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? (Object) parser.getDoubleValue() : (Object) parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                generator.writeNumber(parser.getText());
                return parser.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                boolean bool = parser.getBooleanValue();
                generator.writeBoolean(bool);
                return bool;
            }
            case VALUE_NULL -> {
                generator.writeNull();
                return null;
            }
            default -> throw new IOException("unexpected JSON token " + parser.currentToken());
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> token.toString();
        };
    }
}
