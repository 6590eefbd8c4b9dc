package dev.spillway.connect.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.common.rate.RateLimiter;
import dev.spillway.connect.rest.SampleApi;
import dev.spillway.connect.rest.auth.Authenticator;
import dev.spillway.connect.rest.auth.HeaderAuthenticator;
import dev.spillway.connect.rest.net.HttpLimits;
import dev.spillway.connect.rest.net.StopSignal;
import dev.spillway.testcluster.http.HostileHttpServer;
import dev.spillway.testcluster.http.Hostility;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The fetcher against the hostile test server: every fault retried or failed with one clear line, never a hang. */
class HttpFetcherHostileTest {

    private static final String TOKEN = "b34r3r-t0k3n-hostile";
    private static final HttpLimits SMALL = new HttpLimits(Duration.ofSeconds(5), 1024 * 1024);

    private final HostileHttpServer server = HostileHttpServer.start(250);
    private final StopSignal stop = new StopSignal();

    @AfterEach
    void close() {
        server.close();
    }

    private HttpFetcher fetcher(Authenticator auth, int retries, HttpLimits limits) {
        return new HttpFetcher(HttpFetcher.newClient(Duration.ofSeconds(2)), auth,
            new RetryPolicy(retries, Duration.ofMillis(10), Duration.ofMillis(20)), new RateLimiter(0),
            Duration.ofSeconds(2), stop, "test", Clock.systemUTC(), limits);
    }

    private HttpFetcher fetcher(int retries) {
        return fetcher(Authenticator.NONE, retries, SMALL);
    }

