package dev.spillway.connect.rest.extract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
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
    private final String[] fieldNames;
    private final int[] fieldStarts;

    private Object value;
    private boolean valueRead;
    private String json;
    /** The last pointer looked up, and what it found (the since field is read twice). */
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
        this.fieldNames = null;
        this.fieldStarts = null;
    }

    /** The item at {@code body[start, end)}, which the page parser has read as one complete JSON value. */
    Item(byte[] body, int start, int end) {
        this(body, start, end, null, null);
    }

    /**
     * An object item and its top-level fields in order (a name may repeat): each field's name and the offset in
     * {@code body} where its value starts.
     */
    Item(byte[] body, int start, int end, String[] fieldNames, int[] fieldStarts) {
        this.body = body;
        this.start = start;
        this.end = end;
        this.fieldNames = fieldNames;
        this.fieldStarts = fieldStarts;
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

    /**
     * The value at {@code pointer}, its numbers exact (see {@link ItemValues#readExact}): from {@link #value()} once
     * built, unless a double there would round a watermark or a key; then, and before, from the item's JSON.
     */
    public Optional<Object> at(JsonPointer pointer) {
        if (valueRead) {
            // The value already built answers, unless what it holds there went through a double.
            Optional<Object> found = JsonPointers.valueAt(value, pointer);
            if (found.isEmpty() || !holdsDouble(found.get())) {
                return found;
            }
        }
        if (fieldNames != null && !pointer.matches()) {
            Optional<Object> field = topLevelField(pointer);
            if (field != null) {
                return field;
            }
        }
        if (!pointer.equals(lastPointer)) {
            lastFound = read(parser -> ItemValues.at(parser, pointer));
            lastPointer = pointer;
        }
        return lastFound;
    }

    private static boolean holdsDouble(Object value) {
        if (value instanceof Double) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(Item::holdsDouble);
        }
        return value instanceof List<?> list && list.stream().anyMatch(Item::holdsDouble);
    }

    /**
     * A pointer into an object item answered from its field index where that is simple: no such field, or a plain
     * scalar (a string without escapes, an integer of up to 18 digits, a literal) read straight from the bytes;
     * {@code null} when the value has to be parsed. The last of repeated names counts, as in the map.
     */
    @SuppressWarnings("OptionalAssignedToNull")
    private Optional<Object> topLevelField(JsonPointer pointer) {
        String name = pointer.getMatchingProperty();
        int field = -1;
        for (int i = 0; i < fieldNames.length; i++) {
            if (fieldNames[i].equals(name)) {
                field = i;
            }
        }
        if (field < 0) {
            return Optional.empty();
        }
        Optional<Object> scalar = ScalarBytes.read(body, fieldStarts[field]);
        if (scalar == null) {
            return null;
        }
        // Nothing is below a scalar.
        return pointer.tail().matches() ? scalar : Optional.empty();
    }

    /**
     * The item's JSON for a tree parser: a {@code ByteBuffer} over its bytes in the response body (no copy), or
     * its text when the body was not UTF-8 or the item was built from its forms.
     */
    public Object source() {
        return body != null ? ByteBuffer.wrap(body, start, end - start) : json();
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
        try (JsonParser parser = body != null ? ItemValues.parser(body, start, end) : ItemValues.parser(json)) {
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
