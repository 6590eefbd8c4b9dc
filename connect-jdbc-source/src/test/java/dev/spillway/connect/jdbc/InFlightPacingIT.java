package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.common.flow.InFlightRecords;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The task driven directly on both databases, as a worker whose producer is slow: it stops reading while more than
 * its limit of returned records is unacknowledged, reads on as acknowledgements come, reads on after a stall
 * without any, and under all of it delivers every row once, in order.
 */
class InFlightPacingIT {

    private static final int ROWS = 9000;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void readingWaitsForAcknowledgementsAndLosesNothing(TestDatabase db) throws Exception {
        String ns = db.createNamespace();
        try {
            Map<String, String> props = tableOfRows(db, ns, "paced");
            try (TaskDriver driver = new TaskDriver(props)) {
                List<SourceRecord> unacknowledged = new ArrayList<>();
                // 4000 may be unacknowledged: the fifth poll still reads, then reading waits.
                while (unacknowledged.size() <= InFlightRecords.MIN_LIMIT) {
                    unacknowledged.addAll(driver.pollWithoutAcknowledging());
                }
                assertThat(unacknowledged).hasSize(5000);
                assertThat(driver.pollWithoutAcknowledging()).as("a poll over the limit").isEmpty();

                driver.acknowledge(unacknowledged.subList(0, 1000));
                List<SourceRecord> next = driver.pollWithoutAcknowledging();
                assertThat(next).as("a poll once 1000 are acknowledged").hasSize(1000);

                // No acknowledgement at all: after the stall the task reads on (the producer's buffer bounds it).
                long start = System.nanoTime();
                List<SourceRecord> afterStall = new ArrayList<>();
                while (afterStall.isEmpty()) {
                    afterStall.addAll(driver.pollWithoutAcknowledging());
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
                    InFlightRecords.STALL.minusMillis(600));

                driver.pollUntil(TaskDriver.hasNames(ROWS), Duration.ofSeconds(60));
                List<Object> names = TaskDriver.names(driver.emitted);
                assertThat(names).hasSize(ROWS).doesNotHaveDuplicates();
                assertThat(names.get(0)).isEqualTo("row-1");
                assertThat(names.get(ROWS - 1)).isEqualTo("row-" + ROWS);
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anIntervalTransactionBoundaryIsNotPaced(TestDatabase db) throws Exception {
        String ns = db.createNamespace();
        try {
            Map<String, String> props = tableOfRows(db, ns, "unpaced");
            props.put("transaction.boundary", "interval");
            try (TaskDriver driver = new TaskDriver(props)) {
                // Paced, a task would wait out the stall (several empty polls of up to 500 ms) after 5000 rows.
                // Empty polls before the first rows (the horizon's first look, say) do not count.
                int read = 0;
                int emptyPolls = 0;
                for (int poll = 0; poll < 200 && read < ROWS && emptyPolls < 4; poll++) {
                    int got = driver.pollWithoutAcknowledging().size();
                    emptyPolls += got == 0 && read > 0 ? 1 : 0;
                    read += got;
                }
                assertThat(read).isEqualTo(ROWS);
                assertThat(emptyPolls).isLessThan(4);
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    /** A table of {@link #ROWS} rows and an incrementing task reading it 1000 rows per poll. */
    private static Map<String, String> tableOfRows(TestDatabase db, String ns, String table) throws Exception {
        db.createEventsTable(ns, table);
        for (int from = 1; from <= ROWS; from += 1000) {
            db.insertNames(ns + "." + table, "row-", from, from + 999);
        }
        Map<String, String> props = db.taskConfig(ns, table, "incrementing");
        props.put("batch.max.rows", "1000");
        return props;
    }
}
