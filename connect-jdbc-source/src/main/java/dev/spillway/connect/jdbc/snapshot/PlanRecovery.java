package dev.spillway.connect.jdbc.snapshot;

import dev.spillway.connect.jdbc.discovery.TableId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Rebuilds a table's split plan from the offsets its ranges stored. Connect lets neither a connector list
 * offsets nor a task write one without a record, so the plan lives only in those offsets: a range that has not
 * committed any offset yet is a gap between the bounds of its neighbours, and is read again as one range
 * (under the number of its first missing index). A plan made for another mode, tracking column or key is
 * refused: its bounds and its high-water mark would mean something else now.
 */
public final class PlanRecovery {

    private PlanRecovery() {
    }

    /** What the configuration reads now, to compare a stored plan with. */
    public record Expected(String mode, String column, List<String> keys) {
    }

    /**
     * The split still to read, from the ranges found (index to offset, at least one); in the incremental modes
     * an empty list of ranges means every range is done.
     */
    public static TableSplit recover(TableId table, Map<Integer, RangeOffset> found, Expected expected) {
        TreeMap<Integer, RangeOffset> byIndex = new TreeMap<>(found);
        SnapshotRange first = byIndex.firstEntry().getValue().range();
        for (RangeOffset offset : byIndex.values()) {
            SnapshotRange range = offset.range();
            if (!range.plan().equals(first.plan()) || range.count() != first.count()) {
                throw new IllegalStateException(table.qualified() + ": the stored key ranges belong to two split"
                    + " plans (" + first.plan() + ", " + range.plan() + "); reset the connector's offsets (DELETE"
                    + " /connectors/{name}/offsets while it is stopped) to snapshot the table again");
            }
        }
        if (!first.mode().equals(expected.mode()) || !first.column().equals(expected.column())
            || (expected.keys() != null && !first.keys().equals(expected.keys()))) {
            boolean finished = first.w() != null && byIndex.size() == first.count()
                && byIndex.values().stream().allMatch(RangeOffset::done);
            // Once done, the ranges' offsets still hold the plan, and the table's own offset its mark.
            throw new IllegalStateException(table.qualified() + " has a parallel snapshot "
                + (finished ? "(finished)" : "in progress") + " made for"
                + " mode=" + first.mode() + ", column(s) '" + first.column() + "', key " + first.keys()
                + ", but the connector now reads mode=" + expected.mode() + ", column(s) '" + expected.column()
                + "', key " + expected.keys() + ": restore mode / incrementing.column.name / timestamp.column.name"
                + " / key.columns, or reset the offsets (DELETE /connectors/{name}/offsets while it is stopped)");
        }
        boolean bulk = first.w() == null;
        List<SnapshotRange> ranges = new ArrayList<>();
        int count = first.count();
        int index = 0;
        while (index < count) {
            RangeOffset known = byIndex.get(index);
            if (known != null) {
                if (bulk || !known.done()) {
                    ranges.add(known.range());
                }
                index++;
                continue;
            }
            int end = index;
            while (end + 1 < count && !byIndex.containsKey(end + 1)) {
                end++;
            }
            RangeOffset before = byIndex.get(index - 1);
            RangeOffset after = byIndex.get(end + 1);
            KeyValues lo = before == null ? null : before.range().hi();
            KeyValues hi = after == null ? null : after.range().lo();
            boolean coveredBelow = before != null && before.range().hi() == null;
            boolean coveredAbove = after != null && (after.range().lo() == null
                || (lo != null && Objects.equals(after.range().lo(), lo)));
            if (!coveredBelow && !coveredAbove) {
                ranges.add(first.with(index, lo, hi));
            }
            index = end + 1;
        }
        return new TableSplit(table, first.plan(), first.w(), ranges, bulk);
    }
}
