package dev.spillway.connect.rest.http;

import java.time.Duration;

/** At most {@code permitsPerSecond} requests per second, evenly spaced; 0 or less means no limit. */
public final class RateLimiter {

    private final long intervalNanos;
    private long nextFreeNanos = System.nanoTime();

    public RateLimiter(double permitsPerSecond) {
        this.intervalNanos = permitsPerSecond > 0 ? (long) (1_000_000_000L / permitsPerSecond) : 0;
    }

    /**
     * Waits for the next free slot and returns how long it waited.
     *
     * @throws TaskStoppingException if the task stops meanwhile
     */
    public Duration acquire(StopSignal stop) {
        if (intervalNanos == 0) {
            return Duration.ZERO;
        }
        long now = System.nanoTime();
        long wait = nextFreeNanos - now;
        nextFreeNanos = Math.max(now, nextFreeNanos) + intervalNanos;
        if (wait <= 0) {
            return Duration.ZERO;
        }
        if (stop.await(Duration.ofNanos(wait))) {
            throw new TaskStoppingException();
        }
        return Duration.ofNanos(wait);
    }
}
