package dev.spillway.connect.common.rate;

import java.time.Duration;

/**
 * At most {@code permitsPerSecond} permits a second, evenly spaced; 0 or less means no limit.
 *
 * <p>It only books slots: {@link #reserve()} says how long the caller must wait, so a task can wait on its own
 * stop signal and a command can simply sleep. After an idle spell it does not burst to catch up. Not thread-safe:
 * one limiter per task or per command.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private final NanoClock clock;
    private long nextFreeNanos;

    public RateLimiter(double permitsPerSecond) {
        this(permitsPerSecond, System::nanoTime);
    }

    RateLimiter(double permitsPerSecond, NanoClock clock) {
        this.intervalNanos = permitsPerSecond > 0 ? (long) (1_000_000_000L / permitsPerSecond) : 0;
        this.clock = clock;
        this.nextFreeNanos = clock.nanoTime();
    }

    /** Books the next free slot and returns how long until it starts; zero when no wait is needed. */
    public Duration reserve() {
        if (intervalNanos == 0) {
            return Duration.ZERO;
        }
        long now = clock.nanoTime();
        long wait = nextFreeNanos - now;
        nextFreeNanos = Math.max(now, nextFreeNanos) + intervalNanos;
        return wait > 0 ? Duration.ofNanos(wait) : Duration.ZERO;
    }

    /** {@link System#nanoTime()}, replaceable in tests. */
    @FunctionalInterface
    interface NanoClock {
        long nanoTime();
    }
}
