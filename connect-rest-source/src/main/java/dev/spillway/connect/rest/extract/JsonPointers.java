package dev.spillway.connect.rest.extract;

import com.fasterxml.jackson.core.JsonPointer;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 6901 JSON pointers ({@code /data/items}, {@code /id}, {@code ""} for the whole document): parsed by the same
 * code in config validation and at run time, and evaluated on the plain Java values {@link PageParser} builds.
 */
public final class JsonPointers {

    private JsonPointers() {
    }

    /** @throws IllegalArgumentException with the reason if {@code text} is not a JSON pointer */
    public static JsonPointer parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a JSON pointer is required");
        }
        if (!text.isEmpty() && !text.startsWith("/")) {
            throw new IllegalArgumentException("a JSON pointer is empty (the whole document) or starts with '/',"
                + " e.g. /items or /data/results");
        }
        try {
            return JsonPointer.compile(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JSON pointer: " + e.getMessage(), e);
        }
    }

    /** The value at {@code pointer} inside a value read by {@link PageParser}; empty if absent. */
    public static Optional<Object> valueAt(Object root, JsonPointer pointer) {
        Object current = root;
        for (JsonPointer step = pointer; !step.matches(); step = step.tail()) {
            if (current instanceof Map<?, ?> map) {
                String name = step.getMatchingProperty();
                if (!map.containsKey(name)) {
                    return Optional.empty();
                }
                current = map.get(name);
            } else if (current instanceof List<?> list) {
                int index = step.getMatchingIndex();
                if (index < 0 || index >= list.size()) {
                    return Optional.empty();
                }
                current = list.get(index);
            } else {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(current);
    }

    /** A {@link ConfigDef} validator for a JSON pointer setting; {@code null} passes when the setting is optional. */
    public static ConfigDef.Validator validator(boolean optional) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null && optional) {
                    return;
                }
                try {
                    parse((String) value);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return "a JSON pointer (RFC 6901), e.g. /items" + (optional ? ", or unset" : "");
            }
        };
    }
}
