package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.snapshot.KeyValues;
import dev.spillway.connect.jdbc.snapshot.SnapshotRange;
import dev.spillway.connect.jdbc.snapshot.TableSplit;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The end of a key range, driving the task directly on both databases: a range whose rows fill its last cursor
 * exactly (no row left to show the cursor was the last) still says {@code done} on its last record, because that
 * record's key is the range's upper bound; after a restart the finished range reads nothing again.
 */
class RangeEndTaskIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** batch.max.rows=2: a cursor reads 2 x CURSOR_BATCHES rows before it is closed. */
    private static final int BATCH = 2;
    private static final int FIRST_RANGE_ROWS = BATCH * IncrementingReader.CURSOR_BATCHES;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRangeEndingExactlyAtItsCursorLimitSaysDoneOnItsLastRecord(TestDatabase db) throws Exception {
        String ns = db.createNamespace();
        try {
            db.createEventsTable(ns, "ranged");
            int rows = FIRST_RANGE_ROWS + 30;
            db.insertNames(ns + ".ranged", "r-", 1, rows);
            TableId table = new TableId(ns, "ranged");
            TableSplit plan = TableSplit.plan(table, "p1", Integer.toString(rows), "incrementing", "id",
                List.of("id"), List.of(KeyValues.Kind.NUMBER),
                List.of(new KeyValues(List.of(BigDecimal.valueOf(FIRST_RANGE_ROWS)))), false);
            Map<String, String> props = db.taskConfig(ns, "ranged", "incrementing");
            props.put(JdbcSourceTaskConfig.TASK_TABLES_CONFIG, "");
            props.put(JdbcSourceTaskConfig.TASK_RANGES_CONFIG,
                plan.ranges().stream().map(SnapshotRange::encode).collect(Collectors.joining(",")));
            props.put("batch.max.rows", Integer.toString(BATCH));
            try (TaskDriver driver = new TaskDriver(props)) {
                List<SourceRecord> all = driver.pollUntil(TaskDriver.hasNames(rows), TIMEOUT);
                SourceRecord lastOfFirst = all.stream().filter(r -> "0".equals(range(r)))
                    .reduce((a, b) -> b).orElseThrow();
                assertThat(((org.apache.kafka.connect.data.Struct) lastOfFirst.value()).get("name"))
                    .isEqualTo("r-" + FIRST_RANGE_ROWS);
                assertThat(lastOfFirst.sourceOffset().get("done")).as("the first range's last offset").isEqualTo(true);
                SourceRecord lastOfSecond = all.stream().filter(r -> "1".equals(range(r)))
                    .reduce((a, b) -> b).orElseThrow();
                assertThat(lastOfSecond.sourceOffset().get("done")).as("the last range's last offset").isEqualTo(true);

                driver.restart();
                assertThat(driver.pollFor(Duration.ofSeconds(2))).as("finished ranges read again").isEmpty();
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    private static String range(SourceRecord record) {
        return String.valueOf(record.sourcePartition().get("range"));
    }
}
