package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.ConnectorStatus;
import dev.spillway.testcluster.TaskStatus;
import dev.spillway.testcluster.TopicClient;
import dev.spillway.testcluster.http.HostileHttpServer;
import dev.spillway.testcluster.http.Hostility;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connector in a real worker (heap of 256 MB, which exits on OutOfMemoryError) against the hostile HTTP server:
 * endless, 200 MB, slow and lying bodies, JSON bombs, absurd rate-limit headers, redirect loops, cross-origin
 * redirects and resets mid-body, each in the middle of a walk. For each: every item arrives (first occurrences in
 * order), the task stays alive or fails with one clear line and resumes after a restart, the worker survives, and
 * the bearer token appears in no record, header or worker log line.
 */
class RestSourceHostileServerIT {

    private static final String KAFKA = "3.9.2";
    private static final String TOKEN = "IT-b34r3r-S3CR3T-7f3a9c1e";
    private static final int PAGE = 50;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    /** Small enough that a page held whole (200 MB) would blow it; an OOM ends the worker, visibly. */
    @RegisterExtension
    static final RestSourceHarness HARNESS = RestSourceHarness.cluster("rest-hostile", KAFKA)
        .with(builder -> builder.workerJvmOptions(List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError")));

    private static Map<String, String> config(HostileHttpServer server, String topic) {
        Map<String, String> config = RestSourceHarness.connectorConfig("");
        config.put("http.base.url", server.baseUrl().toString());
        config.put("endpoints", "items=/items");
        config.put("endpoint.items.topic", topic);
        config.put("records.pointer", "/items");
        config.put("key.pointer", "/id");
        config.put("pagination.type", "cursor");
        config.put("pagination.cursor.pointer", "/next");
        config.put("pagination.cursor.param", "after");
        config.put("pagination.limit", String.valueOf(PAGE));
        config.put("auth.type", "bearer");
        config.put("auth.bearer.token", TOKEN);
        config.put("auth.allow.http.loopback", "true");
        config.put("http.retries", "1");
        config.put("http.retry.backoff.ms", "100");
        config.put("http.retry.backoff.max.ms", "200");
        config.put("http.read.timeout.ms", "2000");
        config.put("http.retry.after.max.ms", "2000");
        config.put("http.response.max.bytes", String.valueOf(8 * 1024 * 1024));
        config.put("poll.interval.ms", "200");
        return config;
    }

    /**
     * Every hostility once, each followed by a normal answer, so that a permanent fault's one retry succeeds: the
     * transient ones are retried, the over-long waits rest the endpoint, the malformed and oversized pages are
     * retried once, and the task never stops.
     */
    @Test
    void everyHostilityMidWalkIsSurvivedAndNothingIsLost() {
        String connector = "hostile-all";
        String topic = "hostile.all";
        int items = 1_500;
        try (HostileHttpServer server = HostileHttpServer.start(items)) {
            server.slowByteInterval(Duration.ofMillis(100));
            server.next(Hostility.NONE, 3);
            EnumSet<Hostility> all = EnumSet.complementOf(EnumSet.of(Hostility.NONE));
            for (Hostility hostility : all) {
                server.next(hostility, 1).next(Hostility.NONE, 1);
            }
            ConnectRestClient rest = HARNESS.rest();
            rest.createConnector(connector, config(server, topic));
            rest.awaitRunning(connector, 1, TIMEOUT);

            List<Long> ids = awaitDistinct(topic, items);
            assertEveryItemInOrder(ids, items);
            assertThat(server.queued()).as("every hostility was served").isZero();
            assertThat(server.requests()).extracting(HostileHttpServer.Request::answeredWith).containsAll(all);
            assertThat(rest.status(connector).isRunning(1)).as("the task survived every hostility").isTrue();
            assertCredentialsOnlyToTheOrigin(server);
            assertNoSecretAndHeapIntact(topic);
            rest.delete(connector);
        }
    }

    /**
     * An endless body on the attempt and its retry: the task fails with one line naming the endpoint and the key to
     * raise, and a restart resumes at the page it failed on.
     */
    @Test
    void anEndlessBodyFailsTheTaskWithOneClearLineAndARestartResumes() {
        String connector = "hostile-endless";
        String topic = "hostile.endless";
        int items = 400;
        try (HostileHttpServer server = HostileHttpServer.start(items)) {
            server.next(Hostility.NONE, 3).next(Hostility.ENDLESS_BODY, 2);
            ConnectRestClient rest = HARNESS.rest();
            rest.createConnector(connector, config(server, topic));
            ConnectorStatus failed = rest.awaitStatus(connector, TIMEOUT, "task 0 failed",
                status -> status.tasks().size() == 1 && status.tasks().get(0).isFailed());
            TaskStatus task = failed.tasks().get(0);
            String firstLine = task.trace().lines().findFirst().orElse("");
            assertThat(firstLine).contains("Endpoint 'items'").contains("larger than http.response.max.bytes")
                .contains("raise http.response.max.bytes").doesNotContain(TOKEN);
            assertThat(HARNESS.topics().count(topic)).isEqualTo(3 * PAGE);

            rest.restartTask(connector, 0);
            // Not awaitRunning: that gives up on the FAILED state the status shows until the restart is seen.
            rest.awaitStatus(connector, TIMEOUT, "task 0 running again", status -> status.isRunning(1));
            assertEveryItemInOrder(awaitDistinct(topic, items), items);
            assertNoSecretAndHeapIntact(topic);
            rest.delete(connector);
        }
    }

    /** A credential the request builder would refuse is refused by validate, on its key, without echoing it. */
    @Test
    void headerCredentialsAreCheckedAtValidateTime() {
        try (HostileHttpServer server = HostileHttpServer.start(1)) {
            Map<String, String> config = config(server, "hostile.validate");
            config.put("auth.type", "api-key");
            config.put("auth.api.key.header", "Host");
            config.put("auth.api.key.value", TOKEN + "\r\nX-Injected: 1");
            JsonNode result = HARNESS.rest().validate(RestSourceConnector.class.getName(), config);
            assertThat(result.get("error_count").asInt()).isEqualTo(2);
            Map<String, String> errors = new HashMap<>();
            for (JsonNode value : result.get("configs")) {
                JsonNode messages = value.get("value").get("errors");
                if (messages.size() > 0) {
                    errors.put(value.get("value").get("name").asText(), messages.get(0).asText());
                }
            }
            assertThat(errors).containsOnlyKeys("auth.api.key.header", "auth.api.key.value");
            assertThat(errors.get("auth.api.key.value")).contains("line break").doesNotContain(TOKEN);
            assertThat(result.toString()).doesNotContain(TOKEN);
        }
    }

    private static List<Long> awaitDistinct(String topic, int count) {
        return Await.until(count + " distinct items in " + topic, TIMEOUT,
            () -> ids(HARNESS.topics().readAll(topic)), ids -> ids.stream().distinct().count() >= count);
    }

    private static List<Long> ids(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Long> ids = new ArrayList<>();
        for (String value : TopicClient.stringValues(records)) {
            Matcher matcher = ID.matcher(value);
            if (!matcher.find()) {
                throw new AssertionError("no id in " + value);
            }
            ids.add(Long.parseLong(matcher.group(1)));
        }
        return ids;
    }

    private static void assertEveryItemInOrder(List<Long> ids, int items) {
        assertThat(new ArrayList<>(new LinkedHashSet<>(ids))).as("every item, first occurrences in order")
            .containsExactlyElementsOf(TaskHarness.range(1, items));
    }

    /** The cross-origin redirect was refused: no request reached the other origin, with or without the token. */
    private static void assertCredentialsOnlyToTheOrigin(HostileHttpServer server) {
        assertThat(server.requests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.host()).startsWith("127.0.0.1:");
            assertThat(request.headers()).containsEntry("authorization", "Bearer " + TOKEN);
        });
    }

    /** No record, key or header carries the token, no worker log line either, and the worker never ran out of heap. */
    private static void assertNoSecretAndHeapIntact(String topic) {
        for (ConsumerRecord<byte[], byte[]> record : HARNESS.topics().readAll(topic)) {
            assertThat(TopicClient.string(record.value())).doesNotContain(TOKEN);
            assertThat(TopicClient.string(record.key())).doesNotContain(TOKEN);
            for (Header header : record.headers()) {
                assertThat(new String(header.value(), StandardCharsets.UTF_8)).as(header.key()).doesNotContain(TOKEN);
            }
        }
        HARNESS.cluster().logFiles().forEach((process, file) -> {
            String log = read(file);
            assertThat(log).as(process + " log").doesNotContain(TOKEN).doesNotContain("java.lang.OutOfMemoryError")
                .doesNotContain("java.lang.StackOverflowError");
        });
        assertThat(HARNESS.cluster().worker(0).isRunning()).as("the worker survived").isTrue();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
