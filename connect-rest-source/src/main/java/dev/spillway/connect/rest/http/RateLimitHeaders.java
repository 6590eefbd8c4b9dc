package dev.spillway.connect.rest.http;

import dev.spillway.connect.rest.net.HttpLimits;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The quota headers many APIs send: {@code X-RateLimit-Remaining}/{@code X-RateLimit-Reset} (GitHub, Twitter and
 * most others) and the IETF draft's {@code RateLimit-Remaining}/{@code RateLimit-Reset}.
 *
 * <p>A reset value is read as epoch milliseconds when it is large enough to be one (some APIs send
 * {@code Date.now()}-style values), else as epoch seconds when it is large enough to be one (GitHub's style), else
 * as seconds from now (the IETF draft's style): no API sends a delay of 30 years, nor epoch seconds 30 000 years
 * ahead. Any value gives a {@link Duration} without overflow; {@link HttpLimits#retryAfterMax()} decides what to
 * make of a long one.
 */
public final class RateLimitHeaders {

    /** Reset values at or above this (2001-09-09) are epoch seconds, smaller ones delays in seconds. */
    private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;
    /** Reset values at or above this (2001-09-09 in milliseconds, year 33658 in seconds) are epoch milliseconds. */
    private static final long EPOCH_MILLIS_FROM = 1_000_000_000_000L;

    private RateLimitHeaders() {
    }

    /**
     * How long until the quota resets, if the response says it is used up ({@code Remaining: 0}); empty if the
     * headers are absent, unreadable or there is quota left.
     */
    public static Optional<Duration> exhaustedFor(HttpHeaders headers, Instant now) {
        OptionalLong remaining = number(headers, "X-RateLimit-Remaining", "RateLimit-Remaining");
        if (remaining.isEmpty() || remaining.getAsLong() > 0) {
            return Optional.empty();
        }
        return untilReset(headers, now);
    }

    /** How long until the quota resets, whatever is left of it; empty if no reset header is readable. */
    public static Optional<Duration> untilReset(HttpHeaders headers, Instant now) {
        OptionalLong reset = number(headers, "X-RateLimit-Reset", "RateLimit-Reset");
        if (reset.isEmpty()) {
            return Optional.empty();
        }
        long value = reset.getAsLong();
        // Instant covers every long of milliseconds, and every epoch second below EPOCH_MILLIS_FROM: nothing throws.
        Duration delay = value >= EPOCH_MILLIS_FROM ? Duration.between(now, Instant.ofEpochMilli(value))
            : value >= EPOCH_SECONDS_FROM ? Duration.between(now, Instant.ofEpochSecond(value))
            : Duration.ofSeconds(value);
        return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
    }

    private static OptionalLong number(HttpHeaders headers, String... names) {
        for (String name : names) {
            Optional<String> text = headers.firstValue(name);
            if (text.isPresent()) {
                try {
                    long value = Long.parseLong(text.get().trim());
                    return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
