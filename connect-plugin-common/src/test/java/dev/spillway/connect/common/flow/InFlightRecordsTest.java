package dev.spillway.connect.common.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

class InFlightRecordsTest {

    private static final BooleanSupplier RUNNING = () -> false;

    @Test
    void theLimitIsTwoPollsOfRowsAndAtLeastTheMinimum() {
        assertThat(InFlightRecords.forTask(Map.of(), 1000).limit()).isEqualTo(InFlightRecords.MIN_LIMIT);
        assertThat(InFlightRecords.forTask(Map.of(), 50_000).limit()).isEqualTo(100_000);
        assertThat(InFlightRecords.forTask(Map.of("transaction.boundary", "poll"), 50_000).limit()).isEqualTo(100_000);
    }

    @Test
    void boundariesWhoseAcknowledgementsWaitForACommitAreNotPaced() {
        for (String boundary : new String[] {"interval", "connector", "INTERVAL"}) {
            InFlightRecords inFlight = InFlightRecords.forTask(Map.of("transaction.boundary", boundary), 1000);
            inFlight.returned(1_000_000);
            assertThat(inFlight.hasRoom()).as(boundary).isTrue();
        }
    }

    @Test
    void roomWhileAtMostTheLimitIsUnacknowledged() {
        InFlightRecords inFlight = new InFlightRecords(10, Duration.ofSeconds(30));
        inFlight.returned(10);
        assertThat(inFlight.hasRoom()).isTrue();
        inFlight.returned(1);
        assertThat(inFlight.hasRoom()).isFalse();
        inFlight.acknowledged();
        assertThat(inFlight.hasRoom()).isTrue();
        assertThat(inFlight.unacknowledged()).isEqualTo(10);
    }

    @Test
    void moreAcknowledgementsThanRecordsNeverMakeRoomBeyondTheLimit() {
        InFlightRecords inFlight = new InFlightRecords(10, Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            inFlight.acknowledged();
        }
        inFlight.returned(11);
        assertThat(inFlight.hasRoom()).isFalse();
    }

    @Test
    void aWaitEndsWhenAcknowledgementsMakeRoom() throws Exception {
        InFlightRecords inFlight = new InFlightRecords(10, Duration.ofSeconds(30));
        inFlight.returned(12);
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
            return inFlight.awaitRoom(Duration.ofSeconds(30), RUNNING);
        });
        Thread.sleep(50);
        assertThat(waited).isNotDone();
        inFlight.acknowledged();
        inFlight.acknowledged();
        assertThat(waited.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aWaitWithoutRoomEndsAfterItsMaximum() throws Exception {
        InFlightRecords inFlight = new InFlightRecords(10, Duration.ofSeconds(30));
        inFlight.returned(11);
        assertThat(inFlight.awaitRoom(Duration.ofMillis(20), RUNNING)).isFalse();
        assertThat(inFlight.unacknowledged()).isEqualTo(11);
    }

    @Test
    void acknowledgementsThatStopComingResetTheCount() throws Exception {
        InFlightRecords inFlight = new InFlightRecords(10, Duration.ofMillis(100));
        inFlight.returned(20);
        // Several short waits, as successive polls make them: the stall is measured across them.
        boolean room = false;
        for (int i = 0; i < 100 && !room; i++) {
            room = inFlight.awaitRoom(Duration.ofMillis(20), RUNNING);
        }
        assertThat(room).isTrue();
        assertThat(inFlight.unacknowledged()).isZero();
    }

    @Test
    void stopEndsAWait() throws Exception {
        InFlightRecords inFlight = new InFlightRecords(10, Duration.ofSeconds(30));
        inFlight.returned(11);
        assertThat(inFlight.awaitRoom(Duration.ofSeconds(30), () -> true)).isFalse();
    }
}
