package dev.spillway.testcluster.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

class HostileHttpServerTest {

    private final HostileHttpServer server = HostileHttpServer.start(5);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        server.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(server.baseUrl().resolve(pathAndQuery))
            .header("Authorization", "Bearer t").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesAPaginatedApiWithANextCursorOnFullPages() throws Exception {
        assertThat(get("/items?limit=2").body())
            .isEqualTo("{\"items\":[{\"id\":1,\"name\":\"item-1\"},{\"id\":2,\"name\":\"item-2\"}],\"next\":\"2\"}");
        assertThat(get("/items?after=4&limit=2").body()).isEqualTo("{\"items\":[{\"id\":5,\"name\":\"item-5\"}]}");
        server.append(1);
        assertThat(get("/items?after=4&limit=2").body()).endsWith("\"next\":\"6\"}");
        assertThat(server.requests()).hasSize(3).allSatisfy(request -> {
            assertThat(request.headers()).containsEntry("authorization", "Bearer t");
            assertThat(request.answeredWith()).isEqualTo(Hostility.NONE);
        });
    }

    @Test
    void queuedHostilitiesHitTheNextRequestsInOrderThenTheApiRecovers() throws Exception {
        server.next(Hostility.GIANT_RETRY_AFTER, 1).next(Hostility.TRUNCATED_JSON, 1);
        HttpResponse<String> limited = get("/items?limit=2");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("1000000000000");
        assertThat(get("/items?limit=2").body()).startsWith("{\"items\":[{\"id\":1,").doesNotEndWith("}");
        assertThat(get("/items?limit=2").body()).endsWith("\"next\":\"2\"}");
        assertThat(server.queued()).isZero();
    }

    @Test
    void aResetMidBodyIsAnIOException() {
        server.next(Hostility.RESET_MID_BODY, 1);
        assertThatThrownBy(() -> get("/items")).isInstanceOf(IOException.class);
    }

    @Test
    void hostilePathsAlwaysMisbehaveAndTheHugeBodyIsStreamed() throws Exception {
        assertThat(get("/hostile/redirect-loop").headers().firstValue("Location")).contains("/loop/1");
        assertThat(get("/loop/7").headers().firstValue("Location")).contains("/loop/8");
        HttpResponse<InputStream> huge = client.send(HttpRequest.newBuilder(server.baseUrl().resolve("/hostile/huge-body"))
            .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(huge.headers().firstValueAsLong("Content-Length")).hasValue(HttpWire.HUGE_BODY_BYTES);
        try (InputStream body = huge.body()) {
            assertThat(new String(body.readNBytes(20))).startsWith("{\"items\":[{\"id\":0},");
        }
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
        URI cross = client.send(HttpRequest.newBuilder(server.baseUrl().resolve("/hostile/cross-origin-redirect?x=1"))
            .build(), HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").map(URI::create)
            .orElseThrow();
        assertThat(cross.getHost()).isEqualTo("localhost");
        assertThat(cross.getPort()).isEqualTo(server.port());
    }
}
