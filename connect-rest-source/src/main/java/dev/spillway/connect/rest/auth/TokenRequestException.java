package dev.spillway.connect.rest.auth;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * An access token could not be fetched. Transient failures (network, timeouts, 408, 429, 5xx) are retried and
 * then reported as retriable, like those of the API itself; the others (refused credentials, a response without
 * a token) fail the task after a bounded retry. The message never holds a secret or a token.
 */
public final class TokenRequestException extends IOException {

    private final boolean transientFailure;
    private final transient Optional<Duration> retryAfter;

    public TokenRequestException(String message, boolean transientFailure, Optional<Duration> retryAfter,
                                 Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter == null ? Optional.empty() : retryAfter;
    }
}
