package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.ConnectorStatus;
import dev.spillway.testcluster.TaskStatus;
import dev.spillway.testcluster.TopicClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * No secret leaves the connector, in a real Kafka 3.9.2 worker: the loopback API's next links carry a token in
 * their query, one connector authenticates with a bearer token, one with basic auth, and a validate call gets a
 * base URL with userinfo. Neither the token nor a password may appear in a record value or header, the validate
 * answer, a task's failure trace, a response of the offsets API or any line of the worker's log. A next-link offset
 * PATCHed to point at a second loopback server, and a stored next link left behind by a change of http.base.url,
 * never lead to a request there.
 */
class RestSourceSecretsIT {

    private static final String KAFKA = "3.9.2";
    private static final String TOKEN = "linktok-9q8w7e";
    private static final String BEARER = "bearer-secret-4r5t6y";
    private static final String BASIC_PASSWORD = "basic-pw-1u2i3o";
    private static final String URL_PASSWORD = "url-pw-8k7j6h";
    private static final List<String> SECRETS = List.of(TOKEN, BEARER, BASIC_PASSWORD, URL_PASSWORD);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RestSourceHarness HARNESS = RestSourceHarness.cluster("rest-secrets", KAFKA);

    @Test
    void tokensAndPasswordsAppearNowhereAndStoredLinksStayOnTheirOrigin() throws Exception {
        try (SampleApi api = SampleApi.start(55);
             SampleApi other = SampleApi.start(55)) {
            api.linkSuffix("&access_token=" + TOKEN);
            ConnectRestClient rest = HARNESS.rest();
            TopicClient topics = HARNESS.topics();

            // 1. Validate: a base URL with userinfo and a token in its query is refused without being echoed.
            Map<String, String> withUserinfo = nextUrlConfig(api);
            withUserinfo.put("http.base.url", "http://user:" + URL_PASSWORD + "@127.0.0.1:"
                + api.baseUrl().getPort() + "/?key=" + TOKEN);
            JsonNode answer = rest.validate(RestSourceConnector.class.getName(), withUserinfo);
            assertThat(answer.get("error_count").asInt()).isPositive();
            assertNoSecret("the validate answer", answer.toString());

            // 2. Both connectors copy every item; records carry the redacted page position only.
            rest.createConnector("sec-next", nextUrlConfig(api));
            rest.createConnector("sec-link", linkHeaderConfig(api));
            rest.awaitRunning("sec-next", 1, TIMEOUT);
            rest.awaitRunning("sec-link", 1, TIMEOUT);
            List<ConsumerRecord<byte[], byte[]>> next = topics.awaitRecords("sec.next", 55, TIMEOUT);
            List<ConsumerRecord<byte[], byte[]>> link = topics.awaitRecords("sec.link", 55, TIMEOUT);
            assertThat(api.requests()).anySatisfy(r -> assertThat(r.query()).containsEntry("access_token", TOKEN));
            assertThat(api.requests()).anySatisfy(r -> assertThat(r.headers().get("authorization"))
                .isEqualTo("Bearer " + BEARER));
            for (ConsumerRecord<byte[], byte[]> record : concat(next, link)) {
                assertNoSecret("a record value", TopicClient.string(record.value()));
                for (Header header : record.headers()) {
                    assertNoSecret("record header " + header.key(), new String(header.value(), StandardCharsets.UTF_8));
                }
            }
            assertThat(pageHeader(next.get(54))).contains("access_token=***");
            assertThat(pageHeader(link.get(54))).contains("access_token=***");

            // 3. A restart logs where it resumes: a next link, with the token's name but not its value.
            rest.restartTask("sec-next", 0);
            rest.awaitRunning("sec-next", 1, TIMEOUT);

            // 4. A PATCHed offset pointing at another origin is refused; the connector carries on where it was.
            rest.stop("sec-next");
            rest.awaitState("sec-next", ConnectorStatus.STOPPED, TIMEOUT);
            HttpResponse<String> patched = patchOffset(rest, "sec-next", Map.of("v", 1, "pagination", "next-url",
                "url", other.baseUrl() + "/next/items?after=0&access_token=" + TOKEN, "skip", 0));
            assertThat(patched.statusCode()).as(patched.body()).isGreaterThanOrEqualTo(400);
            assertNoSecret("the PATCH answer", patched.body());
            rest.resume("sec-next");
            rest.awaitRunning("sec-next", 1, TIMEOUT);
            api.append(5);
            assertThat(topics.awaitRecords("sec.next", 60, TIMEOUT)).hasSizeGreaterThanOrEqualTo(60);

            // 5. http.base.url moves to the other server: the stored next link is not followed, and the task
            // fails with one line naming the endpoint and the fix.
            rest.stop("sec-next");
            rest.awaitState("sec-next", ConnectorStatus.STOPPED, TIMEOUT);
            long apiRequests = nextRequests(api);
            Map<String, String> moved = nextUrlConfig(api);
            moved.put("http.base.url", other.baseUrl().toString());
            rest.putConnectorConfig("sec-next", moved);
            rest.resume("sec-next");
            ConnectorStatus failed = rest.awaitState("sec-next", ConnectorStatus.RUNNING, 1, "FAILED", TIMEOUT);
            String trace = failed.tasks().stream().map(TaskStatus::trace).findFirst().orElseThrow();
            assertThat(trace).contains("Endpoint 'next'").contains("another origin")
                .contains("DELETE /connectors/<name>/offsets");
            assertNoSecret("the task's failure trace", trace);
            assertThat(other.requests()).as("requests to the other origin").isEmpty();
            assertThat(nextRequests(api)).as("requests of endpoint 'next' after the move").isEqualTo(apiRequests);

            // 6. Not in any log line either, while the positions that were logged name the token's parameter.
            assertThat(HARNESS.workerLog()).contains("resuming from the stored offset at url=")
                .contains("access_token=***");
            for (Map.Entry<String, Path> log : HARNESS.cluster().logFiles().entrySet()) {
                assertNoSecret("the log of " + log.getKey(), Files.readString(log.getValue()));
            }
        }
    }

