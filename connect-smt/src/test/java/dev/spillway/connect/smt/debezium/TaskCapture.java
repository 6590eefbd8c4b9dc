package dev.spillway.connect.smt.debezium;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs a Debezium source task in this JVM the way a worker does (initialize, start, poll, stop) with no committed
 * offsets, and keeps every record it returns: first the snapshot, then, once the given statements ran, the
 * streamed changes up to a row in a table named {@code cdc_marker}, which the statements write last.
 */
final class TaskCapture {

    /** Guards against a hung connector only; a capture ends as soon as the marker row arrives. */
    private static final Duration CAPTURE_LIMIT = Duration.ofMinutes(2);

    /** Runs the statements that follow the snapshot. */
    interface Changes {
        void run() throws SQLException;
    }

    private TaskCapture() {
    }

    static List<SourceRecord> run(SourceTask task, Map<String, String> config, int snapshotRows, Changes changes)
        throws SQLException, InterruptedException {
        task.initialize(new Context(config));
        task.start(config);
        List<SourceRecord> records = new ArrayList<>();
        try {
            pollUntil(task, records, captured -> count(captured, "r") >= snapshotRows,
                "the snapshot's " + snapshotRows + " rows");
            changes.run();
            pollUntil(task, records, captured -> captured.stream().anyMatch(r -> r.topic().endsWith(".cdc_marker")),
                "the marker row");
        } finally {
            task.stop();
        }
        return List.copyOf(records);
    }

    static void execute(String jdbcUrl, String user, List<String> statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, "");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void pollUntil(SourceTask task, List<SourceRecord> records, Predicate<List<SourceRecord>> done,
                                  String what) throws InterruptedException {
        long deadline = System.nanoTime() + CAPTURE_LIMIT.toNanos();
        while (!done.test(records)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Debezium did not deliver " + what + " within " + CAPTURE_LIMIT
                    + "; captured so far: " + records.size() + " records");
            }
            List<SourceRecord> polled = task.poll();
            if (polled != null) {
                records.addAll(polled);
            }
        }
    }

    private static long count(List<SourceRecord> records, String op) {
        return records.stream()
            .filter(r -> r.value() instanceof Struct struct && struct.schema().field("op") != null
                && op.equals(struct.getString("op")))
            .count();
    }

    /** What a worker gives a task that has no committed offsets yet. */
    private record Context(Map<String, String> configs) implements SourceTaskContext {
        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                public <T> Map<String, Object> offset(Map<String, T> partition) {
                    return null;
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                    return Map.of();
                }
            };
        }
    }
}
