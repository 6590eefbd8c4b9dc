package dev.spillway.connect.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.common.rate.RateLimiter;
import dev.spillway.connect.rest.SampleApi;
import dev.spillway.connect.rest.auth.Authenticator;
import dev.spillway.connect.rest.auth.HeaderAuthenticator;
import dev.spillway.connect.rest.net.MalformedPageException;
import dev.spillway.connect.rest.net.StopSignal;
import dev.spillway.connect.rest.net.TaskStoppingException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

class HttpFetcherTest {

    private final SampleApi api = SampleApi.start(3);
    private final StopSignal stop = new StopSignal();

    @AfterEach
    void close() {
        api.close();
    }

    private HttpFetcher fetcher(Authenticator auth, int retries, Duration readTimeout) {
        return new HttpFetcher(HttpFetcher.newClient(Duration.ofSeconds(2)), auth,
            new RetryPolicy(retries, Duration.ofMillis(10), Duration.ofMillis(20)), new RateLimiter(0), readTimeout,
            stop, "test", Clock.systemUTC());
    }

    private HttpFetcher fetcher(int retries) {
        return fetcher(Authenticator.NONE, retries, Duration.ofSeconds(5));
    }

    private URI plain() {
        return api.baseUrl().resolve("/plain/items?token=secret");
    }

