package dev.spillway.connect.rest.pagination;

import dev.spillway.connect.rest.net.Urls;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a pagination strategy needs to request one page again: a cursor, a URL, a page number, an offset or a
 * watermark. Immutable; values are strings or longs, so that it fits flat into a Connect source offset.
 */
public final class PageState {

    private static final PageState EMPTY = new PageState(Map.of());

    private final Map<String, Object> values;

    private PageState(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** The state of an endpoint's very first request: no cursor, no page, no watermark yet. */
    public static PageState empty() {
        return EMPTY;
    }

    public static PageState of(String key, String value) {
        return new PageState(Map.of(key, Objects.requireNonNull(value, key)));
    }

    public static PageState of(String key, long value) {
        return new PageState(Map.of(key, value));
    }

    /** A state from stored values; only strings and whole numbers (read back as {@code Long}) are kept. */
    public static PageState fromValues(Map<String, ?> stored) {
        Map<String, Object> values = new TreeMap<>();
        stored.forEach((key, value) -> {
            if (value instanceof String) {
                values.put(key, value);
            } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
                values.put(key, ((Number) value).longValue());
            } else {
                throw new IllegalArgumentException("page state value " + key + " must be a string or an integer,"
                    + " not " + (value == null ? "null" : value.getClass().getSimpleName()));
            }
        });
        return values.isEmpty() ? EMPTY : new PageState(values);
    }

    public Optional<String> string(String key) {
        Object value = values.get(key);
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    public OptionalLong number(String key) {
        Object value = values.get(key);
        if (value instanceof Long number) {
            return OptionalLong.of(number);
        }
        if (value instanceof String text) {
            try {
                return OptionalLong.of(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /** The values, sorted by key; unmodifiable. */
    public Map<String, Object> values() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PageState state && values.equals(state.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /**
     * {@code cursor=abc}, {@code page=3}, or {@code first} for the empty state; for logs, exceptions and record
     * headers. URLs (next links) appear {@linkplain Urls#redact(String) redacted}: APIs put tokens in their query.
     */
    @Override
    public String toString() {
        if (values.isEmpty()) {
            return "first";
        }
        return values.entrySet().stream().map(e -> e.getKey() + "=" + shown(e.getValue()))
            .collect(Collectors.joining("&"));
    }

    private static Object shown(Object value) {
        return value instanceof String text && text.contains("://") ? Urls.redact(text) : value;
    }
}
