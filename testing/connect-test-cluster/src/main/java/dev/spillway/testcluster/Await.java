package dev.spillway.testcluster;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Minimal polling helper for asynchronous conditions.
 *
 * <p>Exceptions thrown by a probe mean "not yet" and are remembered for the timeout message, except {@link Error}s
 * (including {@link AssertionError}), which propagate immediately so a probe can fail fast.
 */
public final class Await {

    /** Longest single sleep, so waits react quickly to interrupts and to conditions that just became true. */
    static final Duration MAX_SLICE = Duration.ofMillis(200);
    private static final long FIRST_POLL_MILLIS = 25;

    private Await() {
    }

    /**
     * Polls {@code probe} until its value satisfies {@code done}, and returns that value.
     *
     * @throws AssertionError when {@code timeout} elapses first; its message names {@code description} and the
     *                        last value or error seen
     */
    public static <T> T until(String description, Duration timeout, Callable<? extends T> probe,
                              Predicate<? super T> done) {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(done, "done");
        long deadline = System.nanoTime() + timeout.toNanos();
        long pollMillis = FIRST_POLL_MILLIS;
        T last = null;
        boolean sawValue = false;
        Exception lastError = null;
        while (true) {
            try {
                T value = probe.call();
                last = value;
                sawValue = true;
                lastError = null;
                if (done.test(value)) {
                    return value;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + description, e);
            } catch (Exception e) {
                lastError = e;
            }
            long remainingNanos = deadline - System.nanoTime();
            if (remainingNanos <= 0) {
                StringBuilder message = new StringBuilder("Timed out after ")
                        .append(format(timeout)).append(" waiting for ").append(description);
                if (sawValue) {
                    message.append("; last value: ").append(last);
                }
                if (lastError != null) {
                    message.append("; last error: ").append(lastError);
                }
                AssertionError error = new AssertionError(message.toString());
                if (lastError != null) {
                    error.initCause(lastError);
                }
                throw error;
            }
            // Back off gently: first polls are quick because many conditions hold almost at once.
            pause(Duration.ofMillis(Math.min(pollMillis, Math.max(1, remainingNanos / 1_000_000))));
            pollMillis = Math.min(pollMillis * 2, MAX_SLICE.toMillis());
        }
    }

    /** Polls {@code condition} until it returns {@code true}; see {@link #until(String, Duration, Callable, Predicate)}. */
    public static void until(String description, Duration timeout, Callable<Boolean> condition) {
        until(description, timeout, condition, Boolean.TRUE::equals);
    }

    /** Sleeps for {@code duration} in slices of at most 200 ms; an interrupt ends the pause with an exception. */
    public static void pause(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        try {
            long remaining;
            while ((remaining = end - System.nanoTime()) > 0) {
                Thread.sleep(Math.max(1, Math.min(MAX_SLICE.toMillis(), remaining / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }
}
