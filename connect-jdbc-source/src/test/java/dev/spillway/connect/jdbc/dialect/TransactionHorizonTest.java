package dev.spillway.connect.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.jdbc.discovery.DiscoveredTable;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;

class TransactionHorizonTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private final FakeDialect dialect = new FakeDialect();
    private long nanos;
    private final TransactionHorizon horizon = new TransactionHorizon(dialect, TransactionHorizon.Mode.DATABASE,
        Duration.ofSeconds(5), () -> nanos);

    @Test
    void sampleIsUsedAgainWithinTheSpacingAndRenewedAfterIt() throws Exception {
        dialect.samples.add(new HorizonSample(T0, null));
        dialect.samples.add(new HorizonSample(T0.plusSeconds(1), null));

        assertThat(horizon.safeBefore(null)).isEqualTo(T0);
        advance(Duration.ofMillis(100));
        assertThat(horizon.safeBefore(null)).as("within half the spacing").isEqualTo(T0);
        assertThat(dialect.asked).isEqualTo(1);

        advance(Duration.ofMillis(1500));
        assertThat(horizon.safeBefore(null)).isEqualTo(T0.plusSeconds(1));
        assertThat(dialect.asked).isEqualTo(2);
    }

    @Test
    void aStaleListHoldsTheHorizonBackAndSpacesSamplesFurther() throws Exception {
        for (int i = 0; i < 10; i++) {
            dialect.samples.add(new HorizonSample(T0.plusSeconds(i), null, Duration.ofSeconds(3)));
        }
        assertThat(horizon.safeBefore(null)).isEqualTo(T0.minusSeconds(3));
        // Doubling from 1 s spacing: after a few stale samples they are at least 2 s (half of 4 s) apart.
        for (int i = 0; i < 4; i++) {
            advance(Duration.ofSeconds(6));
            horizon.safeBefore(null);
        }
        int asked = dialect.asked;
        advance(Duration.ofMillis(1900));
        horizon.safeBefore(null);
        assertThat(dialect.asked).isEqualTo(asked);
    }

    @Test
    void anUnknownHorizonIsNullAndNotAskedForAgainAtOnce() throws Exception {
        dialect.samples.add(null);
        dialect.samples.add(new HorizonSample(T0, T0.minusSeconds(7)));
        assertThat(horizon.safeBefore(null)).isNull();
        assertThat(horizon.safeBefore(null)).isNull();
        assertThat(dialect.asked).isEqualTo(1);
        advance(Duration.ofSeconds(5));
        assertThat(horizon.safeBefore(null)).isEqualTo(T0.minusSeconds(7));
    }

    @Test
    void withoutSpacingEveryCallSamples() throws Exception {
        dialect.spacing = Duration.ZERO;
        dialect.samples.add(new HorizonSample(T0, null));
        dialect.samples.add(new HorizonSample(T0.plusMillis(5), null));
        assertThat(horizon.safeBefore(null)).isEqualTo(T0);
        assertThat(horizon.safeBefore(null)).isEqualTo(T0.plusMillis(5));
    }

    @Test
    void safeBeforeIsTheEarlierOfTheOldestTransactionAndWhatTheListIsKnownToCover() {
        assertThat(new HorizonSample(T0, T0.minusSeconds(1), Duration.ofSeconds(2)).safeBefore())
            .isEqualTo(T0.minusSeconds(2));
        assertThat(new HorizonSample(T0, T0.minusSeconds(3), Duration.ofSeconds(2)).safeBefore())
            .isEqualTo(T0.minusSeconds(3));
        assertThat(new HorizonSample(T0, T0.plusSeconds(3)).safeBefore()).isEqualTo(T0);
    }

    private void advance(Duration d) {
        nanos += d.toNanos();
    }

    private static final class FakeDialect implements Dialect {
        final LinkedList<HorizonSample> samples = new LinkedList<>();
        Duration spacing = Duration.ofSeconds(1);
        int asked;

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public String quoteIdentifier(String identifier) {
            return identifier;
        }

        @Override
        public List<DiscoveredTable> discover(Connection connection) {
            return List.of();
        }

        @Override
        public Optional<String> horizonUnavailableReason(Connection connection) {
            return Optional.empty();
        }

        @Override
        public HorizonSample sampleHorizon(Connection connection) {
            asked++;
            return samples.isEmpty() ? null : samples.removeFirst();
        }

        @Override
        public Duration horizonSampleSpacing() {
            return spacing;
        }
    }
}
