package dev.spillway.connect.rest.extract;

import com.fasterxml.jackson.core.JsonPointer;

import java.util.Objects;
import java.util.Optional;

/**
 * One item of a page: its value as plain Java ({@code Map}, {@code List}, {@code String}, {@code Long},
 * {@code Double}, {@code Boolean} or {@code null}) and its JSON text with every number written as the API sent it.
 */
public record Item(Object value, String json) {

    public Item {
        Objects.requireNonNull(json, "json");
    }

    public Optional<Object> at(JsonPointer pointer) {
        return JsonPointers.valueAt(value, pointer);
    }

    /** The value at {@code pointer} as text: strings as they are, numbers and booleans printed, the rest as JSON. */
    public Optional<String> textAt(JsonPointer pointer) {
        return at(pointer).map(JsonText::asText);
    }
}
