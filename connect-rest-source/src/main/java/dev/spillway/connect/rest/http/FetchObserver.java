package dev.spillway.connect.rest.http;

import java.time.Duration;

/** Hears what {@link HttpFetcher} does for one endpoint, for metrics. Called on the fetching thread. */
public interface FetchObserver {

    FetchObserver NONE = new FetchObserver() {
    };

    /** One HTTP request went out: a first attempt, a retry, a redirect hop or a resend with new credentials. */
    default void requestSent() {
    }

    /** An attempt failed and will be retried. */
    default void retrying(RetryCause cause) {
    }

    /** The fetcher waited because the server asked ({@code Retry-After}, or a rate-limit quota's reset). */
    default void waitedForServer(Duration wait) {
    }

    /** The fetcher waited for the client-side limit {@code http.max.requests.per.second}. */
    default void waitedForRateLimiter(Duration wait) {
    }

    /** Why an attempt failed. */
    enum RetryCause {
        /** HTTP 5xx. */
        HTTP_5XX,
        /** HTTP 429, or a 403 that says the rate-limit quota is used up. */
        HTTP_429,
        /** A connect or read timeout, or HTTP 408. */
        TIMEOUT,
        /** A connection refused or reset, or another I/O error. */
        IO,
        /** Anything else: another status, a malformed page, a refused redirect, a failed token request. */
        OTHER
    }
}
