package dev.spillway.connect.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spillway.connect.common.rate.RateLimiter;
import dev.spillway.connect.rest.auth.Authenticator;
import dev.spillway.connect.rest.auth.HeaderAuthenticator;
import dev.spillway.connect.rest.net.StopSignal;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Redirects are followed by the fetcher, never carrying credentials to another origin. */
class RedirectsTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final HttpServer other = server("other");
    private final HttpServer api = server("api");

    @AfterEach
    void close() {
        api.stop(0);
        other.stop(0);
    }

    private HttpServer server(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> handle(name, exchange));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(String name, HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String sent = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(name + " " + exchange.getRequestMethod() + sent + " " + path + " "
                + exchange.getRequestHeaders().getFirst("Authorization")
                + (exchange.getRequestHeaders().containsKey("X-Tenant") ? " X-Tenant" : ""));
            String location = switch (path) {
                case "/moved" -> "/items";
                case "/see-other" -> "/items";
                case "/elsewhere" -> "http://localhost:" + other.getAddress().getPort() + "/items";
                case "/loop" -> "/loop";
                case "/unusable" -> "http://exa mple.com/x?token=T0PSECRET";
                default -> null;
            };
            if (path.equals("/temporary")) {
                location = "/items";
            }
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
                exchange.sendResponseHeaders(path.equals("/see-other") ? 303 : path.equals("/temporary") ? 307 : 302,
                    -1);
                return;
            }
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private String get(Authenticator auth, String path) {
        return get(auth, RequestHeaders.NONE, path);
    }

    private String get(Authenticator auth, RequestHeaders headers, String path) {
        HttpFetcher fetcher = new HttpFetcher(HttpFetcher.newClient(Duration.ofSeconds(2)), auth,
            new RetryPolicy(0, Duration.ofMillis(10), Duration.ofMillis(20)), new RateLimiter(0),
            Duration.ofSeconds(5), new StopSignal(), "test", Clock.systemUTC());
        URI uri = URI.create("http://127.0.0.1:" + api.getAddress().getPort() + path);
        return fetcher.get("items", uri, headers, FetchObserver.NONE,
            response -> new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void followsSameOriginRedirectsWithTheCredentials() {
        assertThat(get(HeaderAuthenticator.bearer(new Password("s3cret")), "/moved")).isEqualTo("[]");
        assertThat(received).containsExactly("api GET /moved Bearer s3cret", "api GET /items Bearer s3cret");
    }

    @Test
    void refusesToCarryCredentialsToAnotherOrigin() {
        assertThatThrownBy(() -> get(HeaderAuthenticator.bearer(new Password("s3cret")), "/elsewhere"))
            .isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
            .hasMessageContaining("Endpoint 'items'")
            .hasMessageContaining("a redirect to http://localhost:" + other.getAddress().getPort() + "/items")
            .hasMessageContaining("the credentials are not sent there");
        assertThat(received).containsExactly("api GET /elsewhere Bearer s3cret");
    }

    @Test
    void followsRedirectsToAnotherOriginWithoutCredentials() {
        assertThat(get(Authenticator.NONE, "/elsewhere")).isEqualTo("[]");
        assertThat(received).containsExactly("api GET /elsewhere null", "other GET /items null");
    }

    @Test
    void followsSameOriginRedirectsWithTheConfiguredHeaders() {
        RequestHeaders headers = RequestHeaders.parse(List.of("X-Tenant: s3cret"), true);
        assertThat(get(Authenticator.NONE, headers, "/moved")).isEqualTo("[]");
        assertThat(received).containsExactly("api GET /moved null X-Tenant", "api GET /items null X-Tenant");
    }

    @Test
    void refusesToCarryConfiguredHeadersToAnotherOrigin() {
        RequestHeaders headers = RequestHeaders.parse(List.of("X-Tenant: s3cret"), true);
        assertThatThrownBy(() -> get(Authenticator.NONE, headers, "/elsewhere"))
            .isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
            .hasMessageContaining("a redirect to http://localhost:" + other.getAddress().getPort() + "/items")
            .hasMessageContaining("the configured request headers are not sent there")
            .hasMessageNotContaining("s3cret");
        assertThat(received).containsExactly("api GET /elsewhere null X-Tenant");
    }

    private String post(String path) {
        HttpFetcher fetcher = new HttpFetcher(HttpFetcher.newClient(Duration.ofSeconds(2)), Authenticator.NONE,
            new RetryPolicy(0, Duration.ofMillis(10), Duration.ofMillis(20)), new RateLimiter(0),
            Duration.ofSeconds(5), new StopSignal(), "test", Clock.systemUTC());
        URI uri = URI.create("http://127.0.0.1:" + api.getAddress().getPort() + path);
        return fetcher.send("items", new ApiRequest(RequestMethod.POST, uri,
            "{\"q\":1}".getBytes(StandardCharsets.UTF_8), RequestHeaders.NONE), FetchObserver.NONE,
            response -> new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aPostFollowsA307WithItsBody() {
        assertThat(post("/temporary")).isEqualTo("[]");
        assertThat(received).containsExactly("api POST{\"q\":1} /temporary null", "api POST{\"q\":1} /items null");
    }

    @Test
    void aPostIsNotTurnedIntoAGetByA303() {
        assertThatThrownBy(() -> post("/see-other")).isInstanceOf(ConnectException.class)
            .hasMessageContaining("Endpoint 'items': POST http://127.0.0.1:")
            .hasMessageContaining("a redirect (HTTP 303) of a POST, which would become a GET without the body");
        assertThat(received).containsExactly("api POST{\"q\":1} /see-other null");
    }

    @Test
    void endsARedirectLoop() {
        assertThatThrownBy(() -> get(Authenticator.NONE, "/loop"))
            .isInstanceOf(ConnectException.class).hasMessageContaining("more than 5 redirects");
        assertThat(received).hasSize(6);
    }

    @Test
    void anUnusableLocationIsQuotedWithoutItsQueryValues() {
        assertThatThrownBy(() -> get(Authenticator.NONE, "/unusable"))
            .isInstanceOf(ConnectException.class)
            .hasMessageContaining("unusable Location http://exa mple.com/x?token=***")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("T0PSECRET"))
            .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain("T0PSECRET"));
    }
}
