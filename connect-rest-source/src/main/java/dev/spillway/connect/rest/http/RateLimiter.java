package dev.spillway.connect.rest.http;

import java.time.Duration;

/** At most {@code permitsPerSecond} requests per second, evenly spaced; 0 or less means no limit. */
public final class RateLimiter {

    private final long intervalNanos;
    private long nextFreeNanos = System.nanoTime();

    public RateLimiter(double permitsPerSecond) {
        this.intervalNanos = permitsPerSecond > 0 ? (long) (1_000_000_000L / permitsPerSecond) : 0;
    }

    /** Waits for the next free slot. @throws TaskStoppingException if the task stops meanwhile */
    public void acquire(StopSignal stop) {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        long wait = nextFreeNanos - now;
        nextFreeNanos = Math.max(now, nextFreeNanos) + intervalNanos;
        if (wait > 0 && stop.await(Duration.ofNanos(wait))) {
            throw new TaskStoppingException();
        }
    }
}