    private static void assertNoSecret(String where, String text) {
        for (String secret : SECRETS) {
            assertThat(text).as(where).doesNotContain(secret);
        }
    }

    private static long nextRequests(SampleApi api) {
        return api.requests().stream().filter(r -> r.path().equals("/next/items")).count();
    }

    private static String pageHeader(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.headers().lastHeader("spillway.rest.page").value(), StandardCharsets.UTF_8);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** {@code PATCH /connectors/{name}/offsets} with one offset for endpoint 'next' (Kafka 3.6+). */
    private static HttpResponse<String> patchOffset(ConnectRestClient rest, String connector,
                                                    Map<String, Object> offset) throws Exception {
        String body = JSON.writeValueAsString(Map.of("offsets",
            List.of(Map.of("partition", Map.of("endpoint", "next"), "offset", offset))));
        HttpRequest request = HttpRequest.newBuilder(URI.create(rest.baseUrl() + "/connectors/" + connector
                + "/offsets"))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
            .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> common(SampleApi api) {
        Map<String, String> config = RestSourceHarness.connectorConfig("sec.");
        config.put("http.base.url", api.baseUrl().toString());
        config.put("key.pointer", "/id");
        config.put("pagination.limit", "10");
        config.put("poll.interval.ms", "500");
        config.put("auth.allow.http.loopback", "true");
        return config;
    }

    private static Map<String, String> nextUrlConfig(SampleApi api) {
        Map<String, String> config = common(api);
        config.put("endpoints", "next=/next/items");
        config.put("records.pointer", "/data/results");
        config.put("pagination.type", "next-url");
        config.put("pagination.next.url.pointer", "/links/next");
        config.put("auth.type", "bearer");
        config.put("auth.bearer.token", BEARER);
        return config;
    }

    private static Map<String, String> linkHeaderConfig(SampleApi api) {
        Map<String, String> config = common(api);
        config.put("endpoints", "link=/link/items");
        config.put("pagination.type", "link-header");
        config.put("pagination.limit.param", "per_page");
        config.put("auth.type", "basic");
        config.put("auth.basic.username", "reader");
        config.put("auth.basic.password", BASIC_PASSWORD);
        return config;
    }
}
