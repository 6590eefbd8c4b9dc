package dev.spillway.connect.rest;

import static dev.spillway.connect.rest.TaskHarness.ids;
import static dev.spillway.connect.rest.TaskHarness.range;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The volume case for every pagination style: 10 000 items over 100 pages of 100 arrive once each and in
 * order, items appended later are picked up, and a task restarted from the last committed offsets emits nothing
 * again.
 */
class RestSourceTaskBackfillTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int ITEMS = 10_000;
    private static final int APPENDED = 250;

    @AutoClose
    private final SampleApi api = SampleApi.start(ITEMS);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.spillway.connect.rest.RestSourceTaskTest#styles")
    void tenThousandItemsOverAHundredPagesThenNewOnes(String type, Map<String, String> style) throws Exception {
        Map<String, String> config = TaskHarness.config(api.baseUrl().toString(), style.get("endpoints"));
        config.putAll(style);
        config.put("pagination.type", type);
        config.put("pagination.limit", "100");
        Map<Map<String, Object>, Map<String, Object>> committed;
        try (TaskHarness harness = new TaskHarness(config)) {
            List<SourceRecord> backfill = harness.pollRecords(ITEMS, TIMEOUT);
            assertThat(ids(backfill)).as("every item once, in order").containsExactlyElementsOf(range(1, ITEMS));
            assertThat(harness.pollFor(Duration.ofMillis(200))).as("nothing repeated").isEmpty();

            api.append(APPENDED);
            List<SourceRecord> later = harness.pollRecords(APPENDED, TIMEOUT);
            assertThat(ids(later)).containsExactlyElementsOf(range(ITEMS + 1, ITEMS + APPENDED));
            assertThat(harness.pollFor(Duration.ofMillis(200))).isEmpty();
            committed = harness.offsets;
        }
        try (TaskHarness restarted = new TaskHarness(config, committed)) {
            assertThat(restarted.pollFor(Duration.ofMillis(300))).as("a restart re-emits nothing").isEmpty();
        }
    }
}
