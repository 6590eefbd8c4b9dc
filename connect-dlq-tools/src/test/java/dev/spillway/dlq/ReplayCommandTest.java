package dev.spillway.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.dlq.errors.ExitCodes;
import org.junit.jupiter.api.Test;

/** The exit code of a replay that finds nothing to replay in the range left to it. */
class ReplayCommandTest {

    @Test
    void aFinishedReplayRunAgainIsDoneNotEmptyHanded() {
        // An earlier run of the group got past the selection (it only commits when it replays): nothing left, 0,
        // whether or not filters were given and whether or not records arrived since that match none of them.
        assertThat(ReplayCommand.nothingSelected(30, 0, true)).isEqualTo(ExitCodes.OK);
        assertThat(ReplayCommand.nothingSelected(30, 5, true)).isEqualTo(ExitCodes.OK);
        assertThat(ReplayCommand.nothingSelected(30, 0, false)).isEqualTo(ExitCodes.OK);
    }

    @Test
    void filtersThatMatchNothingWithoutEarlierProgressExitFour() {
        assertThat(ReplayCommand.nothingSelected(0, 30, true)).isEqualTo(ExitCodes.NOTHING_MATCHED);
        assertThat(ReplayCommand.nothingSelected(0, 0, true)).isEqualTo(ExitCodes.NOTHING_MATCHED);
    }

    @Test
    void anEmptyTopicWithoutFiltersIsDone() {
        assertThat(ReplayCommand.nothingSelected(0, 0, false)).isEqualTo(ExitCodes.OK);
    }
}
