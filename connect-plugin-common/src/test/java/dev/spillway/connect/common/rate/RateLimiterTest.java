package dev.spillway.connect.common.rate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void spacesPermitsEvenly() {
        RateLimiter limiter = new RateLimiter(10, now::get);
        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(100));
        assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(200));
        now.addAndGet(Duration.ofMillis(250).toNanos());
        assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void doesNotBurstAfterAnIdleSpell() {
        RateLimiter limiter = new RateLimiter(10, now::get);
        limiter.reserve();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void zeroOrLessMeansNoLimit() {
        assertThat(new RateLimiter(0, now::get).reserve()).isZero();
        RateLimiter negative = new RateLimiter(-1, now::get);
        negative.reserve();
        assertThat(negative.reserve()).isZero();
    }
}
