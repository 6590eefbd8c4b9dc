package dev.spillway.connect.rest.net;

import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigDef;

import java.time.Duration;
import java.util.Map;

/**
 * How much a server may ask of a task: the longest wait it may request ({@code Retry-After}, a rate-limit reset)
 * and the largest response body that is read. Both protect the task from a hostile or broken server.
 *
 * @param retryAfterMax    the longest server-requested wait that is honoured; a longer one fails the attempt
 * @param responseMaxBytes the largest response body (page, error body, token response) that is read
 */
public record HttpLimits(Duration retryAfterMax, long responseMaxBytes) {

    public static final String RETRY_AFTER_MAX_CONFIG = "http.retry.after.max.ms";
    public static final String RETRY_AFTER_MAX_DOC = "The longest wait a server may ask for with Retry-After (seconds"
        + " or an HTTP date) or a rate-limit reset header (X-RateLimit-Reset, RateLimit-Reset: a delay, epoch seconds"
        + " or epoch milliseconds). A longer requested wait is not honoured: the attempt counts as a transient"
        + " failure (one WARN naming the endpoint and this key), and the endpoint is asked again after this long"
        + " (at least http.retry.backoff.max.ms). The position is kept, so nothing is skipped.";
    public static final long RETRY_AFTER_MAX_DEFAULT = 300_000L;
    /** Seven days: long enough for any quota, short enough that no arithmetic on it overflows. */
    static final long RETRY_AFTER_MAX_LIMIT = Duration.ofDays(7).toMillis();

    public static final String RESPONSE_MAX_BYTES_CONFIG = "http.response.max.bytes";
    public static final String RESPONSE_MAX_BYTES_DOC = "The largest response body read, in bytes: a page, an OAuth2"
        + " token response (error bodies are cut to their first few KiB). The limit holds while the body streams in,"
        + " so an endless or huge body cannot exhaust the worker's memory. A larger page fails like a malformed one:"
        + " retried, then the task fails with a message naming the endpoint and this key; raise it if the API's pages"
        + " really are that large (the worker needs about twice this much heap per task).";
    public static final long RESPONSE_MAX_BYTES_DEFAULT = 64L * 1024 * 1024;
    /** A page is held in one byte array. */
    static final long RESPONSE_MAX_BYTES_LIMIT = Integer.MAX_VALUE - 8;

    /** The defaults, for code that builds a fetcher without a configuration (tests, the validate probe). */
    public static final HttpLimits DEFAULTS =
        new HttpLimits(Duration.ofMillis(RETRY_AFTER_MAX_DEFAULT), RESPONSE_MAX_BYTES_DEFAULT);

    public HttpLimits {
        if (retryAfterMax.isNegative() || retryAfterMax.toMillis() > RETRY_AFTER_MAX_LIMIT) {
            throw new IllegalArgumentException("retryAfterMax out of range: " + retryAfterMax);
        }
        if (responseMaxBytes < 1 || responseMaxBytes > RESPONSE_MAX_BYTES_LIMIT) {
            throw new IllegalArgumentException("responseMaxBytes out of range: " + responseMaxBytes);
        }
    }

    /** Defines both keys in {@code group}, from position {@code order} on; returns the next free position. */
    public static int define(ConfigDef def, String group, int order) {
        def.define(RETRY_AFTER_MAX_CONFIG, Type.LONG, RETRY_AFTER_MAX_DEFAULT, Range.between(0, RETRY_AFTER_MAX_LIMIT),
                Importance.LOW, RETRY_AFTER_MAX_DOC, group, ++order, Width.SHORT, "Longest server-requested wait (ms)")
            .define(RESPONSE_MAX_BYTES_CONFIG, Type.LONG, RESPONSE_MAX_BYTES_DEFAULT,
                Range.between(1, RESPONSE_MAX_BYTES_LIMIT), Importance.LOW, RESPONSE_MAX_BYTES_DOC, group, ++order,
                Width.SHORT, "Largest response body (bytes)");
        return order;
    }

    /** The limits among the parsed values of a configuration whose definition went through {@link #define}. */
    public static HttpLimits from(Map<String, ?> values) {
        return new HttpLimits(Duration.ofMillis((Long) values.get(RETRY_AFTER_MAX_CONFIG)),
            (Long) values.get(RESPONSE_MAX_BYTES_CONFIG));
    }
}
