package dev.spillway.connect.rest.http;

import dev.spillway.connect.common.rate.RateLimiter;
import dev.spillway.connect.rest.auth.Authenticator;
import dev.spillway.connect.rest.auth.TokenRequestException;
import dev.spillway.connect.rest.http.FetchObserver.RetryCause;
import dev.spillway.connect.rest.net.HttpLimits;
import dev.spillway.connect.rest.net.MalformedPageException;
import dev.spillway.connect.rest.net.Requests;
import dev.spillway.connect.rest.net.ResponseTooLargeException;
import dev.spillway.connect.rest.net.RetryAfter;
import dev.spillway.connect.rest.net.ServerText;
import dev.spillway.connect.rest.net.StopSignal;
import dev.spillway.connect.rest.net.TaskStoppingException;
import dev.spillway.connect.rest.net.Urls;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Sends GET (and POST) requests with timeouts, credentials, a client-side rate limit and retries, and hands 2xx responses to
 * a {@link ResponseHandler}.
 *
 * <p>Every failure is retried up to {@code maxRetries} times with backoff. What happens next depends on its kind:
 * <ul>
 *   <li>transient (I/O errors and timeouts, 408, 429, 5xx, and a 403 that says the rate-limit quota is used up):
 *       a {@link RetriableException}; the worker polls again and the task re-requests the same page, keeping its
 *       position;</li>
 *   <li>permanent (any other non-2xx, such as 400/401/403/404, a body that is not the expected JSON, and a
 *       server certificate that is not trusted): a
 *       {@link ConnectException} naming the endpoint and the status, which fails the task. A page is never
 *       skipped.</li>
 * </ul>
 * A wait the server asks for ({@code Retry-After}, or else the reset of an {@code X-RateLimit-*} quota) replaces a
 * shorter backoff; a 2xx response that says the quota is used up makes the next request wait for its reset.
 * A 401 is answered differently when the {@link Authenticator} can renew its credentials (OAuth2): the request
 * is sent once more at once with new ones, and a second 401 fails the task without further retries.
 * A server-requested wait longer than {@link HttpLimits#retryAfterMax()} is not waited: it ends the attempt at once
 * with a {@link ServerWaitTooLongException} (retriable), whatever the retries left. Bodies are read with the bound
 * {@link HttpLimits#responseMaxBytes()}; a larger 2xx body is a permanent failure like a malformed page.
 * Waits are cut short by the {@link StopSignal}; URLs are logged with their query values redacted.
 */
public final class HttpFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);
    private static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClient client;
    private final Authenticator authenticator;
    private final RetryPolicy retry;
    private final RateLimiter rateLimiter;
    private final Duration readTimeout;
    private final StopSignal stop;
    private final String userAgent;
    private final Clock clock;
    private final HttpLimits limits;
    /** How long the server's quota takes to reset after a response said it is used up; null if it did not. */
    private Duration quotaWait;
    /** System.nanoTime() of the response that set {@link #quotaWait}. */
    private long quotaWaitFromNanos;

    public HttpFetcher(HttpClient client, Authenticator authenticator, RetryPolicy retry, RateLimiter rateLimiter,
                       Duration readTimeout, StopSignal stop, String userAgent, Clock clock) {
        this(client, authenticator, retry, rateLimiter, readTimeout, stop, userAgent, clock, HttpLimits.DEFAULTS);
    }

    public HttpFetcher(HttpClient client, Authenticator authenticator, RetryPolicy retry, RateLimiter rateLimiter,
                       Duration readTimeout, StopSignal stop, String userAgent, Clock clock, HttpLimits limits) {
        this.client = client;
        this.authenticator = authenticator;
        this.retry = retry;
        this.rateLimiter = rateLimiter;
        this.readTimeout = readTimeout;
        this.stop = stop;
        this.userAgent = userAgent;
        this.clock = clock;
        this.limits = limits;
    }

    /** A client that verifies TLS certificates against the JVM's CAs; redirects are followed by the fetcher. */
    public static HttpClient newClient(Duration connectTimeout) {
        return newClient(connectTimeout, null);
    }

    /**
     * A client that uses {@code tls} (null: the JVM's default context). It does not follow redirects: the JDK's
     * client would send the Authorization header to whatever host a redirect names, so the fetcher follows them.
     */
    public static HttpClient newClient(Duration connectTimeout, SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        return builder.build();
    }

    /**
     * GETs {@code uri} for {@code endpoint} until a 2xx response is handled or the retries run out.
     *
     * @throws RetriableException     transient failure after all retries, or a server-requested wait longer than
     *                                allowed ({@link ServerWaitTooLongException})
     * @throws ConnectException       permanent failure after all retries
     * @throws TaskStoppingException  the task stopped meanwhile
     */
    public <T> T get(String endpoint, URI uri, ResponseHandler<T> handler) {
        return get(endpoint, uri, FetchObserver.NONE, handler);
    }

    /** As {@link #get(String, URI, ResponseHandler)}, telling {@code observer} what happens. */
    public <T> T get(String endpoint, URI uri, FetchObserver observer, ResponseHandler<T> handler) {
        return get(endpoint, uri, RequestHeaders.NONE, observer, handler);
    }

    /**
     * As {@link #get(String, URI, FetchObserver, ResponseHandler)}, with the endpoint's configured {@code headers},
     * which replace the defaults ({@code Accept}, {@code User-Agent}) and are set before the credentials.
     */
    public <T> T get(String endpoint, URI uri, RequestHeaders headers, FetchObserver observer,
                     ResponseHandler<T> handler) {
        return send(endpoint, ApiRequest.get(uri, headers), observer, handler);
    }

    /**
     * Sends {@code request} for {@code endpoint} until a 2xx response is handled or the retries run out, as
     * {@link #get(String, URI, ResponseHandler)} does. A POST is retried exactly like a GET: it is used to read
     * (GraphQL, search APIs), so sending it again changes nothing on the server.
     */
    public <T> T send(String endpoint, ApiRequest request, FetchObserver observer, ResponseHandler<T> handler) {
        URI uri = request.uri();
        String method = request.method().name();
        for (int attempt = 0; ; attempt++) {
            Failure failure;
            try {
                awaitQuotaReset(endpoint, observer);
                observer.waitedForRateLimiter(awaitRateLimit());
                HttpResponse<byte[]> response = exchange(request, observer);
                if (response.statusCode() == 401 && authenticator.renewAfterUnauthorized()) {
                    response = sendWithRenewedCredentials(endpoint, request, observer);
                }
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    RateLimitHeaders.exhaustedFor(response.headers(), clock.instant()).ifPresent(wait -> {
                        quotaWait = wait;
                        quotaWaitFromNanos = System.nanoTime();
                    });
                    return handler.handle(response);
                }
                failure = Failure.status(status, response, clock);
            } catch (MalformedPageException e) {
                failure = new Failure(false, "a malformed page: " + e.getMessage(), Optional.empty(), e,
                    RetryCause.OTHER);
            } catch (ResponseTooLargeException e) {
                failure = new Failure(false, e.getMessage(), Optional.empty(), e, RetryCause.OTHER);
            } catch (RefusedRedirect e) {
                failure = new Failure(false, e.getMessage(), Optional.empty(), e, RetryCause.OTHER);
            } catch (TokenRequestException e) {
                failure = new Failure(e.isTransient(), e.getMessage(), e.retryAfter(), e, RetryCause.OTHER);
            } catch (IOException e) {
                // An untrusted certificate stays untrusted: retrying it for ever would only hide the problem.
                failure = new Failure(!IoFailures.isCertificateFailure(e), IoFailures.describe(e), Optional.empty(), e,
                    e instanceof java.net.http.HttpTimeoutException ? RetryCause.TIMEOUT : RetryCause.IO);
            }
            Optional<Duration> asked = failure.retryAfter();
            if (asked.isPresent() && asked.get().compareTo(limits.retryAfterMax()) > 0) {
                observer.retrying(failure.kind());
                throw waitTooLong(endpoint, method + " " + Urls.redact(uri) + " failed with " + failure.description()
                    + " and", asked.get());
            }
            if (attempt >= retry.maxRetries()) {
                String message = "Endpoint '" + endpoint + "': " + method + " " + Urls.redact(uri) + " failed with "
                    + failure.description() + " (" + (attempt + 1) + " attempt" + (attempt == 0 ? "" : "s") + ")";
                throw failure.transientFailure()
                    ? new RetriableException(message, failure.cause())
                    : new ConnectException(message, failure.cause());
            }
            Duration wait = retry.delay(attempt, failure.retryAfter());
            observer.retrying(failure.kind());
            if (failure.retryAfter().isPresent()) {
                observer.waitedForServer(wait);
            }
            LOG.warn("Endpoint '{}': {} {} failed with {}; retry {} of {} in {} ms", endpoint, method, Urls.redact(uri),
                failure.description(), attempt + 1, retry.maxRetries(), wait.toMillis());
            if (stop.await(wait)) {
                throw new TaskStoppingException();
            }
        }
    }

    /**
     * A wait the server asked for that is longer than allowed: one WARN, and a retriable failure that makes the task
     * ask again after the longest allowed wait (the position is kept).
     */
    private ServerWaitTooLongException waitTooLong(String endpoint, String what, Duration asked) {
        Duration max = limits.retryAfterMax();
        String message = "Endpoint '" + endpoint + "': " + what + " the server asks to wait " + describe(asked)
            + ", longer than " + HttpLimits.RETRY_AFTER_MAX_CONFIG + " (" + max.toMillis() + " ms) allows; not"
            + " waiting that long, the endpoint is asked again later (raise " + HttpLimits.RETRY_AFTER_MAX_CONFIG
            + " to honour such waits)";
        LOG.warn(message);
        return new ServerWaitTooLongException(message, max);
    }

    /** A wait of any length, readable: milliseconds, seconds or days. */
    static String describe(Duration wait) {
        long seconds = wait.getSeconds();
        if (seconds < 10) {
            return wait.toMillis() + " ms";
        }
        return seconds < 2 * 86_400 ? seconds + " s" : seconds / 86_400 + " days";
    }

    /**
     * Waits, on the stop signal so that stop() is prompt, for the rate limiter's next slot; returns how long.
     *
     * @throws TaskStoppingException if the task stops meanwhile
     */
    private Duration awaitRateLimit() {
        Duration wait = rateLimiter.reserve();
        if (!wait.isZero() && stop.await(wait)) {
            throw new TaskStoppingException();
        }
        return wait;
    }

    private void awaitQuotaReset(String endpoint, FetchObserver observer) {
        if (quotaWait == null) {
            return;
        }
        Duration asked = quotaWait;
        quotaWait = null;
        if (asked.compareTo(limits.retryAfterMax()) > 0) {
            throw waitTooLong(endpoint, "a response said the API's rate-limit quota is used up, and", asked);
        }
        long wait = asked.toNanos() - (System.nanoTime() - quotaWaitFromNanos);
        if (wait > 0) {
            LOG.info("Endpoint '{}': the API's rate-limit quota is used up; waiting {} ms for it to reset", endpoint,
                TimeUnit.NANOSECONDS.toMillis(wait));
            if (stop.await(Duration.ofNanos(wait))) {
                throw new TaskStoppingException();
            }
            observer.waitedForServer(Duration.ofNanos(wait));
        }
    }

    /**
     * The API refused the credentials, which may just have expired or been revoked: the authenticator dropped
     * them, and the request goes once more with new ones. A second 401 means the new ones are refused too, which
     * no retry fixes.
     */
    private HttpResponse<byte[]> sendWithRenewedCredentials(String endpoint, ApiRequest request,
                                                            FetchObserver observer) throws IOException {
        String what = request.method().name() + " " + Urls.redact(request.uri());
        LOG.info("Endpoint '{}': {} answered HTTP 401; sending it once more with new credentials ({})", endpoint,
            what, authenticator.describe());
        observer.waitedForRateLimiter(awaitRateLimit());
        HttpResponse<byte[]> response = exchange(request, observer);
        if (response.statusCode() == 401) {
            throw new ConnectException("Endpoint '" + endpoint + "': " + what + " answered HTTP 401"
                + Failure.bodySnippet(response) + " - also with newly obtained credentials ("
                + authenticator.describe() + "), so the API does not accept them. Check that this client may read"
                + " the endpoint (e.g. auth.oauth2.scope).");
        }
        return response;
    }

    /**
     * GETs {@code uri} and follows up to {@value #MAX_REDIRECTS} redirects. With credentials only to the same
     * origin (scheme, host, port), and never from https:// to http://; other redirects fail the request. The same
     * holds for configured headers, which may be secret and are meant for the endpoint's API only.
     */
    private HttpResponse<byte[]> exchange(ApiRequest request, FetchObserver observer) throws IOException {
        URI current = request.uri();
        RequestHeaders headers = request.headers();
        HttpResponse<byte[]> response = send(request, current, observer);
        for (int hops = 0; REDIRECTS.contains(response.statusCode()); hops++) {
            Optional<String> location = response.headers().firstValue("Location");
            if (location.isEmpty()) {
                return response;
            }
            if (request.method() != RequestMethod.GET && response.statusCode() != 307
                    && response.statusCode() != 308) {
                // 301/302/303 turn a POST into a GET without its body, which reads something else.
                throw new RefusedRedirect("a redirect (HTTP " + response.statusCode() + ") of a "
                    + request.method() + ", which would become a GET without the body; configure the endpoint with"
                    + " the URL it redirects to");
            }
            if (hops == MAX_REDIRECTS) {
                throw new RefusedRedirect("more than " + MAX_REDIRECTS + " redirects");
            }
            String unusable = "a redirect (HTTP " + response.statusCode() + ") to an unusable Location "
                + ServerText.quote(Urls.redact(location.get().trim())) + ": ";
            URI target;
            try {
                // Not URI.resolve(String): its exception quotes the whole Location, tokens included.
                target = Urls.parseHttpUrl(current.resolve(new URI(location.get().trim())).toString());
            } catch (URISyntaxException e) {
                throw new RefusedRedirect(unusable + e.getReason());
            } catch (IllegalArgumentException e) {
                throw new RefusedRedirect(unusable + e.getMessage());
            }
            if (current.getScheme().equalsIgnoreCase("https") && target.getScheme().equalsIgnoreCase("http")) {
                throw new RefusedRedirect("a redirect to " + Urls.redact(target) + ", from https:// to http://");
            }
            if ((authenticator != Authenticator.NONE || !headers.isEmpty()) && !Urls.sameOrigin(current, target)) {
                throw new RefusedRedirect("a redirect to " + Urls.redact(target) + ", another origin than "
                    + Urls.redact(current) + "; the " + (authenticator != Authenticator.NONE ? "credentials"
                    : "configured request headers") + " are not sent there. Configure the endpoint with the URL it"
                    + " redirects to");
            }
            current = target;
            response = send(request, current, observer);
        }
        return response;
    }

    private HttpResponse<byte[]> send(ApiRequest spec, URI uri, FetchObserver observer) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
            .timeout(readTimeout)
            .header("Accept", "application/json")
            .header("User-Agent", userAgent);
        if (spec.method() == RequestMethod.POST) {
            request.header("Content-Type", "application/json");
            request.POST(spec.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(spec.body()));
        } else {
            request.GET();
        }
        spec.headers().apply(request);
        authenticator.authenticate(request);
        observer.requestSent();
        return Requests.send(client, request.build(), readTimeout, stop, limits.responseMaxBytes());
    }

    /** A redirect the fetcher does not follow; permanent, since the same request gets the same redirect. */
    private static final class RefusedRedirect extends IOException {
        RefusedRedirect(String message) {
            super(message);
        }
    }

    /** What went wrong with one attempt. */
    private record Failure(boolean transientFailure, String description, Optional<Duration> retryAfter,
                           Throwable cause, RetryCause kind) {

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
            RetryCause kind = status >= 500 ? RetryCause.HTTP_5XX
                : status == 429 || quotaReset.isPresent() ? RetryCause.HTTP_429
                : status == 408 ? RetryCause.TIMEOUT
                : RetryCause.OTHER;
            return new Failure(transientStatus, "HTTP " + status + bodySnippet(response), retryAfter, null, kind);
        }

        /** The start of the response body, one line, for error messages: {@code ": <body>"}, or empty. */
        static String bodySnippet(HttpResponse<byte[]> response) {
            String body = response.body() == null ? ""
                : ServerText.quote(new String(response.body(), StandardCharsets.UTF_8));
            return body.isEmpty() ? "" : ": " + body;
        }
    }
}
