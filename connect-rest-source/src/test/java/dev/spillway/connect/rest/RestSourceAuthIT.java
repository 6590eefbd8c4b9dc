package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.connect.rest.auth.OAuth2TestServer;
import dev.spillway.connect.rest.tls.TestCertificates;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.TopicClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The connector on a real Kafka 3.9.2 worker reading an API that wants mutual TLS and OAuth2: the server's
 * certificate is trusted through a JKS trust store, the client certificate comes from a PEM file, tokens last
 * two seconds and one is refused mid-stream. Every item arrives once and the worker's log holds no secret.
 */
class RestSourceAuthIT {

    private static final String KAFKA = "3.9.2";
    private static final String CONNECTOR = "rest-oauth2";
    private static final String TOPIC = "secure.items";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final RestSourceHarness HARNESS = RestSourceHarness.cluster("rest-source-auth", KAFKA);

    @Test
    void readsAnOAuth2ApiOverMutualTlsWithoutLosingAnItemOrLoggingASecret(@TempDir Path dir) throws Exception {
        TestCertificates certs = TestCertificates.generate(Files.createDirectories(dir.resolve("certs")));

        try (SampleApi upstream = SampleApi.start(3_000);
             OAuth2TestServer server = OAuth2TestServer.https(Clock.systemUTC(), upstream.baseUrl(), certs, true)) {
            server.expiresIn(2);
            ConnectRestClient rest = HARNESS.rest();
            Map<String, String> config = connectorConfig(server, certs);

            // The worker's validate endpoint names the key to fix.
            Map<String, String> plaintext = new HashMap<>(config);
            plaintext.put("http.base.url", "http://api.example.com");
            assertThat(errors(rest.validate(RestSourceConnector.class.getName(), plaintext)))
                .containsOnlyKeys("auth.type");
            Map<String, String> badStore = new HashMap<>(config);
            badStore.put("http.tls.truststore.password", "wrong-password");
            assertThat(errors(rest.validate(RestSourceConnector.class.getName(), badStore)))
                .containsOnlyKeys("http.tls.truststore.location");
            assertThat(errors(rest.validate(RestSourceConnector.class.getName(), config))).isEmpty();

            rest.createConnector(CONNECTOR, config);
            rest.awaitRunning(CONNECTOR, 1, TIMEOUT);
            TopicClient topics = HARNESS.topics();
            awaitIds(topics, 1_000);
            server.refuseNextApiRequest();
            List<Long> ids = awaitIds(topics, 3_000);
            upstream.append(100);
            ids = awaitIds(topics, 3_100);
            assertThat(ids).as("every item once, in order").containsExactlyElementsOf(TaskHarness.range(1, 3_100));
            assertThat(server.unauthorizedAnswers()).isEqualTo(1);
            assertThat(server.tokensIssued()).isGreaterThanOrEqualTo(2);
            assertThat(rest.status(CONNECTOR).isRunning(1)).isTrue();

            String workerLog = HARNESS.workerLog();
            assertThat(workerLog).contains("Fetched an OAuth2 access token for client " + OAuth2TestServer.CLIENT_ID);
            assertThat(workerLog).doesNotContain(OAuth2TestServer.CLIENT_SECRET)
                .doesNotContain(OAuth2TestServer.TOKEN_PREFIX)
                .doesNotContain(TestCertificates.TRUST_PASSWORD);
        }
    }

    private static Map<String, String> connectorConfig(OAuth2TestServer server, TestCertificates certs) {
        Map<String, String> config = RestSourceHarness.connectorConfig("secure.");
        config.put("http.base.url", server.baseUrl().toString());
        config.put("endpoints", "items=/cursor/items");
        config.put("records.pointer", "/items");
        config.put("key.pointer", "/id");
        config.put("pagination.type", "cursor");
        config.put("pagination.cursor.pointer", "/next_cursor");
        config.put("pagination.limit", "100");
        config.put("http.max.requests.per.second", "10");
        config.put("poll.interval.ms", "500");
        config.put("auth.type", "oauth2");
        config.put("auth.oauth2.token.url", server.tokenUrl().toString());
        config.put("auth.oauth2.client.id", OAuth2TestServer.CLIENT_ID);
        config.put("auth.oauth2.client.secret", OAuth2TestServer.CLIENT_SECRET);
        config.put("http.tls.truststore.location", certs.trustJks.toString());
        config.put("http.tls.truststore.password", TestCertificates.TRUST_PASSWORD);
        config.put("http.tls.keystore.location", certs.clientPem.toString());
        return config;
    }

    /** Error messages of a validate response, by key, only keys with errors. */
    private static Map<String, List<String>> errors(JsonNode result) {
        Map<String, List<String>> errors = new HashMap<>();
        for (JsonNode config : result.get("configs")) {
            JsonNode value = config.get("value");
            List<String> messages = new ArrayList<>();
            value.get("errors").forEach(message -> messages.add(message.asText()));
            if (!messages.isEmpty()) {
                errors.put(value.get("name").asText(), messages);
            }
        }
        return errors;
    }


    private static List<Long> awaitIds(TopicClient topics, int count) {
        return RestSourceHarness.awaitIds(topics, TOPIC, count, TIMEOUT);
    }
}
