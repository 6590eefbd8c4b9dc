package dev.spillway.connect.rest.auth;

import dev.spillway.connect.rest.net.StopSignal;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * What an authenticator that fetches its own credentials (OAuth2) needs to talk to the token endpoint: the task's
 * HTTP client, its stop signal, its User-Agent and its limits.
 */
public record TokenTransport(HttpClient client, StopSignal stop, String userAgent, Duration readTimeout,
                             long responseMaxBytes) {
}
