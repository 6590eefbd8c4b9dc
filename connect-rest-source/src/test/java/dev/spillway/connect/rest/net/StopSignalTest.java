package dev.spillway.connect.rest.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Duration;

class StopSignalTest {

    @Test
    void awaitsWaitsBeyondTheNanosecondRangeWithoutOverflow() {
        StopSignal stop = new StopSignal();
        stop.stop();
        // Duration.toNanos() overflows beyond about 292 years: a server's Retry-After can ask for more.
        assertThat(stop.await(Duration.ofSeconds(Long.MAX_VALUE))).isTrue();
        assertThat(stop.await(Duration.ofDays(365L * 1000))).isTrue();
    }

    @Test
    void zeroAndNegativeWaitsReturnAtOnce() {
        StopSignal stop = new StopSignal();
        assertThat(stop.await(Duration.ZERO)).isFalse();
        assertThat(stop.await(Duration.ofSeconds(-5))).isFalse();
    }
}
