package dev.spillway.dlq.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.dlq.replay.TransactionalReplay.PartitionRange;
import org.junit.jupiter.api.Test;

/** Which part of a dead-letter partition a replay run has left, and how much of it earlier runs got past. */
class TransactionalReplayTest {

    private static final long ALL = Long.MAX_VALUE;

    @Test
    void aFirstRunTakesTheWholeSelection() {
        assertThat(PartitionRange.of(0, 30, null, 0, ALL)).isEqualTo(new PartitionRange(0, 30, 0));
        assertThat(PartitionRange.of(0, 30, null, 10, 19)).isEqualTo(new PartitionRange(10, 20, 0));
        // Retention moved the beginning: the selection starts there.
        assertThat(PartitionRange.of(12, 30, null, 0, ALL)).isEqualTo(new PartitionRange(12, 30, 0));
    }

    @Test
    void aResumedRunStartsAtTheCommittedOffsetAndCountsWhatWasPassed() {
        assertThat(PartitionRange.of(0, 30, 12L, 0, ALL)).isEqualTo(new PartitionRange(12, 30, 12));
        assertThat(PartitionRange.of(5, 30, 12L, 0, ALL)).isEqualTo(new PartitionRange(12, 30, 7));
        assertThat(PartitionRange.of(0, 30, 12L, 10, 19)).isEqualTo(new PartitionRange(12, 20, 2));
    }

    @Test
    void aFinishedRunHasNothingLeftAndPassedAllOfIt() {
        assertThat(PartitionRange.of(0, 30, 30L, 0, ALL)).isEqualTo(new PartitionRange(30, 30, 30));
        assertThat(PartitionRange.of(0, 30, 20L, 10, 19)).isEqualTo(new PartitionRange(20, 20, 10));
        // Records arrived since: they are left, what was passed stays counted.
        assertThat(PartitionRange.of(0, 45, 30L, 0, ALL)).isEqualTo(new PartitionRange(30, 45, 30));
    }

    @Test
    void progressOutsideTheSelectionCountsOnlyWhatItCovers() {
        // A group given with --group whose progress lies beyond the selected offsets: all of them passed, no more.
        assertThat(PartitionRange.of(0, 30, 25L, 10, 19)).isEqualTo(new PartitionRange(25, 25, 10));
        // Progress before the selection (or before what retention kept) passed none of it.
        assertThat(PartitionRange.of(0, 30, 5L, 10, 19)).isEqualTo(new PartitionRange(10, 20, 0));
        assertThat(PartitionRange.of(40, 50, 30L, 0, ALL)).isEqualTo(new PartitionRange(40, 50, 0));
        // A selection beyond the end of the partition: nothing to read, nothing passed.
        assertThat(PartitionRange.of(0, 30, null, 50, ALL)).isEqualTo(new PartitionRange(50, 50, 0));
        assertThat(PartitionRange.of(0, 30, 30L, 50, ALL)).isEqualTo(new PartitionRange(50, 50, 0));
    }
}
