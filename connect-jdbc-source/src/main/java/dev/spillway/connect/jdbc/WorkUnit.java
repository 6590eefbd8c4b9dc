package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.discovery.DiscoveredTable;
import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.snapshot.SnapshotRange;
import dev.spillway.connect.jdbc.snapshot.SplitStart;
import dev.spillway.connect.jdbc.snapshot.TableSplit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the connector assigns to a task: a whole table (with where its own partition starts, if it is split) or
 * one key range of a split table, with the rows it is estimated to hold.
 */
record WorkUnit(TableId table, SnapshotRange range, SplitStart split, long rows) {

    /** Sorts units of equal size: by table, the table's own partition before its ranges, ranges by number. */
    String order() {
        return table.qualified() + "\u0000" + (range == null ? "" : String.format("%05d", range.index()));
    }

    /**
     * The units of the known tables. A table that may be split waits, unassigned, until the coordinator decided
     * (its first read must not start before the plan). A split table in bulk mode has only its ranges; in the
     * incremental modes also its own partition, which reads above the plan's mark meanwhile.
     */
    static List<WorkUnit> of(List<DiscoveredTable> tables, SnapshotCoordinator snapshots) {
        List<WorkUnit> units = new ArrayList<>();
        for (DiscoveredTable table : tables) {
            Optional<TableSplit> decision = snapshots == null ? Optional.empty() : snapshots.decision(table.id());
            if (decision == null) {
                if (!snapshots.mayBeSplit(table)) {
                    units.add(new WorkUnit(table.id(), null, null, table.estimatedRows()));
                }
                continue;
            }
            if (decision.isEmpty()) {
                units.add(new WorkUnit(table.id(), null, null, table.estimatedRows()));
                continue;
            }
            TableSplit split = decision.get();
            if (!split.bulk()) {
                units.add(new WorkUnit(table.id(), null, split.start(), split.ranges().isEmpty()
                    ? table.estimatedRows() : 1));
            }
            long each = Math.max(1, table.estimatedRows() / Math.max(1, split.ranges().isEmpty() ? 1
                : split.ranges().get(0).count()));
            for (SnapshotRange range : split.ranges()) {
                units.add(new WorkUnit(table.id(), range, null, each));
            }
        }
        return units;
    }
}
