package dev.spillway.connect.jdbc.snapshot;

import dev.spillway.connect.jdbc.discovery.TableId;

import java.util.List;

/**
 * A table split for a parallel snapshot, as the connector assigns it: the ranges still to read (in bulk mode all
 * of them, since each is re-read every pass) and where the table's own incremental partition starts.
 */
public record TableSplit(TableId table, String plan, String w, List<SnapshotRange> ranges, boolean bulk) {

    public TableSplit {
        ranges = List.copyOf(ranges);
    }

    public SplitStart start() {
        return new SplitStart(table, plan, w);
    }

    /**
     * Cuts the table at {@code bounds} into {@code bounds.size() + 1} ranges, the first open below and the last
     * open above.
     */
    public static TableSplit plan(TableId table, String plan, String w, String mode, String column,
                                  List<String> keys, List<KeyValues.Kind> kinds, List<KeyValues> bounds,
                                  boolean bulk) {
        int count = bounds.size() + 1;
        List<SnapshotRange> ranges = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            ranges.add(new SnapshotRange(table, plan, i, count, i == 0 ? null : bounds.get(i - 1),
                i == count - 1 ? null : bounds.get(i), w, mode, column, keys, kinds));
        }
        return new TableSplit(table, plan, w, ranges, bulk);
    }
}
