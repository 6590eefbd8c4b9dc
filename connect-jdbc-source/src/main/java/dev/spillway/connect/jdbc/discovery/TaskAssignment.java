package dev.spillway.connect.jdbc.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Spreads units of work (tables, and the key ranges of tables snapshotted in parallel) over tasks by estimated
 * row count rather than by number: largest first, each to the task with the fewest rows so far (ties to the
 * lower task index), the classic greedy that keeps the biggest task within 4/3 of the best split. Deterministic
 * for the same input, so a reconfiguration only moves units when the units or their estimates changed.
 */
public final class TaskAssignment {

    private TaskAssignment() {
    }

    public static List<List<TableId>> assign(List<DiscoveredTable> tables, int maxTasks) {
        return assign(tables, DiscoveredTable::estimatedRows, Comparator.comparing(DiscoveredTable::id), maxTasks)
            .stream().map(own -> own.stream().map(DiscoveredTable::id).toList()).toList();
    }

    /** {@code order} breaks ties between units of equal size, so the result does not depend on input order. */
    public static <T> List<List<T>> assign(List<T> units, ToLongFunction<T> rows, Comparator<T> order,
                                           int maxTasks) {
        int tasks = Math.min(maxTasks, units.size());
        List<List<T>> assigned = new ArrayList<>();
        long[] load = new long[tasks];
        for (int t = 0; t < tasks; t++) {
            assigned.add(new ArrayList<>());
        }
        List<T> ordered = new ArrayList<>(units);
        ordered.sort(Comparator.comparingLong((T u) -> Math.max(0, rows.applyAsLong(u))).reversed()
            .thenComparing(order));
        for (T unit : ordered) {
            int target = 0;
            for (int t = 1; t < tasks; t++) {
                if (load[t] < load[target] || (load[t] == load[target] && assigned.get(t).size() < assigned.get(target).size())) {
                    target = t;
                }
            }
            // An empty table still costs a query per poll: count it as one row so they spread too.
            load[target] += Math.max(1, rows.applyAsLong(unit));
            assigned.get(target).add(unit);
        }
        return assigned;
    }
}
