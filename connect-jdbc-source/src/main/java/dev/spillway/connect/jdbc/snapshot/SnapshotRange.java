package dev.spillway.connect.jdbc.snapshot;

import dev.spillway.connect.jdbc.discovery.TableId;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One key range of a table split for a parallel snapshot: rows with {@code lo < key <= hi} (null: open), and in
 * the incremental modes only those at or below the plan's high-water mark {@code w} (an id, or a timestamp the
 * rows are strictly below). It carries what the plan was made for (mode, tracking column(s), key columns), so a
 * plan that no longer fits the configuration is refused rather than read wrongly. The connector hands it to a
 * task in {@code task.ranges}; every offset of the range repeats it (see {@link RangeOffset}), so the plan can
 * be rebuilt from the offsets alone.
 */
public record SnapshotRange(TableId table, String plan, int index, int count, KeyValues lo, KeyValues hi,
                            String w, String mode, String column, List<String> keys, List<KeyValues.Kind> kinds) {

    static final String TABLE_KEY = "table";
    static final String PLAN_KEY = "plan";
    static final String INDEX_KEY = "range";
    static final String COUNT_KEY = "n";
    static final String LO_KEY = "lo";
    static final String HI_KEY = "hi";
    static final String W_KEY = "w";
    static final String MODE_KEY = "mode";
    static final String COLUMN_KEY = "col";
    static final String KEYS_KEY = "keys";
    static final String KINDS_KEY = "kinds";

    public SnapshotRange {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(mode, "mode");
        keys = List.copyOf(keys);
        kinds = List.copyOf(kinds);
        if (keys.isEmpty() || keys.size() != kinds.size()) {
            throw new IllegalArgumentException("a range needs its key columns and their kinds: " + keys + " " + kinds);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("range " + index + " of " + count);
        }
        column = column == null ? "" : column;
    }

    /** The fields every offset of this range repeats (strings and numbers only, as offsets need). */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(PLAN_KEY, plan);
        map.put(COUNT_KEY, count);
        putIfSet(map, LO_KEY, KeyValues.encodeOrNull(lo));
        putIfSet(map, HI_KEY, KeyValues.encodeOrNull(hi));
        putIfSet(map, W_KEY, w);
        map.put(MODE_KEY, mode);
        map.put(COLUMN_KEY, column);
        map.put(KEYS_KEY, keys.stream().map(k -> URLEncoder.encode(k, StandardCharsets.UTF_8))
            .collect(Collectors.joining(",")));
        map.put(KINDS_KEY, KeyValues.Kind.codes(kinds));
        return map;
    }

    static SnapshotRange fromMap(TableId table, int index, Map<String, ?> map) {
        Object count = map.get(COUNT_KEY);
        if (!(count instanceof Number n)) {
            throw new IllegalArgumentException("range offset 'n' must be a number: " + map);
        }
        List<KeyValues.Kind> kinds = KeyValues.Kind.parse(required(map, KINDS_KEY));
        List<String> keys = List.of(required(map, KEYS_KEY).split(",", -1)).stream()
            .map(k -> URLDecoder.decode(k, StandardCharsets.UTF_8)).toList();
        return new SnapshotRange(table, required(map, PLAN_KEY), index, n.intValue(),
            KeyValues.decode(optional(map, LO_KEY), kinds), KeyValues.decode(optional(map, HI_KEY), kinds),
            optional(map, W_KEY), required(map, MODE_KEY), optional(map, COLUMN_KEY), keys, kinds);
    }

    /** One element of {@code task.ranges}: no comma inside, since that list is comma-separated. */
    public String encode() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(TABLE_KEY, table.encode());
        map.put(INDEX_KEY, index);
        map.putAll(toMap());
        return map.entrySet().stream().map(e -> e.getKey() + "="
            + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    public static SnapshotRange decode(String encoded) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not a key range: " + encoded);
            }
            map.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        Object count = map.get(COUNT_KEY);
        map.put(COUNT_KEY, Integer.parseInt(String.valueOf(count)));
        return fromMap(TableId.decode(required(map, TABLE_KEY)), Integer.parseInt(required(map, INDEX_KEY)), map);
    }

    public String describe() {
        return table.qualified() + " range " + index + " of " + count + " (" + keys + " in ("
            + (lo == null ? "-inf" : lo) + ", " + (hi == null ? "+inf" : hi) + "])";
    }

    /** The same range with other bounds or index (to rebuild a plan's gaps). */
    SnapshotRange with(int newIndex, KeyValues newLo, KeyValues newHi) {
        return new SnapshotRange(table, plan, newIndex, count, newLo, newHi, w, mode, column, keys, kinds);
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String required(Map<String, ?> map, String key) {
        String value = optional(map, key);
        if (value == null) {
            throw new IllegalArgumentException("range offset has no '" + key + "': " + map);
        }
        return value;
    }

    private static String optional(Map<String, ?> map, String key) {
        Object value = map.get(key);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("range offset '" + key + "' must be a string: " + map);
        }
        return (String) value;
    }
}
