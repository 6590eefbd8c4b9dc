package dev.spillway.connect.rest.net;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Raised once by {@code stop()}; every wait of a task (backoff, rate limit, poll interval, an in-flight request)
 * waits on it, so that {@code poll()} returns promptly when the task stops.
 */
public final class StopSignal {

    /** About 292 years: longer waits are waited as this long, as {@link Duration#toNanos()} would overflow. */
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    private final CountDownLatch stopped = new CountDownLatch(1);

    public void stop() {
        stopped.countDown();
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /**
     * Waits for {@code duration} (of any length) unless stopped first.
     *
     * @return whether the task is stopping
     */
    public boolean await(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return isStopped();
        }
        try {
            long nanos = duration.compareTo(LONGEST) >= 0 ? Long.MAX_VALUE : duration.toNanos();
            return stopped.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
