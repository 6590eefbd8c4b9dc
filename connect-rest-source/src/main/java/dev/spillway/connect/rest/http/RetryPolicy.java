package dev.spillway.connect.rest.http;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: before retry {@code n} (0-based) wait a random time between half and all of
 * {@code min(initial * 2^n, max)}, or what {@code Retry-After} asks if that is longer.
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, DoubleSupplier random) {

    public RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
        this(maxRetries, initialBackoff, maxBackoff, () -> ThreadLocalRandom.current().nextDouble());
    }

    public Duration delay(int retry, Optional<Duration> retryAfter) {
        long cap = maxBackoff.toMillis();
        long exponential = initialBackoff.toMillis() << Math.min(retry, 30);
        if (exponential <= 0 || exponential > cap) {
            exponential = cap;
        }
        long jittered = (long) (exponential * (0.5 + 0.5 * random.getAsDouble()));
        Duration backoff = Duration.ofMillis(jittered);
        return retryAfter.filter(asked -> asked.compareTo(backoff) > 0).orElse(backoff);
    }
}
