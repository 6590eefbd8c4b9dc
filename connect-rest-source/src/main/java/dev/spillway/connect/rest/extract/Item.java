package dev.spillway.connect.rest.extract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of a page: its value as plain Java ({@code Map}, {@code List}, {@code String}, {@code Long},
 * {@code Double}, {@code Boolean} or {@code null}) and its JSON text with every number written as the API sent it.
 *
 * <p>An item read by {@link PageParser} is a slice of the response body, already checked to be valid JSON. Each
 * form is only built when asked for, and then kept: a connector writing JSON strings never builds the map, one
 * writing maps never writes the text, and a key or timestamp is read by pointer from the slice without either.
 */
public final class Item {

    private final byte[] body;
    private final int start;
    private final int end;

    private Object value;
    private boolean valueRead;
    private String json;
    /** The last pointer looked up before the value was built, and what it found (the since field is read twice). */
    private JsonPointer lastPointer;
    private Optional<Object> lastFound;

    /** An item whose two forms are already known. */
    public Item(Object value, String json) {
        this.json = Objects.requireNonNull(json, "json");
        this.value = value;
        this.valueRead = true;
        this.body = null;
        this.start = 0;
        this.end = 0;
    }

    /** The item at {@code body[start, end)}, which the page parser has read as one complete JSON value. */
    Item(byte[] body, int start, int end) {
        this.body = body;
        this.start = start;
        this.end = end;
    }

    /** The item as plain Java. */
    public Object value() {
        if (!valueRead) {
            value = read(ItemValues::read);
            valueRead = true;
        }
        return value;
    }

    /** The item as compact JSON text, numbers verbatim. */
    public String json() {
        if (json == null) {
            json = VerbatimJson.text(body, start, end).orElseGet(() -> read(ItemValues::rewrite));
        }
        return json;
    }

    public Optional<Object> at(JsonPointer pointer) {
        if (valueRead) {
            return JsonPointers.valueAt(value, pointer);
        }
        if (!pointer.equals(lastPointer)) {
            lastFound = read(parser -> ItemValues.at(parser, pointer));
            lastPointer = pointer;
        }
        return lastFound;
    }

    /** The value at {@code pointer} as text: strings as they are, numbers and booleans printed, the rest as JSON. */
    public Optional<String> textAt(JsonPointer pointer) {
        return at(pointer).map(JsonText::asText);
    }

    /** Builds the plain value now, failing as the page parser does if it breaks a limit that skipping did not check. */
    void readValue() throws IOException {
        value = readChecked(ItemValues::read);
        valueRead = true;
    }

    private <T> T readChecked(ItemValues.Reader<T> reader) throws IOException {
        try (JsonParser parser = ItemValues.parser(body, start, end)) {
            return reader.read(parser);
        }
    }

    private <T> T read(ItemValues.Reader<T> reader) {
        try {
            return readChecked(reader);
        } catch (IOException e) {
            // The page parser already read this slice as valid JSON with the same limits.
            throw new UncheckedIOException("cannot read an item again that was read before", e);
        }
    }

    @Override
    public String toString() {
        return json();
    }
}
