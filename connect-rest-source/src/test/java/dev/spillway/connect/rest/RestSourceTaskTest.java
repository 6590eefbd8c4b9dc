package dev.spillway.connect.rest;

import static dev.spillway.connect.rest.TaskHarness.ids;
import static dev.spillway.connect.rest.TaskHarness.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.rest.offset.SourceOffset;
import dev.spillway.connect.rest.offset.SourcePartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

class RestSourceTaskTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @AutoClose
    private final SampleApi api = SampleApi.start(0);

    /** Every pagination style against its sample endpoint, pages of 10. */
    static Stream<Arguments> styles() {
        return Stream.of(
            Arguments.of("none", Map.of("endpoints", "items=/plain/items")),
            Arguments.of("cursor", Map.of("endpoints", "items=/cursor/items", "records.pointer", "/items",
                "pagination.cursor.pointer", "/next_cursor", "pagination.limit", "10")),
            Arguments.of("next-url", Map.of("endpoints", "items=/next/items", "records.pointer", "/data/results",
                "pagination.next.url.pointer", "/links/next", "pagination.limit", "10")),
            Arguments.of("link-header", Map.of("endpoints", "items=/link/items", "pagination.limit.param", "per_page",
                "pagination.limit", "10")),
            Arguments.of("page-number", Map.of("endpoints", "items=/pages/items", "records.pointer", "/items",
                "pagination.limit.param", "size", "pagination.limit", "10")),
            Arguments.of("offset-limit", Map.of("endpoints", "items=/offset/items", "records.pointer", "/items",
                "pagination.limit", "10")),
            Arguments.of("since", Map.of("endpoints", "items=/since/items", "records.pointer", "/items",
                "pagination.since.pointer", "/updated", "pagination.limit", "10")));
    }

    private Map<String, String> config(String type, Map<String, String> style) {
        Map<String, String> config = TaskHarness.config(api.baseUrl().toString(), style.get("endpoints"));
        config.putAll(style);
        config.put("pagination.type", type);
        config.put("http.retry.backoff.ms", "10");
        config.put("http.retry.backoff.max.ms", "20");
        return config;
    }

    @Test
    void theNextPageWaitsWhileTooManyRecordsAreUnacknowledgedAndNothingIsLost() throws Exception {
        api.append(6500);
        Map<String, String> config = config("cursor", Map.of("endpoints", "items=/cursor/items",
            "records.pointer", "/items", "pagination.cursor.pointer", "/next_cursor", "pagination.limit", "1000"));
        try (TaskHarness harness = new TaskHarness(config)) {
            List<SourceRecord> unacknowledged = new java.util.ArrayList<>();
            // 4000 may be unacknowledged: the fifth page is still read, then reading waits.
            while (unacknowledged.size() <= dev.spillway.connect.common.flow.InFlightRecords.MIN_LIMIT) {
                List<SourceRecord> page = harness.task.poll();
                if (page != null) {
                    unacknowledged.addAll(page);
                }
            }
            assertThat(unacknowledged).hasSize(5000);
            assertThat(harness.task.poll()).as("a poll over the limit").isNull();
            for (SourceRecord record : unacknowledged) {
                harness.task.commitRecord(record, null);
            }
            List<SourceRecord> rest = harness.pollRecords(1500, TIMEOUT);
            List<Long> all = new java.util.ArrayList<>(ids(unacknowledged));
            all.addAll(ids(rest));
            assertThat(all).isEqualTo(range(1, 6500));
        }
    }

    @Test
    void endpointsWithTheirOwnPaginationAreWalkedEachTheirWay() throws Exception {
        api.append(45);
        Map<String, String> config = config("page-number", Map.of(
            "endpoints", "pages=/pages/items,cursor=/cursor/items", "records.pointer", "/items",
            "pagination.limit", "10", "pagination.limit.param", "size",
            "endpoint.cursor.pagination.type", "cursor",
            "endpoint.cursor.pagination.cursor.pointer", "/next_cursor",
            "endpoint.cursor.pagination.limit.param", "limit"));
        try (TaskHarness harness = new TaskHarness(config)) {
            List<SourceRecord> records = harness.pollRecords(90, TIMEOUT);
            Map<Object, List<Long>> byEndpoint = new HashMap<>();
            for (SourceRecord record : records) {
                byEndpoint.computeIfAbsent(record.sourcePartition().get("endpoint"), e -> new java.util.ArrayList<>())
                    .addAll(TaskHarness.ids(List.of(record)));
            }
            assertThat(byEndpoint.get("pages")).isEqualTo(TaskHarness.range(1, 45));
            assertThat(byEndpoint.get("cursor")).isEqualTo(TaskHarness.range(1, 45));
            assertThat(records).filteredOn(r -> "cursor".equals(r.sourcePartition().get("endpoint")))
                .allSatisfy(r -> assertThat(r.sourceOffset().get("pagination")).isEqualTo("cursor"));
            assertThat(api.requests()).filteredOn(r -> r.path().equals("/cursor/items"))
                .allSatisfy(r -> assertThat(r.query()).doesNotContainKey("page"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("styles")
    void readsEveryItemOnceInOrderAndPicksUpNewOnes(String type, Map<String, String> style) throws Exception {
        api.append(95);
        try (TaskHarness harness = new TaskHarness(config(type, style))) {
            List<SourceRecord> first = harness.pollRecords(95, TIMEOUT);
            assertThat(ids(first)).containsExactlyElementsOf(range(1, 95));
            assertThat(harness.pollFor(Duration.ofMillis(300))).as("nothing new, nothing repeated").isEmpty();

            api.append(17);
            List<SourceRecord> more = harness.pollRecords(17, TIMEOUT);
            assertThat(ids(more)).containsExactlyElementsOf(range(96, 112));
            assertThat(harness.pollFor(Duration.ofMillis(300))).isEmpty();
        }
    }

    /**
     * The heart: whichever record's offset was the last one committed, a new task started from it emits exactly the
     * items after that record, then the items appended later.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("styles")
    void resumesFromAnyCommittedOffsetWithoutLossOrDuplicates(String type, Map<String, String> style)
            throws Exception {
        api.append(35);
        List<SourceRecord> all;
        try (TaskHarness harness = new TaskHarness(config(type, style))) {
            all = harness.pollRecords(35, TIMEOUT);
        }
        assertThat(ids(all)).containsExactlyElementsOf(range(1, 35));
        api.append(3);
        for (int k : new int[] {0, 1, 8, 9, 10, 19, 33, 34}) {
            Map<Map<String, Object>, Map<String, Object>> stored = Map.of(
                new SourcePartition("items").toMap(), castOffset(all.get(k)));
            try (TaskHarness resumed = new TaskHarness(config(type, style), stored)) {
                List<SourceRecord> rest = resumed.pollRecords(38 - (k + 1), TIMEOUT);
                assertThat(ids(rest)).as("resumed after record %d (offset %s)", k, all.get(k).sourceOffset())
                    .containsExactlyElementsOf(range(k + 2, 38));
                assertThat(resumed.pollFor(Duration.ofMillis(150))).as("after record %d", k).isEmpty();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castOffset(SourceRecord record) {
        return (Map<String, Object>) record.sourceOffset();
    }

    @Test
    void recordsCarryKeyTopicHeadersAndAMeaningfulOffset() throws Exception {
        api.append(12);
        Map<String, String> config = config("cursor", Map.of("endpoints", "orders=/cursor/items",
            "records.pointer", "/items", "pagination.cursor.pointer", "/next_cursor", "pagination.limit", "10",
            "topic.prefix", "api."));
        try (TaskHarness harness = new TaskHarness(config)) {
            List<SourceRecord> records = harness.pollRecords(12, TIMEOUT);
            SourceRecord third = records.get(2);
            assertThat(third.topic()).isEqualTo("api.orders");
            assertThat(third.key()).isEqualTo("3");
            assertThat(third.keySchema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(third.value()).isEqualTo(SampleApi.itemJson(3));
            assertThat(third.valueSchema()).isEqualTo(Schema.STRING_SCHEMA);
            assertThat(third.sourcePartition()).isEqualTo(Map.of("endpoint", "orders"));
            assertThat(third.sourceOffset()).isEqualTo(
                Map.of("v", 1, "pagination", "cursor", "skip", 3L));
            assertThat(third.headers().lastWithName("spillway.rest.endpoint").value()).isEqualTo("orders");
            assertThat(third.headers().lastWithName("spillway.rest.page").value()).isEqualTo("first");
            assertThat(third.timestamp()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
            // The last record of a full page already points at the next page.
            assertThat(records.get(9).sourceOffset())
                .isEqualTo(Map.of("v", 1, "pagination", "cursor", "cursor", "10", "skip", 0L));
            assertThat(records.get(11).headers().lastWithName("spillway.rest.page").value()).isEqualTo("cursor=10");
            assertThat(SourceOffset.fromMap(records.get(11).sourceOffset()).position().skip()).isEqualTo(2);
        }
    }

    @Test
    void schemalessValuesAndItemTimestamps() throws Exception {
        api.append(2);
        Map<String, String> config = config("none", Map.of("endpoints", "/plain/items"));
        config.put("value.format", "schemaless");
        config.put("timestamp.pointer", "/updated");
        try (TaskHarness harness = new TaskHarness(config)) {
            List<SourceRecord> records = harness.pollRecords(2, TIMEOUT);
            assertThat(records.get(1).valueSchema()).isNull();
            assertThat(records.get(1).value()).isEqualTo(Map.of("id", 2L, "name", "item-2", "updated", 2L));
            assertThat(records.get(1).timestamp()).isEqualTo(2L);
            assertThat(records.get(1).topic()).isEqualTo("plain.items");
        }
    }

    /** Ties at the watermark span pages: items sharing the highest value are re-read (>=) and skipped by count. */
    @Test
    void sinceWalksPastTiesThatSpanPages() throws Exception {
        api.appendUpdated(1, 2, 2, 2, 3, 3, 3, 4, 5, 5);
        Map<String, String> config = config("since", Map.of("endpoints", "items=/since/items",
            "records.pointer", "/items", "pagination.since.pointer", "/updated", "pagination.limit", "4"));
        List<SourceRecord> records;
        try (TaskHarness harness = new TaskHarness(config)) {
            records = harness.pollRecords(10, TIMEOUT);
            assertThat(ids(records)).containsExactlyElementsOf(range(1, 10));
            api.appendUpdated(5, 6, 6);
            assertThat(ids(harness.pollRecords(3, TIMEOUT))).containsExactly(11L, 12L, 13L);
            assertThat(harness.pollFor(Duration.ofMillis(200))).isEmpty();
        }
        // The offset after the 4th item (updated=2, a tie that continues on the next page).
        assertThat(records.get(3).sourceOffset()).isEqualTo(Map.of("v", 1, "pagination", "since", "since", "2",
            "skip", 3L));
    }

    @Test
    void aRepeatedCursorEndsTheWalkInsteadOfLooping() throws Exception {
        api.append(3);
        Map<String, String> config = config("cursor", Map.of("endpoints", "items=/loop/items",
            "records.pointer", "/items", "pagination.cursor.pointer", "/next_cursor"));
        config.put("poll.interval.ms", "60000");
        try (TaskHarness harness = new TaskHarness(config)) {
            List<SourceRecord> records = harness.pollFor(Duration.ofMillis(500));
            // The API serves item 1 again under the new cursor, so it is emitted again; then the cursor repeats.
            assertThat(ids(records)).containsExactly(1L, 1L);
            // The first page, then the 'same' cursor once; then the walk ends and waits a minute.
            assertThat(api.requests()).hasSize(2);
        }
    }

    @Test
    void anEmptyPageEndsTheWalkEvenWithANextLink() throws Exception {
        Map<String, String> config = config("cursor", Map.of("endpoints", "items=/empty-next/items",
            "records.pointer", "/items", "pagination.cursor.pointer", "/next_cursor"));
        config.put("poll.interval.ms", "60000");
        try (TaskHarness harness = new TaskHarness(config)) {
            assertThat(harness.pollFor(Duration.ofMillis(300))).isEmpty();
            assertThat(api.requests()).hasSize(1);
        }
    }

    @Test
    void maxPagesPausesTheWalkAndItContinuesWhereItStopped() throws Exception {
        api.append(35);
        Map<String, String> config = config("cursor", Map.of("endpoints", "items=/cursor/items",
            "records.pointer", "/items", "pagination.cursor.pointer", "/next_cursor", "pagination.limit", "10"));
        config.put("max.pages", "2");
        config.put("poll.interval.ms", "400");
        try (TaskHarness harness = new TaskHarness(config)) {
            assertThat(ids(harness.pollFor(Duration.ofMillis(250)))).containsExactlyElementsOf(range(1, 20));
            assertThat(ids(harness.pollRecords(15, TIMEOUT))).containsExactlyElementsOf(range(21, 35));
        }
    }

    @Test
    void transientFailuresAreRetriedWithoutSkippingThePage() throws Exception {
        api.append(25);
        api.failNext(500);
        api.failNext(503, Map.of("Retry-After", "0"), "");
        api.malformedNext();
        Map<String, String> config = config("cursor", Map.of("endpoints", "items=/cursor/items",
            "records.pointer", "/items", "pagination.cursor.pointer", "/next_cursor", "pagination.limit", "10"));
        try (TaskHarness harness = new TaskHarness(config)) {
            assertThat(ids(harness.pollRecords(25, TIMEOUT))).containsExactlyElementsOf(range(1, 25));
        }
    }

    @Test
    void aPermanentFailureFailsTheTaskNamingEndpointAndStatus() {
        Map<String, String> config = config("none", Map.of("endpoints", "missing=/no/such/path"));
        config.put("http.retries", "1");
        try (TaskHarness harness = new TaskHarness(config)) {
            assertThatThrownBy(harness.task::poll)
                .isInstanceOf(ConnectException.class)
                .isNotInstanceOf(org.apache.kafka.connect.errors.RetriableException.class)
                .hasMessageContaining("Endpoint 'missing'")
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("2 attempts");
        }
    }

    @Test
    void stopEndsAPollThatIsBackingOff() throws Exception {
        for (int i = 0; i < 10; i++) {
            api.failNext(503);
        }
        Map<String, String> config = config("none", Map.of("endpoints", "/plain/items"));
        config.put("http.retry.backoff.ms", "30000");
        config.put("http.retry.backoff.max.ms", "30000");
        TaskHarness harness = new TaskHarness(config);
        CompletableFuture<List<SourceRecord>> poll = CompletableFuture.supplyAsync(harness.task::poll);
        Thread.sleep(300);
        long stopped = System.nanoTime();
        harness.task.stop();
        assertThat(poll.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void refusesAnOffsetWrittenByAnotherPaginationType() {
        Map<Map<String, Object>, Map<String, Object>> stored = Map.of(new SourcePartition("items").toMap(),
            Map.of("v", 1, "pagination", "page-number", "page", 3L, "skip", 0L));
        Map<String, String> config = config("cursor", Map.of("endpoints", "items=/cursor/items",
            "records.pointer", "/items", "pagination.cursor.pointer", "/next_cursor"));
        assertThatThrownBy(() -> new TaskHarness(config, stored))
            .isInstanceOf(ConnectException.class)
            .hasMessageContaining("pagination.type=page-number");
    }

    @Test
    void sendsTheConfiguredCredentials() throws Exception {
        api.append(1);
        Map<String, String> config = config("none", Map.of("endpoints", "/plain/items"));
        config.put("auth.type", "bearer");
        config.put("auth.bearer.token", "s3cret");
        // The sample API is plain http:// on 127.0.0.1.
        config.put("auth.allow.http.loopback", "true");
        try (TaskHarness harness = new TaskHarness(config)) {
            harness.pollRecords(1, TIMEOUT);
        }
        assertThat(api.requests().get(0).headers()).containsEntry("authorization", "Bearer s3cret");
    }
}
