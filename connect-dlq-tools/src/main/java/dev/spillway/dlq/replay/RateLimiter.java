package dev.spillway.dlq.replay;

/** Paces records to at most {@code perSecond} a second (0: no limit), by sleeping until each one's slot. */
public final class RateLimiter {

    private final long intervalNanos;
    private long next;

    public RateLimiter(double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
        this.next = System.nanoTime();
    }

    public void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        // After an idle spell, do not burst to catch up: start pacing from now.
        if (next < now) {
            next = now;
        }
        long wait = next - now;
        next += intervalNanos;
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
