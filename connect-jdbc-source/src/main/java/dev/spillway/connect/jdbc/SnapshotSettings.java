package dev.spillway.connect.jdbc;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * When one big table's snapshot (bulk mode, or the first catch-up of an incremental mode) is cut into primary-key
 * ranges read by several tasks at once. See "Parallel snapshot" in docs/jdbc-source.md.
 */
public final class SnapshotSettings {

    private static final String GROUP = "Parallel snapshot";

    public static final String SPLIT_MIN_ROWS_CONFIG = "snapshot.split.min.rows";
    private static final String SPLIT_MIN_ROWS_DOC = "A table whose catalog row estimate is above this, with a"
        + " primary key (or key.columns) of integer, numeric or text columns, is cut into key ranges on its first"
        + " read, each range a source partition of its own spread over the tasks: bulk mode re-reads every range"
        + " each pass; the incremental modes read the ranges once, up to a high-water mark the transaction horizon"
        + " makes safe, while the table's own partition reads on from that mark. Tables with stored offsets from"
        + " before are never split. 0 never splits. A plan, once made, is kept until its ranges are done: changing"
        + " this or snapshot.split.max.ranges later does not re-split it.";

    public static final String SPLIT_MAX_RANGES_CONFIG = "snapshot.split.max.ranges";
    private static final String SPLIT_MAX_RANGES_DOC = "At most this many key ranges per table. A table is cut into"
        + " min(this, max(ceil(rows / snapshot.split.min.rows), 4 x tasks.max)) ranges of about equal row counts,"
        + " so a later tasks.max change still finds ranges to move.";

    private final long minRows;
    private final int maxRanges;

    SnapshotSettings(AbstractConfig config) {
        this.minRows = config.getLong(SPLIT_MIN_ROWS_CONFIG);
        this.maxRanges = config.getInt(SPLIT_MAX_RANGES_CONFIG);
    }

    /** Adds this concern's keys to the connector's ConfigDef. */
    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def.define(SPLIT_MIN_ROWS_CONFIG, Type.LONG, 1_000_000L, Range.atLeast(0), Importance.MEDIUM,
                SPLIT_MIN_ROWS_DOC, GROUP, ++order, Width.SHORT, "Split above rows")
            .define(SPLIT_MAX_RANGES_CONFIG, Type.INT, 32, Range.between(2, 1024), Importance.LOW,
                SPLIT_MAX_RANGES_DOC, GROUP, ++order, Width.SHORT, "Most ranges per table");
    }

    /** 0: never split. */
    public long minRows() {
        return minRows;
    }

    public int maxRanges() {
        return maxRanges;
    }

    /** True if a table with this row estimate is split on its first read. */
    public boolean splits(long estimatedRows) {
        return minRows > 0 && estimatedRows > minRows;
    }

    /** How many ranges a table of {@code estimatedRows} is cut into. */
    public int ranges(long estimatedRows, int tasksMax) {
        long byRows = (estimatedRows + minRows - 1) / Math.max(1, minRows);
        return (int) Math.max(2, Math.min(maxRanges, Math.max(byRows, 4L * tasksMax)));
    }
}
