package dev.spillway.connect.rest;

import dev.spillway.connect.common.rate.RateLimiter;
import dev.spillway.connect.common.version.PluginVersion;
import dev.spillway.connect.rest.auth.Authenticator;
import dev.spillway.connect.rest.extract.PageParser;
import dev.spillway.connect.rest.extract.ParsedPage;
import dev.spillway.connect.rest.http.ApiRequest;
import dev.spillway.connect.rest.http.FetchObserver;
import dev.spillway.connect.rest.http.HttpFetcher;
import dev.spillway.connect.rest.http.HttpSettings;
import dev.spillway.connect.rest.http.RetryPolicy;
import dev.spillway.connect.rest.net.StopSignal;
import dev.spillway.connect.rest.pagination.Pagination;
import dev.spillway.connect.rest.pagination.PaginationSettings;
import org.apache.kafka.connect.errors.ConnectException;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The request {@code validate.probe} sends while a configuration is validated: the first page of the first
 * endpoint, fetched and parsed as a task would, but once and without retries, since validation must answer fast.
 */
final class EndpointProbe {

    private EndpointProbe() {
    }

    /** What went wrong with the probe, or empty if the first page was read and holds the records pointer. */
    static Optional<String> problem(RestSourceConfig config) {
        Endpoint endpoint = config.endpoints().get(0);
        Pagination pagination = config.pagination(endpoint.name());
        StopSignal stop = new StopSignal();
        String userAgent = "spillway-rest-source/" + PluginVersion.get() + " (validate)";
        try {
            HttpClient client = HttpFetcher.newClient(config.http().connectTimeout(), config.tls().sslContext());
            Authenticator authenticator = config.authenticator(client, stop, userAgent);
            HttpFetcher fetcher = new HttpFetcher(client, authenticator, new RetryPolicy(0, Duration.ZERO,
                Duration.ZERO), new RateLimiter(0), config.http().readTimeout(), stop, userAgent, Clock.systemUTC(),
                config.http().limits());
            URI uri = pagination.uri(endpoint.url(), pagination.first());
            PageParser parser = new PageParser(endpoint.recordsPointer(), pagination.bodyPointers(), endpoint.format());
            PaginationSettings settings = config.paginationSettings(endpoint.name());
            ApiRequest request = PageRequests.request(endpoint, settings.placement(), uri, pagination.first(),
                settings.limit(), Instant.now());
            fetcher.send(endpoint.name(), request, FetchObserver.NONE, response -> response.statusCode() == 204
                ? ParsedPage.noContent(uri, response.headers())
                : parser.parse(uri, response.body(), response.headers()));
            return Optional.empty();
        } catch (ConnectException e) {
            return Optional.of("The probe request (" + HttpSettings.VALIDATE_PROBE_CONFIG + "=true) failed: "
                + e.getMessage());
        } finally {
            stop.stop();
        }
    }
}
