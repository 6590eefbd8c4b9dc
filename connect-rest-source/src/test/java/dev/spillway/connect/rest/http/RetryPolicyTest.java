package dev.spillway.connect.rest.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

class RetryPolicyTest {

    @Test
    void doublesUpToTheCapWithJitterOfUpToHalf() {
        RetryPolicy highest = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000), () -> 1.0);
        RetryPolicy lowest = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.0);
        assertThat(highest.delay(0, Optional.empty())).isEqualTo(Duration.ofMillis(100));
        assertThat(highest.delay(3, Optional.empty())).isEqualTo(Duration.ofMillis(800));
        assertThat(highest.delay(4, Optional.empty())).isEqualTo(Duration.ofMillis(1000));
        assertThat(highest.delay(62, Optional.empty())).isEqualTo(Duration.ofMillis(1000));
        assertThat(lowest.delay(3, Optional.empty())).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aLongerRetryAfterWins() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000), () -> 1.0);
        assertThat(policy.delay(0, Optional.of(Duration.ofSeconds(5)))).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delay(3, Optional.of(Duration.ofMillis(10)))).isEqualTo(Duration.ofMillis(800));
    }
}
