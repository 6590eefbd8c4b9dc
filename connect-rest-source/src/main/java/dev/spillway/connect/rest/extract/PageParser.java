package dev.spillway.connect.rest.extract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.spillway.connect.rest.net.MalformedPageException;
import dev.spillway.connect.rest.net.ServerText;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
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

    private static final int MAX_STRING_LENGTH = ItemValues.LIMITS.getMaxStringLength();

    private final ResponseFormat format;
    private final String recordsPointer;
    private final Set<String> scalarPointers;
    /** Every proper prefix of the pointers above: the branches worth descending into. */
    private final Set<String> prefixes = new HashSet<>();

    public PageParser(JsonPointer recordsPointer, Collection<JsonPointer> scalarPointers) {
        this(recordsPointer, scalarPointers, ResponseFormat.JSON);
    }

    /**
     * A parser of {@code format}; with {@link ResponseFormat#NDJSON} each JSON value of the body is one item (the
     * records pointer is not used, and the body holds no scalars to capture).
     */
    public PageParser(JsonPointer recordsPointer, Collection<JsonPointer> scalarPointers, ResponseFormat format) {
        this.format = format;
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
        Walk walk = new Walk(body);
        try (JsonParser parser = ItemValues.FACTORY.createParser(body)) {
            JsonToken token = parser.nextToken();
            if (format == ResponseFormat.NDJSON) {
                // Jackson reads a sequence of root values separated by whitespace (the line breaks) one by one,
                // from the body already bounded by http.response.max.bytes; an empty body is an empty page.
                List<Item> items = new ArrayList<>();
                for (; token != null; token = parser.nextToken()) {
                    walk.readItem(parser, items);
                }
                return new ParsedPage(uri, items, Map.of(), headers);
            }
            if (token == null) {
                throw new MalformedPageException("the response body is empty, not JSON");
            }
            walk.value(parser, "");
            if (parser.nextToken() != null) {
                throw new MalformedPageException("the response body has content after its JSON document");
            }
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending token: server text, kept to one short line.
            throw new MalformedPageException("the response body is not valid JSON: "
                + ServerText.quote(e.getOriginalMessage()), e);
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
        private final byte[] body;
        private List<Item> items;
        private final Map<String, String> scalars = new HashMap<>();

        /** The top-level fields of the item being read, reused from item to item; -1 if it is not an object. */
        private String[] fieldNames = new String[16];
        private int[] fieldStarts = new int[16];
        private int fieldCount;

        Walk(byte[] body) {
            this.body = body;
        }

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
                    return;
                }
                // Not a scalar: no value, but another pointer (records, a cursor) may lie below it.
                if (!prefixes.contains(path)) {
                    parser.skipChildren();
                    return;
                }
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
                readItem(parser, read);
            }
            return read;
        }

        /** Reads the item the parser is at into {@code read}. */
        void readItem(JsonParser parser, List<Item> read) throws IOException {
            long start = parser.currentTokenLocation().getByteOffset();
            if (start < 0) {
                // Jackson decodes UTF-16 and UTF-32 bodies through a Reader: no byte offsets to slice by.
                read.add(ItemValues.readAndWrite(parser));
                return;
            }
            // Only find where the item ends, and where its top-level fields start (for key pointers): its
            // forms are built from these bytes when asked for.
            JsonToken token = parser.currentToken();
            fieldCount = -1;
            if (token == JsonToken.START_OBJECT) {
                fieldCount = 0;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    addField(name, parser.currentTokenLocation().getByteOffset());
                    parser.skipChildren();
                }
            } else if (token == JsonToken.START_ARRAY) {
                parser.skipChildren();
            } else if (token == JsonToken.VALUE_STRING) {
                parser.finishToken();
            }
            long end = parser.currentLocation().getByteOffset();
            Item item = fieldCount < 0 ? new Item(body, (int) start, (int) end)
                : new Item(body, (int) start, (int) end, Arrays.copyOf(fieldNames, fieldCount),
                    Arrays.copyOf(fieldStarts, fieldCount));
            if (end - start > MAX_STRING_LENGTH) {
                // Skipping does not check the string length limit that reading enforces; a string that may be
                // too long fails the page here, as reading it always did, not later when it is used.
                item.readValue();
            }
            read.add(item);
        }

        private void addField(String name, long valueStart) {
            if (fieldCount == fieldNames.length) {
                fieldNames = Arrays.copyOf(fieldNames, fieldCount * 2);
                fieldStarts = Arrays.copyOf(fieldStarts, fieldCount * 2);
            }
            fieldNames[fieldCount] = name;
            fieldStarts[fieldCount++] = (int) valueStart;
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
