package dev.spillway.connect.rest;

import static dev.spillway.connect.rest.TaskHarness.ids;
import static dev.spillway.connect.rest.TaskHarness.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Faults in the middle of a walk, against the loopback sample API: HTTP errors, rate limiting, slow responses,
 * dropped and truncated connections and malformed pages. None may lose, skip or repeat an item; what cannot be
 * retried away fails the task with an error naming the endpoint, and a restart resumes at the failed page.
 */
class RestSourceTaskFaultTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ITEMS = 1_000;
    private static final int PAGE = 50;

    @AutoClose
    private final SampleApi api = SampleApi.start(ITEMS);

    private Map<String, String> config(String type, Map<String, String> style) {
        Map<String, String> config = new HashMap<>(style);
        config.put("http.base.url", api.baseUrl().toString());
        config.put("pagination.type", type);
        config.put("pagination.limit", String.valueOf(PAGE));
        config.put("key.pointer", "/id");
        config.put("poll.interval.ms", "50");
        config.put("http.retries", "10");
        config.put("http.retry.backoff.ms", "10");
        config.put("http.retry.backoff.max.ms", "20");
        // Short, so that a delayed response is a read timeout.
        config.put("http.read.timeout.ms", "400");
        return config;
    }

    private Map<String, String> cursor() {
        return config("cursor", Map.of("endpoints", "items=/cursor/items", "records.pointer", "/items",
            "pagination.cursor.pointer", "/next_cursor"));
    }

    /** The styles that walk pages ('none' reads everything in one response). */
    static Stream<Arguments> pagedStyles() {
        return RestSourceTaskTest.styles().filter(style -> !"none".equals(style.get()[0]));
    }

    /** Every kind of transient fault, queued in the middle of the walk: all retried, every item exactly once. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pagedStyles")
    void transientFaultsMidWalkLoseSkipAndRepeatNothing(String type, Map<String, String> style) throws Exception {
        try (TaskHarness harness = new TaskHarness(config(type, style))) {
            List<SourceRecord> records = new ArrayList<>(harness.pollRecords(4 * PAGE, TIMEOUT));
            int before = api.requests().size();
            api.failNext(500);
            api.failNext(429, Map.of("Retry-After", "1"), "{\"error\":\"slow down\"}");
            api.failNext(503, Map.of("Retry-After", "0"), "");
            api.delayNext(1_500);
            api.dropNext();
            api.truncateNext();
            api.malformedNext();
            records.addAll(harness.pollRecords(ITEMS - records.size(), TIMEOUT));
            assertThat(ids(records)).as("every item once, in order").containsExactlyElementsOf(range(1, ITEMS));
            assertThat(harness.pollFor(Duration.ofMillis(200))).as("nothing repeated").isEmpty();
            // Each fault cost at least one request (the JDK client itself retries a GET whose connection closed
            // before any answer, so a dropped request costs two).
            assertThat(api.requests().size() - before).as("requests").isGreaterThanOrEqualTo(ITEMS / PAGE - 4 + 7);
        }
    }

    /** Retries used up on a transient fault: poll() throws a RetriableException, the next polls re-read that page. */
    /** HTTP 204 No Content, as some APIs answer when there is nothing: an empty page, which ends the walk. */
    @Test
    void noContentIsAnEmptyPageNotAFailure() throws Exception {
        try (TaskHarness harness = new TaskHarness(cursor())) {
            api.failNext(204, Map.of(), "");
            List<SourceRecord> first = harness.task.poll();
            assertThat(first == null ? List.of() : first).isEmpty();
            // The next walk starts where that one ended, at the first page, and reads everything.
            assertThat(ids(harness.pollRecords(ITEMS, TIMEOUT))).containsExactlyElementsOf(range(1, ITEMS));
            assertThat(api.requests().get(0).path()).isEqualTo("/cursor/items");
        }
    }

    @Test
    void exhaustedRetriesKeepThePositionForTheNextPoll() throws Exception {
        Map<String, String> config = cursor();
        config.put("http.retries", "1");
        try (TaskHarness harness = new TaskHarness(config)) {
            List<SourceRecord> records = new ArrayList<>(harness.pollRecords(2 * PAGE, TIMEOUT));
            for (int i = 0; i < 3; i++) {
                api.failNext(503);
            }
            Throwable failure = null;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (records.size() < ITEMS && System.nanoTime() < deadline) {
                // What a worker does: a RetriableException from poll() is logged and poll() is called again.
                Throwable thrown = catchThrowable(() -> {
                    List<SourceRecord> batch = harness.task.poll();
                    if (batch != null) {
                        records.addAll(batch);
                    }
                });
                if (thrown != null) {
                    failure = thrown;
                }
            }
            assertThat(failure).isInstanceOf(RetriableException.class)
                .hasMessageContaining("Endpoint 'items'").hasMessageContaining("HTTP 503")
                .hasMessageContaining("2 attempts");
            assertThat(ids(records)).containsExactlyElementsOf(range(1, ITEMS));
        }
    }

    /**
     * A page that stays malformed fails the task (never "log and continue"); the committed offsets point at that
     * page, so the restarted task reads it once the API is fixed, and nothing is skipped.
     */
    @Test
    void aPersistentlyMalformedPageFailsTheTaskAndTheRestartResumesThere() throws Exception {
        Map<String, String> config = cursor();
        config.put("http.retries", "2");
        Map<Map<String, Object>, Map<String, Object>> committed;
        List<SourceRecord> records;
        try (TaskHarness harness = new TaskHarness(config)) {
            records = new ArrayList<>(harness.pollRecords(3 * PAGE, TIMEOUT));
            for (int i = 0; i < 3; i++) {
                api.malformedNext();
            }
            assertThatThrownBy(() -> harness.pollRecords(1, TIMEOUT))
                .isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("Endpoint 'items'")
                .hasMessageContaining("malformed page")
                .hasMessageContaining("3 attempts");
            committed = harness.offsets;
        }
        try (TaskHarness restarted = new TaskHarness(config, committed)) {
            records.addAll(restarted.pollRecords(ITEMS - records.size(), TIMEOUT));
        }
        assertThat(ids(records)).containsExactlyElementsOf(range(1, ITEMS));
    }

    /** An API that keeps timing out: a retriable error naming the timeout, and the page is read once it recovers. */
    @Test
    void aSlowApiIsARetriableTimeoutAndThePageIsReadOnceItRecovers() throws Exception {
        Map<String, String> config = cursor();
        config.put("http.retries", "1");
        try (TaskHarness harness = new TaskHarness(config)) {
            List<SourceRecord> records = new ArrayList<>(harness.pollRecords(PAGE, TIMEOUT));
            api.delayNext(1_000);
            api.delayNext(1_000);
            assertThatThrownBy(() -> harness.pollRecords(1, TIMEOUT))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("Endpoint 'items'")
                .hasMessageContaining("read timeout");
            records.addAll(harness.pollRecords(ITEMS - records.size(), TIMEOUT));
            assertThat(ids(records)).containsExactlyElementsOf(range(1, ITEMS));
        }
    }

    /**
     * A server asking for a wait beyond http.retry.after.max.ms: a retriable poll failure (never an overflow out of
     * poll()), the endpoint rests for the longest allowed wait instead of being asked again at once, nothing is lost.
     */
    @Test
    void aServerWaitBeyondTheCapRestsTheEndpointAndLosesNothing() throws Exception {
        Map<String, String> config = cursor();
        config.put("http.retry.after.max.ms", "1500");
        try (TaskHarness harness = new TaskHarness(config)) {
            List<SourceRecord> records = new ArrayList<>(harness.pollRecords(2 * PAGE, TIMEOUT));
            api.failNext(429, Map.of("Retry-After", "99999999999"), "{\"error\":\"come back in 3000 years\"}");
            Throwable failure = catchThrowable(() -> harness.pollRecords(ITEMS, TIMEOUT));
            assertThat(failure).isInstanceOf(RetriableException.class)
                .hasMessageContaining("Endpoint 'items'").hasMessageContaining("http.retry.after.max.ms (1500 ms)");
            int requests = api.requests().size();
            assertThat(harness.task.poll()).as("the endpoint rests, it is not asked again at once").isNull();
            assertThat(api.requests()).hasSize(requests);
            records.addAll(harness.pollRecords(ITEMS - records.size(), TIMEOUT));
            assertThat(ids(records)).containsExactlyElementsOf(range(1, ITEMS));
        }
    }
}
