package dev.spillway.connect.jdbc.snapshot;

import dev.spillway.connect.jdbc.discovery.TableId;

import java.util.HashMap;
import java.util.Map;

/**
 * The offset of one key range: the range itself (so the connector can rebuild the plan from offsets alone), the
 * last key read ({@code pos}: the range resumes with {@code key > pos}), {@code done} once its last row was read
 * (incremental modes) and, in bulk mode, the number of the last finished pass over it. Version 2 of the JDBC
 * source's offset format; a table's own offsets stay version 1 unless they carry a split marker.
 */
public record RangeOffset(SnapshotRange range, KeyValues pos, boolean done, long snapshot) {

    public static final int VERSION = 2;
    static final String VERSION_KEY = "v";
    static final String POS_KEY = "pos";
    static final String DONE_KEY = "done";
    static final String SNAPSHOT_KEY = "snapshot";

    public RangeOffset withPos(KeyValues newPos) {
        return new RangeOffset(range, newPos, done, snapshot);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>(range.toMap());
        map.put(VERSION_KEY, VERSION);
        if (pos != null) {
            map.put(POS_KEY, pos.encode());
        }
        if (done) {
            map.put(DONE_KEY, true);
        }
        if (snapshot != 0) {
            map.put(SNAPSHOT_KEY, snapshot);
        }
        return map;
    }

    /** The offset stored for range {@code index} of {@code table}. */
    public static RangeOffset fromMap(TableId table, int index, Map<String, ?> map) {
        Object version = map.get(VERSION_KEY);
        if (!(version instanceof Number n) || n.intValue() != VERSION) {
            throw new IllegalArgumentException("unsupported JDBC source range offset version " + version
                + " (this connector writes " + VERSION + "): " + map);
        }
        SnapshotRange range = SnapshotRange.fromMap(table, index, map);
        Object pos = map.get(POS_KEY);
        if (pos != null && !(pos instanceof String)) {
            throw new IllegalArgumentException("range offset 'pos' must be a string: " + map);
        }
        Object done = map.get(DONE_KEY);
        Object snapshot = map.get(SNAPSHOT_KEY);
        if (snapshot != null && !(snapshot instanceof Number)) {
            throw new IllegalArgumentException("range offset 'snapshot' must be a number: " + map);
        }
        return new RangeOffset(range, KeyValues.decode((String) pos, range.kinds()), Boolean.TRUE.equals(done),
            snapshot == null ? 0 : ((Number) snapshot).longValue());
    }

    /** A range with nothing read yet. */
    public static RangeOffset start(SnapshotRange range) {
        return new RangeOffset(range, null, false, 0);
    }
}
