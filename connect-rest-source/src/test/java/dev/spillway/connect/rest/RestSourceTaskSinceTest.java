package dev.spillway.connect.rest;

import static dev.spillway.connect.rest.TaskHarness.ids;
import static dev.spillway.connect.rest.TaskHarness.range;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.rest.offset.SourcePartition;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** since pagination against APIs filtering with {@code >=} and with {@code >}, with ties split by page ends. */
class RestSourceTaskSinceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @AutoClose
    private final SampleApi api = SampleApi.start(0);

    private Map<String, String> config(String path, String param, String filter) {
        Map<String, String> config = new HashMap<>();
        config.put("http.base.url", api.baseUrl().toString());
        config.put("endpoints", "items=" + path);
        config.put("records.pointer", "/items");
        config.put("pagination.type", "since");
        config.put("pagination.since.pointer", "/updated");
        config.put("pagination.since.param", param);
        config.put("pagination.limit", "4");
        if (filter != null) {
            config.put("pagination.since.filter", filter);
        }
        config.put("poll.interval.ms", "50");
        return config;
    }

    /** The bug: skipping by count dropped the first item of every page after the first (items 5 and 9 here). */
    @Test
    void anExclusiveApiLosesNoItemWithTheDefaultFilter() throws Exception {
        api.append(10);
        try (TaskHarness harness = new TaskHarness(config("/since-gt/items", "updated[gt]", null))) {
            assertThat(ids(harness.pollRecords(10, TIMEOUT))).containsExactlyElementsOf(range(1, 10));
            api.append(2);
            assertThat(ids(harness.pollRecords(2, TIMEOUT))).containsExactly(11L, 12L);
            assertThat(harness.pollFor(Duration.ofMillis(200))).isEmpty();
        }
    }

    /**
     * Ties split by page ends (pages of 4: [1,1,2,2] then the third 2), read whole, then resumed from every record's offset:
     * each time exactly the items after it, also those in the middle of a tie.
     */
    @ParameterizedTest(name = "{0} with {2}")
    @CsvSource({"/since/items, since, inclusive", "/since-gt/items, updated[gt], exclusive"})
    void tiesAcrossPagesAndRestartsInTheMiddleOfATieLoseAndRepeatNothing(String path, String param, String filter)
            throws Exception {
        api.appendUpdated(1, 1, 2, 2, 2, 3, 3, 3, 4, 5, 5, 5);
        int total = api.size();
        List<SourceRecord> all;
        try (TaskHarness harness = new TaskHarness(config(path, param, filter))) {
            all = harness.pollRecords(total, TIMEOUT);
            assertThat(ids(all)).containsExactlyElementsOf(range(1, total));
            assertThat(harness.pollFor(Duration.ofMillis(200))).as("nothing repeated").isEmpty();
        }
        api.appendUpdated(6, 6);
        for (int k = 0; k < total; k++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> offset = (Map<String, Object>) all.get(k).sourceOffset();
            try (TaskHarness resumed = new TaskHarness(config(path, param, filter),
                    Map.of(new SourcePartition("items").toMap(), offset))) {
                List<SourceRecord> rest = resumed.pollRecords(total + 2 - (k + 1), TIMEOUT);
                assertThat(ids(rest)).as("resumed after record %d (offset %s)", k, offset)
                    .containsExactlyElementsOf(range(k + 2, total + 2));
                assertThat(resumed.pollFor(Duration.ofMillis(100))).as("after record %d", k).isEmpty();
            }
        }
    }

    /** An offset written before ties were kept apart, {since, skip}, still resumes, against either kind of API. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"/since/items, since", "/since-gt/items, updated[gt]"})
    void offsetsOfEarlierVersionsResume(String path, String param) throws Exception {
        api.appendUpdated(1, 2, 2, 3, 4);
        Map<String, Object> old = Map.of("v", 1, "pagination", "since", "since", "2", "skip", 2L);
        try (TaskHarness resumed = new TaskHarness(config(path, param, null),
                Map.of(new SourcePartition("items").toMap(), old))) {
            assertThat(ids(resumed.pollRecords(2, TIMEOUT))).containsExactly(4L, 5L);
            assertThat(resumed.pollFor(Duration.ofMillis(200))).isEmpty();
        }
    }
}