    private URI items() {
        return server.baseUrl().resolve("/items?limit=10");
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aGiantRetryAfterIsARetriableFailureNamingTheKeyNotAnOverflow() {
        server.next(Hostility.GIANT_RETRY_AFTER, 1);
        assertThatThrownBy(() -> fetcher(3).get("items", items(), HttpFetcherHostileTest::body))
            .isInstanceOfSatisfying(ServerWaitTooLongException.class,
                e -> assertThat(e.askAgainAfter()).isEqualTo(Duration.ofSeconds(5)))
            .isInstanceOf(RetriableException.class)
            .hasMessageContaining("Endpoint 'items'").hasMessageContaining("HTTP 429")
            .hasMessageContaining("http.retry.after.max.ms (5000 ms)");
        // Not waited for and not retried: the next poll asks again.
        assertThat(server.requests()).hasSize(1);
        assertThat(fetcher(0).get("items", items(), HttpFetcherHostileTest::body)).contains("\"id\":10");
    }

    @Test
    void aGiantOrFarFutureResetIsARetriableFailure() {
        for (Hostility hostility : new Hostility[] {Hostility.GIANT_RESET, Hostility.RETRY_AFTER_FAR_FUTURE}) {
            server.next(hostility, 1);
            assertThatThrownBy(() -> fetcher(3).get("items", items(), HttpFetcherHostileTest::body))
                .as(hostility.name()).isInstanceOf(ServerWaitTooLongException.class)
                .hasMessageContaining("http.retry.after.max.ms");
        }
    }

    @Test
    void aResetInEpochMillisecondsIsWaitedForAndTheRequestRetried() {
        server.next(Hostility.EPOCH_MILLIS_RESET, 1);
        assertThat(fetcher(1).get("items", items(), HttpFetcherHostileTest::body)).contains("\"id\":10");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aRetryAfterDateInThePastMeansRetryNow() {
        server.next(Hostility.RETRY_AFTER_PAST_DATE, 1);
        assertThat(fetcher(1).get("items", items(), HttpFetcherHostileTest::body)).contains("\"id\":10");
    }

    @Test
    void aSuccessThatSaysTheQuotaResetsInAnAgeFailsTheNextRequestRetriably() {
        try (SampleApi api = SampleApi.start(3)) {
            api.failNext(200, Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", String.valueOf(Long.MAX_VALUE)),
                "[]");
            HttpFetcher fetcher = fetcher(0);
            URI uri = api.baseUrl().resolve("/plain/items");
            assertThat(fetcher.get("items", uri, HttpFetcherHostileTest::body)).isEqualTo("[]");
            assertThatThrownBy(() -> fetcher.get("items", uri, HttpFetcherHostileTest::body))
                .isInstanceOf(ServerWaitTooLongException.class).hasMessageContaining("quota");
            assertThat(fetcher.get("items", uri, HttpFetcherHostileTest::body)).startsWith("[{\"id\":1");
        }
    }

    @Test
    void anEndlessBodyIsCutAtTheLimitAndFailsNamingTheKey() {
        server.next(Hostility.ENDLESS_BODY, 2);
        assertThatThrownBy(() -> fetcher(1).get("items", items(), HttpFetcherHostileTest::body))
            .isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
            .hasMessageContaining("Endpoint 'items'")
            .hasMessageContaining("larger than http.response.max.bytes (1048576 bytes")
            .hasMessageContaining("raise http.response.max.bytes");
        assertThat(fetcher(0).get("items", items(), HttpFetcherHostileTest::body)).contains("\"id\":10");
    }

    @Test
    void aHugeDeclaredBodyFailsBeforeItIsRead() {
        server.next(Hostility.HUGE_BODY, 1);
        assertThatThrownBy(() -> fetcher(0).get("items", items(), HttpFetcherHostileTest::body))
            .isInstanceOf(ConnectException.class).hasMessageContaining("its Content-Length is 209715200");
    }

    @Test
    void aHugeHostileErrorBodyIsQuotedAsOneShortLine() {
        server.next(Hostility.HOSTILE_ERROR_BODY, 1);
        assertThatThrownBy(() -> fetcher(0).get("items", items(), HttpFetcherHostileTest::body))
            .isInstanceOf(RetriableException.class)
            .hasMessageContaining("HTTP 500: upstream exploded 2026-01-01 ERROR forged log line")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r", "\u001b").hasSizeLessThan(600));
    }

    @Test
    void slowBodiesResetsAndLyingLengthsAreRetriedAndNothingIsLost() {
        server.slowByteInterval(Duration.ofMillis(100));
        for (Hostility hostility : new Hostility[] {Hostility.SLOW_BODY, Hostility.RESET_MID_BODY,
            Hostility.LYING_CONTENT_LENGTH}) {
            server.next(hostility, 1);
            String page = fetcher(1).get("items", items(), HttpFetcherHostileTest::body);
            assertThat(page).as(hostility.name()).startsWith("{\"items\":[{\"id\":1,").endsWith("\"next\":\"10\"}");
        }
    }

    @Test
    void aRedirectLoopEndsInAClearFailure() {
        server.next(Hostility.REDIRECT_LOOP, 1);
        assertThatThrownBy(() -> fetcher(0).get("items", items(), HttpFetcherHostileTest::body))
            .isInstanceOf(ConnectException.class).hasMessageContaining("more than 5 redirects");
    }

    @Test
    void credentialsAreNeverSentToTheOriginOfACrossOriginRedirect() {
        server.next(Hostility.CROSS_ORIGIN_REDIRECT, 1);
        assertThatThrownBy(() -> fetcher(HeaderAuthenticator.bearer(new Password(TOKEN)), 0, SMALL)
            .get("items", items(), HttpFetcherHostileTest::body))
            .isInstanceOf(ConnectException.class).hasMessageContaining("another origin")
            .hasMessageNotContaining(TOKEN);
        assertThat(server.requests()).allSatisfy(request -> assertThat(request.host()).startsWith("127.0.0.1"));
        // Without credentials there is nothing to leak: the redirect is followed.
        server.next(Hostility.CROSS_ORIGIN_REDIRECT, 1);
        assertThat(fetcher(0).get("items", items(), HttpFetcherHostileTest::body)).contains("\"id\":10");
        assertThat(server.requests().get(server.requests().size() - 1).host()).startsWith("localhost");
    }
}
