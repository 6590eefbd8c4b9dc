package dev.spillway.connect.rest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.common.rate.RateLimiter;
import dev.spillway.connect.rest.SampleApi;
import dev.spillway.connect.rest.http.HttpFetcher;
import dev.spillway.connect.rest.http.RetryPolicy;
import dev.spillway.connect.rest.net.StopSignal;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** The client credentials grant against a loopback token endpoint and a protected API. */
class OAuth2ClientCredentialsTest {

    private final SampleApi upstream = SampleApi.start(3);
    private final MutableClock clock = new MutableClock();
    private final OAuth2TestServer server = OAuth2TestServer.plain(clock, upstream.baseUrl());
    private final StopSignal stop = new StopSignal();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureLogs() {
        // slf4j-simple writes to whatever System.err is at the time.
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(originalErr, logs), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void close() {
        System.setErr(originalErr);
        server.close();
        upstream.close();
        String logged = logs.toString(StandardCharsets.UTF_8);
        assertThat(logged).doesNotContain(OAuth2TestServer.CLIENT_SECRET).doesNotContain(OAuth2TestServer.TOKEN_PREFIX);
    }

    private OAuth2ClientCredentials credentials(OAuth2ClientCredentials.ClientAuth clientAuth, URI tokenUrl,
                                                String secret) {
        OAuth2ClientCredentials.Settings settings = new OAuth2ClientCredentials.Settings(tokenUrl,
            OAuth2TestServer.CLIENT_ID, new Password(secret), Optional.of("read:items write:none"), clientAuth,
            Duration.ofSeconds(10));
        return new OAuth2ClientCredentials(settings, HttpFetcher.newClient(Duration.ofSeconds(2)),
            Duration.ofSeconds(5), stop, "test", clock);
    }

    private OAuth2ClientCredentials credentials() {
        return credentials(OAuth2ClientCredentials.ClientAuth.BASIC, server.tokenUrl(), OAuth2TestServer.CLIENT_SECRET);
    }

    private HttpFetcher fetcher(Authenticator auth, int retries) {
        return new HttpFetcher(HttpFetcher.newClient(Duration.ofSeconds(2)), auth,
            new RetryPolicy(retries, Duration.ofMillis(10), Duration.ofMillis(20)), new RateLimiter(0),
            Duration.ofSeconds(5), stop, "test", clock);
    }

    private String get(HttpFetcher fetcher) {
        return fetcher.get("items", server.baseUrl().resolve("/plain/items"),
            response -> new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void fetchesOneTokenAndReusesItWithBasicClientAuthentication() {
        HttpFetcher fetcher = fetcher(credentials(), 0);
        for (int i = 0; i < 3; i++) {
            assertThat(get(fetcher)).startsWith("[{\"id\":1");
        }
        assertThat(server.tokensIssued()).isEqualTo(1);
        OAuth2TestServer.TokenRequest request = server.tokenRequests().get(0);
        assertThat(request.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
            (OAuth2TestServer.CLIENT_ID + ":" + OAuth2TestServer.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.form()).containsEntry("grant_type", "client_credentials")
            .containsEntry("scope", "read:items write:none").doesNotContainKeys("client_id", "client_secret");
    }

    @Test
    void canAuthenticateTheClientInTheFormBody() {
        get(fetcher(credentials(OAuth2ClientCredentials.ClientAuth.BODY, server.tokenUrl(),
            OAuth2TestServer.CLIENT_SECRET), 0));
        OAuth2TestServer.TokenRequest request = server.tokenRequests().get(0);
        assertThat(request.authorization()).isNull();
        assertThat(request.form()).containsEntry("client_id", OAuth2TestServer.CLIENT_ID)
            .containsEntry("client_secret", OAuth2TestServer.CLIENT_SECRET);
    }

    @Test
    void renewsTheTokenBeforeItExpires() {
        server.expiresIn(60);
        HttpFetcher fetcher = fetcher(credentials(), 0);
        get(fetcher);
        clock.advance(Duration.ofSeconds(49));
        get(fetcher);
        assertThat(server.tokensIssued()).isEqualTo(1);
        // 60 s minus the 10 s margin: renewed before the server would refuse it.
        clock.advance(Duration.ofSeconds(2));
        get(fetcher);
        assertThat(server.tokensIssued()).isEqualTo(2);
        assertThat(server.unauthorizedAnswers()).isZero();
        // A lifetime shorter than twice the margin is renewed after half of it.
        server.expiresIn(4);
        clock.advance(Duration.ofSeconds(100));
        get(fetcher);
        clock.advance(Duration.ofMillis(1900));
        get(fetcher);
        assertThat(server.tokensIssued()).isEqualTo(3);
        clock.advance(Duration.ofMillis(200));
        get(fetcher);
        assertThat(server.tokensIssued()).isEqualTo(4);
        assertThat(server.unauthorizedAnswers()).isZero();
    }

    @Test
    void aRevokedTokenIsRenewedOnceAfterA401AndTheRequestSentAgain() {
        server.expiresIn(0);
        HttpFetcher fetcher = fetcher(credentials(), 0);
        get(fetcher);
        server.revokeAll();
        // No retries configured: the renewal does not use one.
        assertThat(get(fetcher)).startsWith("[{\"id\":1");
        assertThat(server.tokensIssued()).isEqualTo(2);
        assertThat(server.unauthorizedAnswers()).isEqualTo(1);
        assertThat(server.apiRequests()).isEqualTo(3);
    }

    @Test
    void a401WithANewTokenFailsAtOnceNamingTheEndpoint() {
        HttpFetcher fetcher = fetcher(credentials(), 3);
        get(fetcher);
        server.refuseEveryToken();
        assertThatThrownBy(() -> get(fetcher))
            .isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
            .hasMessageContaining("Endpoint 'items'")
            .hasMessageContaining("HTTP 401")
            .hasMessageContaining("also with newly obtained credentials")
            .hasMessageContaining("client " + OAuth2TestServer.CLIENT_ID)
            .hasMessageNotContaining(OAuth2TestServer.TOKEN_PREFIX);
        // One request with the old token, one with the new one; no further retries.
        assertThat(server.apiRequests()).isEqualTo(3);
        assertThat(server.tokensIssued()).isEqualTo(2);
    }

    @Test
    void transientTokenEndpointFailuresAreRetriedLikeTheApis() {
        server.failNextTokenRequest(503, "{\"error\":\"temporarily_unavailable\"}");
        server.failNextTokenRequest(500, "oops");
        assertThat(get(fetcher(credentials(), 2))).startsWith("[");
        assertThat(server.tokenRequests()).hasSize(3);

        server.failNextTokenRequest(503, "");
        server.failNextTokenRequest(503, "");
        assertThatThrownBy(() -> get(fetcher(credentials(), 1)))
            .isInstanceOf(RetriableException.class)
            .hasMessageContaining("the OAuth2 token endpoint " + server.tokenUrl() + " answered HTTP 503");
    }

    @Test
    void anUnreachableTokenEndpointIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/token");
        assertThatThrownBy(() -> get(fetcher(credentials(OAuth2ClientCredentials.ClientAuth.BASIC, nowhere,
            OAuth2TestServer.CLIENT_SECRET), 1)))
            .isInstanceOf(RetriableException.class)
            .hasMessageContaining("the OAuth2 token endpoint " + nowhere + " could not be reached");
    }

    @Test
    void refusedClientCredentialsFailWithTheServersReasonButNotTheSecret() {
        String wrongSecret = "wr0ng-s3cret-value";
        assertThatThrownBy(() -> get(fetcher(credentials(OAuth2ClientCredentials.ClientAuth.BODY, server.tokenUrl(),
            wrongSecret), 1)))
            .isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
            .hasMessageContaining("Endpoint 'items'")
            .hasMessageContaining("answered HTTP 401: invalid_client (bad client credentials)")
            .hasMessageContaining("auth.oauth2.client.secret")
            .hasMessageNotContaining(wrongSecret);
        assertThat(server.apiRequests()).isZero();
        // A server that echoes the request body does not get the secret into the message either.
        server.failNextTokenRequest(400, "client_secret=" + OAuth2TestServer.CLIENT_SECRET);
        assertThatThrownBy(() -> get(fetcher(credentials(), 0)))
            .hasMessageContaining("answered HTTP 400").hasMessageNotContaining(OAuth2TestServer.CLIENT_SECRET);
    }

    @Test
    void aTokenResponseWithoutATokenIsRejectedWithoutQuotingIt() {
        server.failNextTokenRequest(200, "{\"token_type\":\"Bearer\",\"expires_in\":60}");
        assertThatThrownBy(() -> get(fetcher(credentials(), 0)))
            .isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
            .hasMessageContaining("not an OAuth2 token response: it has no access_token");
        server.failNextTokenRequest(200, "{\"access_token\":\"at-mac\",\"token_type\":\"mac\"}");
        assertThatThrownBy(() -> get(fetcher(credentials(), 0)))
            .hasMessageContaining("token_type is 'mac'").hasMessageNotContaining("at-mac");
        server.failNextTokenRequest(200, "{\"access_token\":\"at-trunc");
        assertThatThrownBy(() -> get(fetcher(credentials(), 0)))
            .hasMessageContaining("not JSON").hasMessageNotContaining("at-trunc");
    }

    @Test
    void aTokenThatCannotGoIntoAHeaderFailsTheRequestNotTheRequestBuilder() {
        // Before, the line break made HttpRequest.Builder throw an IllegalArgumentException out of poll().
        server.failNextTokenRequest(200, "{\"access_token\":\"at-inj\\r\\nX-Evil: 1\",\"token_type\":\"Bearer\"}");
        assertThatThrownBy(() -> get(fetcher(credentials(), 0)))
            .isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
            .hasMessageContaining("its access_token contains a line break").hasMessageNotContaining("at-inj");
    }

    @Test
    void aTokenLifetimeOfCenturiesIsCappedNotAnOverflow() throws Exception {
        // Before, Instant.plus threw a DateTimeException out of poll().
        server.failNextTokenRequest(200, "{\"access_token\":\"" + OAuth2TestServer.TOKEN_PREFIX
            + "forever\",\"token_type\":\"Bearer\",\"expires_in\":9223372036854775807}");
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> get(fetcher(credentials(), 0)));
        assertThat(thrown).as("no DateTimeException out of the fetcher")
            .satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(ConnectException.class));
        assertThat(OAuth2ClientCredentials.TokenResponse.parse(("{\"access_token\":\"a\",\"expires_in\":"
            + Long.MAX_VALUE + "}").getBytes(StandardCharsets.UTF_8)).expiresIn()).contains(Duration.ofDays(365));
        // Beyond a long: no lifetime, not "not JSON".
        for (String huge : new String[] {"1e30", "99999999999999999999"}) {
            assertThat(OAuth2ClientCredentials.TokenResponse.parse(("{\"access_token\":\"a\",\"expires_in\":"
                + huge + "}").getBytes(StandardCharsets.UTF_8)).expiresIn()).as(huge).isEmpty();
        }
    }

    @Test
    void anOversizedTokenResponseFailsWithTheKeyToRaise() {
        server.failNextTokenRequest(200, "{\"access_token\":\"" + "a".repeat(5000) + "\"}");
        OAuth2ClientCredentials.Settings settings = new OAuth2ClientCredentials.Settings(server.tokenUrl(),
            OAuth2TestServer.CLIENT_ID, new Password(OAuth2TestServer.CLIENT_SECRET), Optional.empty(),
            OAuth2ClientCredentials.ClientAuth.BASIC, Duration.ofSeconds(10));
        OAuth2ClientCredentials small = new OAuth2ClientCredentials(settings, HttpFetcher.newClient(Duration.ofSeconds(2)),
            Duration.ofSeconds(5), stop, "test", clock, 1024);
        assertThatThrownBy(() -> get(fetcher(small, 0)))
            .isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
            .hasMessageContaining("OAuth2 token endpoint").hasMessageContaining("http.response.max.bytes")
            .hasMessageNotContaining("aaaa");
    }

    @Test
    void anOAuth2ErrorDescriptionIsQuotedOnOneShortLine() {
        server.failNextTokenRequest(400, "{\"error\":\"invalid_client\",\"error_description\":\"bad\\r\\n"
            + "FORGED " + "x".repeat(1000) + "\"}");
        assertThatThrownBy(() -> get(fetcher(credentials(), 0)))
            .hasMessageContaining("invalid_client (bad FORGED xxx")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r").hasSizeLessThan(1000));
    }

    @Test
    void neverShowsTheSecretOrTheToken() {
        OAuth2ClientCredentials credentials = credentials();
        get(fetcher(credentials, 0));
        assertThat(credentials.describe()).contains(OAuth2TestServer.CLIENT_ID)
            .doesNotContain(OAuth2TestServer.CLIENT_SECRET).doesNotContain(OAuth2TestServer.TOKEN_PREFIX);
        assertThat(credentials.toString()).isEqualTo(credentials.describe());
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("Fetched an OAuth2 access token for client "
            + OAuth2TestServer.CLIENT_ID);
    }

    /** Writes to both streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }
    }
}
