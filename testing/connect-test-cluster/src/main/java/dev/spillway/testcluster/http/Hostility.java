package dev.spillway.testcluster.http;

/**
 * What a {@link HostileHttpServer} does to one request for its API, instead of answering it normally. Each names the
 * fault a REST client must survive without losing an item, dying or exhausting its memory.
 */
public enum Hostility {
    /** A normal page. */
    NONE,
    /** HTTP 200, chunked, a page that never ends. */
    ENDLESS_BODY,
    /** HTTP 200 with {@code Content-Length} of 200 MB, streamed (never held by the server). */
    HUGE_BODY,
    /** A normal page whose bytes trickle in, one every {@link HostileHttpServer#slowByteInterval}. */
    SLOW_BODY,
    /** HTTP 200 whose body is 100 000 nested {@code [}. */
    DEEP_NESTING,
    /** HTTP 200 with an item holding a number of 100 000 digits. */
    HUGE_NUMBER,
    /** HTTP 200 with a complete HTTP body that is a JSON page cut in the middle. */
    TRUNCATED_JSON,
    /** HTTP 429 with {@code Retry-After} of 10^12 seconds. */
    GIANT_RETRY_AFTER,
    /** HTTP 429 with {@code X-RateLimit-Remaining: 0} and {@code X-RateLimit-Reset} in epoch milliseconds, 1 s ahead. */
    EPOCH_MILLIS_RESET,
    /** HTTP 429 with {@code X-RateLimit-Remaining: 0} and {@code X-RateLimit-Reset: 9223372036854775807}. */
    GIANT_RESET,
    /** HTTP 503 with {@code Retry-After} as an HTTP date in the past. */
    RETRY_AFTER_PAST_DATE,
    /** HTTP 503 with {@code Retry-After} as an HTTP date in the year 9999. */
    RETRY_AFTER_FAR_FUTURE,
    /** HTTP 302 to {@code /loop/1}, which redirects to {@code /loop/2}, and so on for ever. */
    REDIRECT_LOOP,
    /** HTTP 302 to the same request at {@code localhost} instead of {@code 127.0.0.1}: another origin. */
    CROSS_ORIGIN_REDIRECT,
    /** HTTP 200 with a correct {@code Content-Length}; half the body, then a TCP reset. */
    RESET_MID_BODY,
    /** HTTP 200 with a {@code Content-Length} larger than the body, then the connection closes. */
    LYING_CONTENT_LENGTH,
    /** HTTP 500 whose body is a megabyte of text with CR, LF and escape characters. */
    HOSTILE_ERROR_BODY
}
