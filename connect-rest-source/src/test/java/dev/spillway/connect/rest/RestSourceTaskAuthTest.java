package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.rest.auth.OAuth2TestServer;
import dev.spillway.connect.rest.tls.TestCertificates;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole task against an HTTPS API behind OAuth2, on loopback: the server's certificate is trusted through a PEM
 * trust store, tokens expire every second, and one is revoked mid-stream; no item may be lost or repeated.
 */
class RestSourceTaskAuthTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final SampleApi upstream = SampleApi.start(0);
    private OAuth2TestServer server;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void start() {
        server = OAuth2TestServer.https(Clock.systemUTC(), upstream.baseUrl(), TestCertificates.generate(dir));
        originalErr = System.err;
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                originalErr.write(b);
                synchronized (logs) {
                    logs.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                originalErr.write(b, off, len);
                synchronized (logs) {
                    logs.write(b, off, len);
                }
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setErr(originalErr);
        server.close();
        upstream.close();
    }

    private Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("http.base.url", server.baseUrl().toString());
        config.put("endpoints", "/cursor/items");
        config.put("pagination.type", "cursor");
        config.put("pagination.cursor.pointer", "/next_cursor");
        config.put("records.pointer", "/items");
        config.put("pagination.limit", "100");
        config.put("poll.interval.ms", "100");
        config.put("http.retry.backoff.ms", "10");
        config.put("http.retry.backoff.max.ms", "50");
        config.put("auth.type", "oauth2");
        config.put("auth.oauth2.token.url", server.tokenUrl().toString());
        config.put("auth.oauth2.client.id", OAuth2TestServer.CLIENT_ID);
        config.put("auth.oauth2.client.secret", OAuth2TestServer.CLIENT_SECRET);
        config.put("auth.oauth2.scope", "items:read");
        config.put("http.tls.truststore.location", dir.resolve("server.pem").toString());
        return config;
    }

    @Test
    void tokensExpireAndAreRevokedMidStreamWithoutLosingAnItem() throws Exception {
        upstream.append(5000);
        server.expiresIn(1);
        // Each page takes at least 30 ms, so the 50 pages outlive several one-second tokens.
        server.delayApi(30);
        List<SourceRecord> records = new ArrayList<>();
        try (TaskHarness harness = new TaskHarness(config())) {
            records.addAll(harness.pollRecords(2500, TIMEOUT));
            int tokensBefore = server.tokensIssued();
            server.refuseNextApiRequest();
            records.addAll(harness.pollRecords(2500, TIMEOUT));
            assertThat(server.unauthorizedAnswers()).isEqualTo(1);
            assertThat(server.tokensIssued()).isGreaterThan(tokensBefore);
            // New items after the end of the walk, with yet another token.
            upstream.append(50);
            records.addAll(harness.pollRecords(50, TIMEOUT));
        }
        assertThat(TaskHarness.ids(records)).isEqualTo(TaskHarness.range(1, 5050));
        assertThat(server.tokensIssued()).isGreaterThanOrEqualTo(3);
        assertThat(server.tokenRequests()).allSatisfy(request ->
            assertThat(request.form()).containsEntry("scope", "items:read"));
        String logged;
        synchronized (logs) {
            logged = logs.toString(StandardCharsets.UTF_8);
        }
        assertThat(logged).contains("Fetched an OAuth2 access token for client " + OAuth2TestServer.CLIENT_ID)
            .doesNotContain(OAuth2TestServer.CLIENT_SECRET).doesNotContain(OAuth2TestServer.TOKEN_PREFIX);
    }
}
