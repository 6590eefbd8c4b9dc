package dev.spillway.connect.jdbc.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.jdbc.discovery.TableId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class PlanRecoveryTest {

    private static final TableId TABLE = new TableId("s", "t");
    private static final PlanRecovery.Expected EXPECTED =
        new PlanRecovery.Expected("incrementing", "id", List.of("id"));

    private static KeyValues n(long value) {
        return new KeyValues(List.of(BigDecimal.valueOf(value)));
    }

    /** Five ranges cut at 100, 200, 300, 400, as stored offsets would carry them. */
    private static TableSplit plan(String w, String mode) {
        return TableSplit.plan(TABLE, "p1", w, mode, "id", List.of("id"), List.of(KeyValues.Kind.NUMBER),
            List.of(n(100), n(200), n(300), n(400)), w == null);
    }

    /** The offsets as stored and read back. */
    private static RangeOffset stored(SnapshotRange range, boolean done) {
        RangeOffset offset = new RangeOffset(range, done ? range.hi() : n(range.index() * 100L + 5), done, 0);
        return RangeOffset.fromMap(TABLE, range.index(), offset.toMap());
    }

    @Test
    void rebuildsGapsFromTheNeighboursAndLeavesFinishedRangesOut() {
        List<SnapshotRange> ranges = plan("1000", "incrementing").ranges();
        Map<Integer, RangeOffset> found = new HashMap<>();
        found.put(1, stored(ranges.get(1), true));
        found.put(4, stored(ranges.get(4), false));
        TableSplit split = PlanRecovery.recover(TABLE, found, EXPECTED);
        assertThat(split.plan()).isEqualTo("p1");
        assertThat(split.w()).isEqualTo("1000");
        // Range 0 (nothing stored): below range 1. Ranges 2 and 3: one gap from 200 to 400. Range 4 resumes.
        assertThat(split.ranges()).extracting(SnapshotRange::index).containsExactly(0, 2, 4);
        assertThat(split.ranges().get(0).lo()).isNull();
        assertThat(split.ranges().get(0).hi()).isEqualTo(n(100));
        assertThat(split.ranges().get(1).lo()).isEqualTo(n(200));
        assertThat(split.ranges().get(1).hi()).isEqualTo(n(400));
        assertThat(split.ranges().get(2).hi()).isNull();
    }

    @Test
    void everyRangeDoneLeavesOnlyTheTable() {
        Map<Integer, RangeOffset> found = new HashMap<>();
        for (SnapshotRange range : plan("1000", "incrementing").ranges()) {
            found.put(range.index(), stored(range, true));
        }
        TableSplit split = PlanRecovery.recover(TABLE, found, EXPECTED);
        assertThat(split.ranges()).isEmpty();
        assertThat(split.bulk()).isFalse();
        assertThat(split.start().w()).isEqualTo("1000");
    }

    @Test
    void bulkKeepsEveryRangeAndAMergedGapIsNotReadTwice() {
        List<SnapshotRange> ranges = plan(null, "bulk").ranges();
        Map<Integer, RangeOffset> found = new HashMap<>();
        // Range 2 was stored merged with 3 (an earlier recovery), 3 never committed: no second copy of it.
        found.put(0, stored(ranges.get(0), false));
        found.put(1, stored(ranges.get(1), false));
        found.put(2, stored(ranges.get(2).with(2, n(200), n(400)), false));
        found.put(4, stored(ranges.get(4), false));
        TableSplit split = PlanRecovery.recover(TABLE, found, new PlanRecovery.Expected("bulk", "id", List.of("id")));
        assertThat(split.bulk()).isTrue();
        assertThat(split.ranges()).extracting(SnapshotRange::index).containsExactly(0, 1, 2, 4);
    }

    @Test
    void aPlanForAnotherModeOrKeyFailsNamingTheKeys() {
        Map<Integer, RangeOffset> found = Map.of(0, stored(plan("1000", "incrementing").ranges().get(0), false));
        assertThatThrownBy(() -> PlanRecovery.recover(TABLE, found,
            new PlanRecovery.Expected("timestamp", "updated", List.of("id"))))
            .hasMessageContaining("s.t").hasMessageContaining("mode=incrementing")
            .hasMessageContaining("DELETE /connectors/{name}/offsets");
        assertThatThrownBy(() -> PlanRecovery.recover(TABLE, found,
            new PlanRecovery.Expected("incrementing", "id", List.of("a", "b"))))
            .hasMessageContaining("key.columns");
        Map<Integer, RangeOffset> done = new HashMap<>();
        for (SnapshotRange range : plan("1000", "incrementing").ranges()) {
            done.put(range.index(), stored(range, true));
        }
        assertThatThrownBy(() -> PlanRecovery.recover(TABLE, done,
            new PlanRecovery.Expected("timestamp", "updated", List.of("id"))))
            .hasMessageContaining("parallel snapshot (finished) made for mode=incrementing");
    }
}
