package dev.spillway.connect.rest.http;

import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.rest.net.HttpLimits;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigDef;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The {@code http.*} settings of requests to the API: timeouts, retries, the rate limit and the server's limits. */
public final class HttpSettings {

    private static final String GROUP = "HTTP";

    public static final String CONNECT_TIMEOUT_CONFIG = "http.connect.timeout.ms";
    public static final String CONNECT_TIMEOUT_DOC = "How long to wait for a TCP/TLS connection.";
    public static final long CONNECT_TIMEOUT_DEFAULT = 10_000L;

    public static final String READ_TIMEOUT_CONFIG = "http.read.timeout.ms";
    public static final String READ_TIMEOUT_DOC = "How long to wait for a complete response, body included.";
    public static final long READ_TIMEOUT_DEFAULT = 30_000L;

    public static final String RETRIES_CONFIG = "http.retries";
    public static final String RETRIES_DOC = "How often to retry a failed request, with exponential backoff and"
        + " jitter. Connection errors, timeouts, 408, 429 and 5xx are transient: once the retries are used up the"
        + " task reports a retriable error, keeps its position and tries the same page again later. Other non-2xx"
        + " statuses (400, 401, 403, 404, ...) and bodies that are not the expected JSON are retried as well, then"
        + " fail the task with an error naming the endpoint and status: a page is never skipped.";
    public static final int RETRIES_DEFAULT = 5;

    public static final String BACKOFF_CONFIG = "http.retry.backoff.ms";
    public static final String BACKOFF_DOC = "Backoff before the first retry; it doubles for every further retry,"
        + " up to http.retry.backoff.max.ms, with random jitter of up to half of it. A longer Retry-After"
        + " (seconds or an HTTP date) sent with 429 or 5xx is honoured instead.";
    public static final long BACKOFF_DEFAULT = 500L;

    public static final String BACKOFF_MAX_CONFIG = "http.retry.backoff.max.ms";
    public static final String BACKOFF_MAX_DOC = "The longest computed backoff between retries.";
    public static final long BACKOFF_MAX_DEFAULT = 30_000L;

    public static final String VALIDATE_PROBE_CONFIG = "validate.probe";
    public static final String VALIDATE_PROBE_DOC = "Whether validating the configuration (creating or updating the"
        + " connector, or PUT /connector-plugins/<class>/config/validate) also sends one request for the first page"
        + " of the first endpoint, with the configured authentication and TLS and without retries, and reports a"
        + " failure or a page without the records pointer on the endpoints key. Off by default, so that a connector"
        + " can be created while its API is briefly down.";
    public static final boolean VALIDATE_PROBE_DEFAULT = false;

    public static final String RATE_LIMIT_CONFIG = "http.max.requests.per.second";
    public static final String RATE_LIMIT_DOC = "Client-side rate limit of each task, in requests per second"
        + " (fractions allowed, e.g. 0.5); 0 for none.";
    public static final double RATE_LIMIT_DEFAULT = 0.0;

    private final Map<String, ?> values;

    /** @param values parsed values of a configuration that went through {@link #define} */
    public HttpSettings(Map<String, ?> values) {
        this.values = values;
    }

    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        def.define(CONNECT_TIMEOUT_CONFIG, Type.LONG, CONNECT_TIMEOUT_DEFAULT, Range.atLeast(1), Importance.LOW,
                CONNECT_TIMEOUT_DOC, GROUP, ++order, Width.SHORT, "Connect timeout (ms)")
            .define(READ_TIMEOUT_CONFIG, Type.LONG, READ_TIMEOUT_DEFAULT, Range.atLeast(1), Importance.LOW,
                READ_TIMEOUT_DOC, GROUP, ++order, Width.SHORT, "Read timeout (ms)")
            .define(RETRIES_CONFIG, Type.INT, RETRIES_DEFAULT, Range.between(0, 100), Importance.MEDIUM,
                RETRIES_DOC, GROUP, ++order, Width.SHORT, "Retries")
            .define(BACKOFF_CONFIG, Type.LONG, BACKOFF_DEFAULT, Range.atLeast(0), Importance.LOW, BACKOFF_DOC,
                GROUP, ++order, Width.SHORT, "Retry backoff (ms)")
            .define(BACKOFF_MAX_CONFIG, Type.LONG, BACKOFF_MAX_DEFAULT, Range.atLeast(0), Importance.LOW,
                BACKOFF_MAX_DOC, GROUP, ++order, Width.SHORT, "Max retry backoff (ms)")
            .define(RATE_LIMIT_CONFIG, Type.DOUBLE, RATE_LIMIT_DEFAULT, Range.atLeast(0.0), Importance.LOW,
                RATE_LIMIT_DOC, GROUP, ++order, Width.SHORT, "Max requests per second")
            .define(VALIDATE_PROBE_CONFIG, Type.BOOLEAN, VALIDATE_PROBE_DEFAULT, Importance.LOW, VALIDATE_PROBE_DOC,
                GROUP, ++order, Width.SHORT, "Probe request on validate");
        HttpLimits.define(def, GROUP, order);
        return def;
    }

    public Duration connectTimeout() {
        return Duration.ofMillis((Long) values.get(CONNECT_TIMEOUT_CONFIG));
    }

    public Duration readTimeout() {
        return Duration.ofMillis((Long) values.get(READ_TIMEOUT_CONFIG));
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy((Integer) values.get(RETRIES_CONFIG), Duration.ofMillis(backoff()),
            Duration.ofMillis(backoffMax()));
    }

    public double maxRequestsPerSecond() {
        return (Double) values.get(RATE_LIMIT_CONFIG);
    }

    public boolean validateProbe() {
        return (Boolean) values.get(VALIDATE_PROBE_CONFIG);
    }

    /** The longest server-requested wait and the largest response body. */
    public HttpLimits limits() {
        return HttpLimits.from(values);
    }

    public List<Problem> problems() {
        if (backoffMax() < backoff()) {
            return List.of(new Problem(BACKOFF_MAX_CONFIG, "must be at least " + BACKOFF_CONFIG + " (" + backoff()
                + ")"));
        }
        return List.of();
    }

    private long backoff() {
        return (Long) values.get(BACKOFF_CONFIG);
    }

    private long backoffMax() {
        return (Long) values.get(BACKOFF_MAX_CONFIG);
    }
}
