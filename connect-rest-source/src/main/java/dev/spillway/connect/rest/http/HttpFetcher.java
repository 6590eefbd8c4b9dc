package dev.spillway.connect.rest.http;

import dev.spillway.connect.rest.auth.Authenticator;
import dev.spillway.connect.rest.extract.MalformedPageException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends GET requests with timeouts, credentials, a client-side rate limit and retries, and hands 2xx responses to
 * a {@link ResponseHandler}.
 *
 * <p>Every failure is retried up to {@code maxRetries} times with backoff. What happens next depends on its kind:
 * <ul>
 *   <li>transient (I/O errors and timeouts, 408, 429, 5xx, and a 403 that says the rate-limit quota is used up):
 *       a {@link RetriableException}; the worker polls again and the task re-requests the same page, keeping its
 *       position;</li>
 *   <li>permanent (any other non-2xx, such as 400/401/403/404, and a body that is not the expected JSON): a
 *       {@link ConnectException} naming the endpoint and the status, which fails the task. A page is never
 *       skipped.</li>
 * </ul>
 * A wait the server asks for ({@code Retry-After}, or else the reset of an {@code X-RateLimit-*} quota) replaces a
 * shorter backoff; a 2xx response that says the quota is used up makes the next request wait for its reset.
 * Waits are cut short by the {@link StopSignal}; URLs are logged without their query string.
 */
public final class HttpFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);
    private static final Duration STOP_CHECK = Duration.ofMillis(100);
    private static final int BODY_SNIPPET = 200;

    private final HttpClient client;
    private final Authenticator authenticator;
    private final RetryPolicy retry;
    private final RateLimiter rateLimiter;
    private final Duration readTimeout;
    private final StopSignal stop;
    private final String userAgent;
    private final Clock clock;
    /** When the server's quota resets after a response said it is used up, in System.nanoTime(); 0 if not. */
    private long quotaResetNanos;

    public HttpFetcher(HttpClient client, Authenticator authenticator, RetryPolicy retry, RateLimiter rateLimiter,
                       Duration readTimeout, StopSignal stop, String userAgent, Clock clock) {
        this.client = client;
        this.authenticator = authenticator;
        this.retry = retry;
        this.rateLimiter = rateLimiter;
        this.readTimeout = readTimeout;
        this.stop = stop;
        this.userAgent = userAgent;
        this.clock = clock;
    }

    /** A client that follows same-scheme redirects and verifies TLS certificates (the JDK default). */
    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    }

    /**
     * GETs {@code uri} for {@code endpoint} until a 2xx response is handled or the retries run out.
     *
     * @throws RetriableException     transient failure after all retries
     * @throws ConnectException       permanent failure after all retries
     * @throws TaskStoppingException  the task stopped meanwhile
     */
    public <T> T get(String endpoint, URI uri, ResponseHandler<T> handler) {
        for (int attempt = 0; ; attempt++) {
            Failure failure;
            try {
                awaitQuotaReset(endpoint);
                rateLimiter.acquire(stop);
                HttpResponse<byte[]> response = send(uri);
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    RateLimitHeaders.exhaustedFor(response.headers(), clock.instant())
                        .ifPresent(wait -> quotaResetNanos = System.nanoTime() + Math.max(1, wait.toNanos()));
                    return handler.handle(response);
                }
                failure = Failure.status(status, response, clock);
            } catch (MalformedPageException e) {
                failure = new Failure(false, "a malformed page: " + e.getMessage(), Optional.empty(), e);
            } catch (IOException e) {
                failure = new Failure(true, describe(e), Optional.empty(), e);
            }
            if (attempt >= retry.maxRetries()) {
                String message = "Endpoint '" + endpoint + "': GET " + Urls.redact(uri) + " failed with "
                    + failure.description() + " (" + (attempt + 1) + " attempt" + (attempt == 0 ? "" : "s") + ")";
                throw failure.transientFailure()
                    ? new RetriableException(message, failure.cause())
                    : new ConnectException(message, failure.cause());
            }
            Duration wait = retry.delay(attempt, failure.retryAfter());
            LOG.warn("Endpoint '{}': GET {} failed with {}; retry {} of {} in {} ms", endpoint, Urls.redact(uri),
                failure.description(), attempt + 1, retry.maxRetries(), wait.toMillis());
            if (stop.await(wait)) {
                throw new TaskStoppingException();
            }
        }
    }

    private void awaitQuotaReset(String endpoint) {
        if (quotaResetNanos == 0) {
            return;
        }
        long wait = quotaResetNanos - System.nanoTime();
        quotaResetNanos = 0;
        if (wait > 0) {
            LOG.info("Endpoint '{}': the API's rate-limit quota is used up; waiting {} ms for it to reset", endpoint,
                TimeUnit.NANOSECONDS.toMillis(wait));
            if (stop.await(Duration.ofNanos(wait))) {
                throw new TaskStoppingException();
            }
        }
    }

    private HttpResponse<byte[]> send(URI uri) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
            .GET()
            .timeout(readTimeout)
            .header("Accept", "application/json")
            .header("User-Agent", userAgent);
        authenticator.authenticate(request);
        CompletableFuture<HttpResponse<byte[]>> inFlight =
            client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        // The request timeout covers the wait for headers; this deadline also covers a slow body.
        long deadline = System.nanoTime() + readTimeout.toNanos();
        try {
            while (true) {
                if (stop.isStopped()) {
                    inFlight.cancel(true);
                    throw new TaskStoppingException();
                }
                try {
                    return inFlight.get(STOP_CHECK.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        inFlight.cancel(true);
                        throw new java.net.http.HttpTimeoutException("no complete response within "
                            + readTimeout.toMillis() + " ms");
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (CancellationException e) {
            throw new TaskStoppingException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inFlight.cancel(true);
            throw new TaskStoppingException();
        }
    }

    private static String describe(IOException e) {
        String type = e instanceof java.net.http.HttpConnectTimeoutException ? "a connect timeout"
            : e instanceof java.net.http.HttpTimeoutException ? "a read timeout"
            : e instanceof java.net.ConnectException ? "a connection error"
            : "an I/O error";
        return type + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
            + ")";
    }

    /** What went wrong with one attempt. */
    private record Failure(boolean transientFailure, String description, Optional<Duration> retryAfter,
                           Throwable cause) {

        static Failure status(int status, HttpResponse<byte[]> response, Clock clock) {
            // GitHub and others answer 403, not 429, once the quota is used up.
            Optional<Duration> quotaReset =
                status == 429 ? RateLimitHeaders.untilReset(response.headers(), clock.instant())
                    : status == 403 ? RateLimitHeaders.exhaustedFor(response.headers(), clock.instant())
                    : Optional.empty();
            boolean transientStatus = status == 408 || status == 429 || status >= 500 || quotaReset.isPresent();
            Optional<Duration> retryAfter = transientStatus
                ? RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant())
                    .or(() -> quotaReset)
                : Optional.empty();
            String body = response.body() == null ? "" : new String(response.body(), StandardCharsets.UTF_8).strip();
            if (body.length() > BODY_SNIPPET) {
                body = body.substring(0, BODY_SNIPPET) + "…";
            }
            return new Failure(transientStatus, "HTTP " + status + (body.isEmpty() ? "" : ": " + body), retryAfter,
                null);
        }
    }
}
