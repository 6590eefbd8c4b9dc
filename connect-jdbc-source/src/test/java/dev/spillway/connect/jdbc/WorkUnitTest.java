package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.jdbc.discovery.TaskAssignment;
import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.snapshot.KeyValues;
import dev.spillway.connect.jdbc.snapshot.TableSplit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

class WorkUnitTest {

    private static final TableId BIG = new TableId("s", "big");

    private static List<List<WorkUnit>> assign(List<WorkUnit> units, int tasks) {
        return TaskAssignment.assign(units, WorkUnit::rows, Comparator.comparing(WorkUnit::order), tasks);
    }

    private static List<WorkUnit> units(int ranges) {
        List<KeyValues> bounds = new java.util.ArrayList<>();
        for (int i = 1; i < ranges; i++) {
            bounds.add(new KeyValues(List.of(BigDecimal.valueOf(i * 1000L))));
        }
        TableSplit split = TableSplit.plan(BIG, "p", "99999", "incrementing", "id", List.of("id"),
            List.of(KeyValues.Kind.NUMBER), bounds, false);
        List<WorkUnit> units = new java.util.ArrayList<>();
        units.add(new WorkUnit(BIG, null, split.start(), 1));
        split.ranges().forEach(r -> units.add(new WorkUnit(BIG, r, null, 1_000_000 / ranges)));
        units.add(new WorkUnit(new TableId("s", "small"), null, null, 300_000));
        return units;
    }

    @Test
    void rangesSpreadOverTheTasksNextToWholeTables() {
        List<List<WorkUnit>> tasks = assign(units(12), 3);
        assertThat(tasks).hasSize(3);
        // 1 300 001 rows in all: no task far above a third.
        assertThat(tasks).allSatisfy(t -> assertThat(t.stream().mapToLong(WorkUnit::rows).sum())
            .isBetween(400_000L, 500_000L));
        assertThat(tasks.stream().mapToInt(List::size).sum()).isEqualTo(14);
    }

    @Test
    void moreTasksTakeTheSameRangesApart() {
        for (int tasks : new int[] {2, 6}) {
            long most = assign(units(12), tasks).stream().mapToLong(t -> t.stream().mapToLong(WorkUnit::rows).sum())
                .max().orElseThrow();
            assertThat(most).isLessThanOrEqualTo(1_300_001L / tasks + 83_334L);
        }
    }
}
