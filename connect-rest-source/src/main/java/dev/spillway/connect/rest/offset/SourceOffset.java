package dev.spillway.connect.rest.offset;

import dev.spillway.connect.rest.net.Urls;
import dev.spillway.connect.rest.pagination.PagePosition;
import dev.spillway.connect.rest.pagination.PageState;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The source offset of a record: the position from which a restarted task re-reads without skipping anything,
 * namely the request state of the page that held the record (cursor, URL, page number, offset or watermark) and
 * how many items of that page have been emitted. Flat, because Connect only stores primitive offset values:
 *
 * <pre>{"v": 1, "pagination": "cursor", "cursor": "c42", "skip": 17}</pre>
 *
 * <p>{@code v} is the format version, so the format can evolve; {@code pagination} is the strategy that wrote it,
 * because a cursor means nothing to a page-number walk.
 */
public record SourceOffset(String pagination, PagePosition position) {

    public static final int VERSION = 1;
    public static final String VERSION_KEY = "v";
    public static final String PAGINATION_KEY = "pagination";
    public static final String SKIP_KEY = "skip";
    private static final Set<String> RESERVED = Set.of(VERSION_KEY, PAGINATION_KEY, SKIP_KEY);

    public SourceOffset {
        Objects.requireNonNull(pagination, "pagination");
        Objects.requireNonNull(position, "position");
        for (String key : position.state().values().keySet()) {
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("page state key " + key + " is reserved in source offsets");
            }
        }
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(VERSION_KEY, VERSION);
        map.put(PAGINATION_KEY, pagination);
        map.putAll(position.state().values());
        map.put(SKIP_KEY, position.skip());
        return map;
    }

    /**
     * Reads a stored offset.
     *
     * @throws IllegalArgumentException naming what is wrong, if the map is not an offset this version wrote
     */
    public static SourceOffset fromMap(Map<String, ?> map) {
        Objects.requireNonNull(map, "map");
        Object version = map.get(VERSION_KEY);
        if (!(version instanceof Number number) || number.longValue() != VERSION) {
            throw new IllegalArgumentException("unsupported offset format version " + version + " (this version"
                + " reads " + VERSION_KEY + "=" + VERSION + "): " + shown(map));
        }
        if (!(map.get(PAGINATION_KEY) instanceof String pagination) || pagination.isEmpty()) {
            throw new IllegalArgumentException("offset has no '" + PAGINATION_KEY + "': " + shown(map));
        }
        Object skip = map.get(SKIP_KEY);
        if (!(skip instanceof Long || skip instanceof Integer) || ((Number) skip).longValue() < 0) {
            throw new IllegalArgumentException("offset '" + SKIP_KEY + "' must be a whole number >= 0: "
                + shown(map));
        }
        Map<String, Object> state = new HashMap<>(map);
        state.keySet().removeAll(RESERVED);
        return new SourceOffset(pagination,
            new PagePosition(PageState.fromValues(state), ((Number) skip).longValue()));
    }

    /** An offset as it may appear in an error: URL values (next links) redacted, since they may carry tokens. */
    private static String shown(Map<String, ?> map) {
        Map<String, Object> shown = new TreeMap<>();
        map.forEach((key, value) -> shown.put(String.valueOf(key),
            value instanceof String text && text.contains("://") ? Urls.redact(text) : value));
        return shown.toString();
    }
}
