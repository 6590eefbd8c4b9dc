package dev.spillway.connect.jdbc.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Spreads tables over tasks by estimated row count rather than by number of tables: largest first, each to the
 * task with the fewest rows so far (ties to the lower task index), the classic greedy that keeps the biggest task
 * within 4/3 of the best split. Deterministic for the same input, so a reconfiguration only moves tables when the
 * tables or their estimates changed.
 */
public final class TaskAssignment {

    private TaskAssignment() {
    }

    public static List<List<TableId>> assign(List<DiscoveredTable> tables, int maxTasks) {
        int tasks = Math.min(maxTasks, tables.size());
        List<List<TableId>> assigned = new ArrayList<>();
        long[] load = new long[tasks];
        for (int t = 0; t < tasks; t++) {
            assigned.add(new ArrayList<>());
        }
        List<DiscoveredTable> ordered = new ArrayList<>(tables);
        ordered.sort(Comparator.comparingLong((DiscoveredTable t) -> Math.max(0, t.estimatedRows())).reversed()
            .thenComparing(DiscoveredTable::id));
        for (DiscoveredTable table : ordered) {
            int target = 0;
            for (int t = 1; t < tasks; t++) {
                if (load[t] < load[target] || (load[t] == load[target] && assigned.get(t).size() < assigned.get(target).size())) {
                    target = t;
                }
            }
            // An empty table still costs a query per poll: count it as one row so they spread too.
            load[target] += Math.max(1, table.estimatedRows());
            assigned.get(target).add(table.id());
        }
        return assigned;
    }
}
