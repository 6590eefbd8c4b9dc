package dev.spillway.connect.rest.http;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Raised once by {@code stop()}; every wait of a task (backoff, rate limit, poll interval, an in-flight request)
 * waits on it, so that {@code poll()} returns promptly when the task stops.
 */
public final class StopSignal {

    private final CountDownLatch stopped = new CountDownLatch(1);

    public void stop() {
        stopped.countDown();
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /**
     * Waits for {@code duration} unless stopped first.
     *
     * @return whether the task is stopping
     */
    public boolean await(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return isStopped();
        }
        try {
            return stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