    private static String body(java.net.http.HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void sendsTheConfiguredHeadersOverTheDefaultsButUnderTheCredentials() {
        RequestHeaders headers = RequestHeaders.parse(java.util.List.of("Accept: application/vnd.sample.v2+json",
            "X-Api-Version: 2", "X-API-Key: overridden"), false);
        fetcher(HeaderAuthenticator.apiKey("X-API-Key", new Password("k3y")), 0, Duration.ofSeconds(5))
            .get("items", plain(), headers, FetchObserver.NONE, HttpFetcherTest::body);
        Map<String, String> sent = api.requests().get(0).headers();
        assertThat(sent).containsEntry("accept", "application/vnd.sample.v2+json")
            .containsEntry("x-api-version", "2").containsEntry("x-api-key", "k3y").containsEntry("user-agent", "test");
    }

    @Test
    void honoursRetryAfterOnA429() {
        api.failNext(429, Map.of("Retry-After", "1"), "slow down");
        long started = System.nanoTime();
        String body = fetcher(3).get("items", plain(), HttpFetcherTest::body);
        assertThat(body).startsWith("[{\"id\":1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void waitsForTheQuotaResetOnA429WithoutRetryAfter() {
        api.failNext(429, Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1"), "quota used up");
        long started = System.nanoTime();
        assertThat(fetcher(3).get("items", plain(), HttpFetcherTest::body)).startsWith("[{\"id\":1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void aForbiddenThatSaysTheQuotaIsUsedUpIsRetriedAfterTheReset() {
        api.failNext(403, Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1"), "rate limit exceeded");
        assertThat(fetcher(1).get("items", plain(), HttpFetcherTest::body)).startsWith("[{\"id\":1");
        assertThat(api.requests()).hasSize(2);
    }

    @Test
    void aSuccessThatUsesUpTheQuotaMakesTheNextRequestWaitForTheReset() {
        api.failNext(200, Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1"), "[]");
        HttpFetcher fetcher = fetcher(0);
        assertThat(fetcher.get("items", plain(), HttpFetcherTest::body)).isEqualTo("[]");
        long started = System.nanoTime();
        assertThat(fetcher.get("items", plain(), HttpFetcherTest::body)).startsWith("[{\"id\":1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void transientFailuresEndInARetriableExceptionOnceRetriesAreUsedUp() {
        api.failNext(500);
        api.failNext(502);
        api.failNext(503);
        assertThatThrownBy(() -> fetcher(2).get("items", plain(), HttpFetcherTest::body))
            .isInstanceOf(RetriableException.class)
            .hasMessageContaining("Endpoint 'items'")
            .hasMessageContaining("HTTP 503")
            .hasMessageContaining("3 attempts")
            .hasMessageNotContaining("secret");
    }

    @Test
    void clientErrorsFailForGoodAfterABoundedRetry() {
        for (int status : new int[] {400, 401, 403, 404}) {
            api.failNext(status);
            api.failNext(status);
            assertThatThrownBy(() -> fetcher(1).get("orders", plain(), HttpFetcherTest::body))
                .isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("Endpoint 'orders'")
                .hasMessageContaining("HTTP " + status);
        }
    }

    @Test
    void aMalformedPageIsRetriedThenFatal() {
        api.malformedNext();
        api.malformedNext();
        ResponseHandler<String> strict = response -> {
            if (!body(response).endsWith("]")) {
                throw new MalformedPageException("truncated");
            }
            return body(response);
        };
        assertThatThrownBy(() -> fetcher(1).get("items", plain(), strict))
            .isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
            .hasMessageContaining("malformed page: truncated");
        api.malformedNext();
        assertThat(fetcher(1).get("items", plain(), strict)).startsWith("[");
    }

    @Test
    void connectionErrorsAndTimeoutsAreTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> fetcher(1).get("items", URI.create("http://127.0.0.1:" + closedPort + "/x"),
            HttpFetcherTest::body))
            .isInstanceOf(RetriableException.class).hasMessageContaining("connection error");
        api.delay(1000);
        assertThatThrownBy(() -> fetcher(Authenticator.NONE, 0, Duration.ofMillis(200))
            .get("items", plain(), HttpFetcherTest::body))
            .isInstanceOf(RetriableException.class).hasMessageContaining("timeout");
    }

    /** A TCP reset (SO_LINGER 0) while the request waits for its answer: transient, retried, then answered. */
    @Test
    void aConnectionResetIsTransientAndRetried() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> resetTwiceThenAnswer(server, connections), "reset-server");
            acceptor.setDaemon(true);
            acceptor.start();
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/items");
            assertThatThrownBy(() -> fetcher(0).get("items", uri, HttpFetcherTest::body))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("Endpoint 'items'")
                .hasMessageContaining("I/O error");
            assertThat(fetcher(1).get("items", uri, HttpFetcherTest::body)).isEqualTo("[{\"id\":1}]");
            assertThat(connections.get()).isEqualTo(3);
        }
    }

    private static void resetTwiceThenAnswer(ServerSocket server, AtomicInteger connections) {
        try {
            while (true) {
                try (Socket socket = server.accept()) {
                    BufferedReader request = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                    for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
                        // The request head; a GET has no body.
                    }
                    if (connections.incrementAndGet() <= 2) {
                        socket.setSoLinger(true, 0);
                        continue;
                    }
                    byte[] body = "[{\"id\":1}]".getBytes(StandardCharsets.UTF_8);
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // The server socket was closed: the test is over.
        }
    }

    @Test
    void sendsCredentialsInHeadersOnly() {
        fetcher(HeaderAuthenticator.basic("user", new Password("pw")), 0, Duration.ofSeconds(5))
            .get("items", plain(), HttpFetcherTest::body);
        fetcher(HeaderAuthenticator.apiKey("X-API-Key", new Password("k3y")), 0, Duration.ofSeconds(5))
            .get("items", plain(), HttpFetcherTest::body);
        assertThat(api.requests().get(0).headers()).containsEntry("authorization",
            "Basic " + Base64.getEncoder().encodeToString("user:pw".getBytes(StandardCharsets.UTF_8)));
        assertThat(api.requests().get(1).headers()).containsEntry("x-api-key", "k3y");
        assertThat(api.requests().get(1).headers()).containsEntry("accept", "application/json");
        assertThat(HeaderAuthenticator.bearer(new Password("tok")).toString()).doesNotContain("tok");
        assertThat(HeaderAuthenticator.basic("user", new Password("pw")).describe()).doesNotContain("pw");
    }

    @Test
    void stopAbortsAnInFlightRequest() throws Exception {
        api.delay(5000);
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop.stop();
        });
        stopper.start();
        long started = System.nanoTime();
        assertThatThrownBy(() -> fetcher(0).get("items", plain(), HttpFetcherTest::body))
            .isInstanceOf(TaskStoppingException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        stopper.join();
    }

    @Test
    void rateLimitSpacesRequests() {
        HttpFetcher limited = new HttpFetcher(HttpFetcher.newClient(Duration.ofSeconds(2)), Authenticator.NONE,
            new RetryPolicy(0, Duration.ofMillis(10), Duration.ofMillis(20)), new RateLimiter(10),
            Duration.ofSeconds(5), stop, "test", Clock.systemUTC());
        long started = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            limited.get("items", plain(), HttpFetcherTest::body);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
    }
}
