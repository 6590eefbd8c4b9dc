package dev.spillway.connect.rest.metrics;

import dev.spillway.connect.metrics.Counter;
import dev.spillway.connect.metrics.MetricSet;
import dev.spillway.connect.rest.http.FetchObserver;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The metrics of one endpoint of a task: what the fetcher did (as a {@link FetchObserver}), and what the reader
 * made of it. Metric names are listed in {@code docs/operations.md}.
 */
public final class EndpointMetrics implements FetchObserver {

    private static final long UNKNOWN = Long.MIN_VALUE;

    private final Clock clock = Clock.systemUTC();
    private final Counter requests;
    private final Counter pages;
    private final Counter items;
    private final Map<RetryCause, Counter> retries = new EnumMap<>(RetryCause.class);
    private final Counter serverWait;
    private final Counter throttleWait;
    private volatile long lastSuccessMillis = UNKNOWN;
    private volatile long watermarkMillis = UNKNOWN;

    EndpointMetrics(MetricSet set, boolean sincePagination) {
        requests = set.counter("requests", "HTTP requests sent, retries and redirects included");
        pages = set.counter("pages", "pages read and turned into records");
        items = set.counter("items", "items emitted as records");
        retries.put(RetryCause.HTTP_5XX, set.total("retries-http-5xx-total", "Retries after an HTTP 5xx"));
        retries.put(RetryCause.HTTP_429, set.total("retries-http-429-total",
            "Retries after an HTTP 429, or a 403 saying the rate-limit quota is used up"));
        retries.put(RetryCause.TIMEOUT, set.total("retries-timeout-total",
            "Retries after a connect or read timeout, or an HTTP 408"));
        retries.put(RetryCause.IO, set.total("retries-io-total",
            "Retries after a connection refused or reset, or another I/O error"));
        retries.put(RetryCause.OTHER, set.total("retries-other-total",
            "Retries after any other failure (another status, a malformed page, a failed token request)"));
        serverWait = set.total("rate-limit-wait-ms-total",
            "Milliseconds waited because the API asked (Retry-After, or a rate-limit quota's reset)");
        throttleWait = set.total("throttle-wait-ms-total",
            "Milliseconds waited for the client-side limit http.max.requests.per.second");
        set.gauge("last-success-timestamp-ms", "When a page was last read successfully, epoch ms; NaN before",
            () -> lastSuccessMillis == UNKNOWN ? Double.NaN : lastSuccessMillis);
        if (sincePagination) {
            set.gauge("since-lag-ms", "Now minus the since watermark reached, when it is a timestamp; NaN if not",
                () -> watermarkMillis == UNKNOWN ? Double.NaN : clock.millis() - watermarkMillis);
        }
    }

    @Override
    public void requestSent() {
        requests.increment();
    }

    @Override
    public void retrying(RetryCause cause) {
        retries.get(cause).increment();
    }

    @Override
    public void waitedForServer(Duration wait) {
        serverWait.add(wait.toMillis());
    }

    @Override
    public void waitedForRateLimiter(Duration wait) {
        if (!wait.isZero()) {
            throttleWait.add(wait.toMillis());
        }
    }

    /** A page was read and {@code emitted} records made from it. */
    public void pageRead(int emitted) {
        pages.increment();
        items.add(emitted);
        lastSuccessMillis = clock.millis();
    }

    /** The since watermark the endpoint has reached (null or not a timestamp: lag unknown). */
    public void watermark(String value) {
        OptionalLong millis = Watermarks.epochMillis(value);
        watermarkMillis = millis.isPresent() ? millis.getAsLong() : UNKNOWN;
    }
}
