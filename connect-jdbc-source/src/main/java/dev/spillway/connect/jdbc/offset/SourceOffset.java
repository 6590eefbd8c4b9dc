package dev.spillway.connect.jdbc.offset;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a partition resumes: the timestamp and/or incrementing value of the last row that is safe to resume
 * after. Both are kept as exact strings: the timestamp with all its fractional digits (a truncated timestamp
 * makes the next query re-read or skip rows), the id as a decimal so that unsigned BIGINT and NUMERIC keys beyond
 * {@code Long} survive. {@code v} is the format version, so the format can grow.
 *
 * <p>The timestamp is an ISO-8601 local date-time for columns without a time zone
 * ({@code 2026-12-01T10:15:30.123456}) and an instant ending in {@code Z} for columns with one.
 *
 * <p>A table whose first catch-up is split into key ranges (see {@code snapshot.split.min.rows}) carries the
 * split's marker in its own offset: {@code plan}, the plan's id, and {@code w}, the high-water mark below which
 * the ranges read. Its incremental reading starts at {@code w}. Only such offsets are written as version 2, so a
 * connector of an older version still reads every other offset.
 */
public record SourceOffset(String timestamp, BigDecimal id, long snapshot, String plan, String w) {

    public static final int VERSION = 2;
    static final int PLAIN_VERSION = 1;
    static final String VERSION_KEY = "v";
    static final String TIMESTAMP_KEY = "ts";
    static final String ID_KEY = "id";
    static final String SNAPSHOT_KEY = "snapshot";
    static final String PLAN_KEY = "plan";
    static final String W_KEY = "w";

    public static final SourceOffset NONE = new SourceOffset(null, null, 0, null, null);

    public SourceOffset(String timestamp, BigDecimal id, long snapshot) {
        this(timestamp, id, snapshot, null, null);
    }

    /** Where a split table's own incremental reading starts: at the plan's high-water mark. */
    public static SourceOffset splitStart(String plan, String w) {
        return new SourceOffset(null, null, 0, plan, w);
    }

    public SourceOffset withTimestamp(String ts) {
        return new SourceOffset(ts, id, snapshot, plan, w);
    }

    public SourceOffset withId(BigDecimal newId) {
        return new SourceOffset(timestamp, newId, snapshot, plan, w);
    }

    public SourceOffset withSnapshot(long newSnapshot) {
        return new SourceOffset(timestamp, id, newSnapshot, plan, w);
    }

    /** True if this table's first catch-up was split into ranges. */
    public boolean isSplit() {
        return plan != null;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>();
        map.put(VERSION_KEY, plan == null ? PLAIN_VERSION : VERSION);
        if (timestamp != null) {
            map.put(TIMESTAMP_KEY, timestamp);
        }
        if (id != null) {
            map.put(ID_KEY, id.toPlainString());
        }
        if (snapshot != 0) {
            map.put(SNAPSHOT_KEY, snapshot);
        }
        if (plan != null) {
            map.put(PLAN_KEY, plan);
            if (w != null) {
                map.put(W_KEY, w);
            }
        }
        return map;
    }

    /** The offset a stored map describes; {@link #NONE} for null (nothing stored yet). */
    public static SourceOffset fromMap(Map<String, ?> map) {
        if (map == null) {
            return NONE;
        }
        checkVersion(map, VERSION);
        Object ts = map.get(TIMESTAMP_KEY);
        if (ts != null && !(ts instanceof String)) {
            throw new IllegalArgumentException("offset 'ts' must be a string: " + map);
        }
        Object id = map.get(ID_KEY);
        BigDecimal parsedId;
        try {
            parsedId = id == null ? null : new BigDecimal(id.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("offset 'id' must be a decimal number: " + map, e);
        }
        Object snapshot = map.get(SNAPSHOT_KEY);
        if (snapshot != null && !(snapshot instanceof Number)) {
            throw new IllegalArgumentException("offset 'snapshot' must be a number: " + map);
        }
        return new SourceOffset((String) ts, parsedId, snapshot == null ? 0 : ((Number) snapshot).longValue(),
            string(map, PLAN_KEY), string(map, W_KEY));
    }

    static void checkVersion(Map<String, ?> map, int highest) {
        Object version = map.get(VERSION_KEY);
        if (!(version instanceof Number n) || n.intValue() < 1 || n.intValue() > highest) {
            throw new IllegalArgumentException("unsupported JDBC source offset version " + version
                + " (this connector writes up to " + highest + "): " + map);
        }
    }

    static String string(Map<String, ?> map, String key) {
        Object value = map.get(key);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("offset '" + key + "' must be a string: " + map);
        }
        return (String) value;
    }
}
