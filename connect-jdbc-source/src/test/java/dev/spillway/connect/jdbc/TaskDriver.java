package dev.spillway.connect.jdbc;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Drives a {@link JdbcSourceTask} the way a worker does, without one: offsets of returned records are "committed"
 * into an in-memory store that a restarted task reads back.
 */
final class TaskDriver implements AutoCloseable {

    private final Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>();
    private final Map<String, String> props;
    private JdbcSourceTask task;
    final List<SourceRecord> emitted = new ArrayList<>();

    TaskDriver(Map<String, String> props) {
        this.props = props;
        start();
    }

    void start() {
        task = new JdbcSourceTask();
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return props;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        return committed.get(new HashMap<String, Object>(partition));
                    }

                    @Override
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                        Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
                        for (Map<String, T> partition : partitions) {
                            result.put(partition, offset(partition));
                        }
                        return result;
                    }
                };
            }
        });
        task.start(props);
    }

    /** One poll; offsets of what it returned are committed and each record acknowledged, as a worker does. */
    List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> records = pollWithoutAcknowledging();
        for (SourceRecord record : records) {
            task.commitRecord(record, null);
        }
        return records;
    }

    /** One poll whose records the "producer" has not acknowledged yet; offsets are committed. */
    List<SourceRecord> pollWithoutAcknowledging() throws InterruptedException {
        List<SourceRecord> records = task.poll();
        if (records == null) {
            return List.of();
        }
        for (SourceRecord record : records) {
            @SuppressWarnings("unchecked")
            Map<String, Object> partition = new HashMap<>((Map<String, Object>) record.sourcePartition());
            @SuppressWarnings("unchecked")
            Map<String, Object> offset = (Map<String, Object>) record.sourceOffset();
            committed.put(partition, offset);
        }
        emitted.addAll(records);
        return records;
    }

    /** Polls for about {@code duration}, returning what came. */
    List<SourceRecord> pollFor(Duration duration) throws InterruptedException {
        List<SourceRecord> got = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            got.addAll(poll());
        }
        return got;
    }

    /** Polls until the emitted records satisfy {@code done}, failing after {@code timeout}. */
    List<SourceRecord> pollUntil(Predicate<List<SourceRecord>> done, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.test(emitted)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + "; emitted so far: " + names(emitted));
            }
            poll();
        }
        return emitted;
    }

    /** {@link #pollUntil}, retrying a RetriableException as a worker does. */
    List<SourceRecord> pollRetryingUntil(Predicate<List<SourceRecord>> done, Duration timeout)
        throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.test(emitted)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + "; emitted so far: " + names(emitted));
            }
            try {
                poll();
            } catch (RetriableException e) {
                // The worker logs it and polls again.
            }
        }
        return emitted;
    }

    /** The producer acknowledges these records. */
    void acknowledge(List<SourceRecord> records) {
        for (SourceRecord record : records) {
            task.commitRecord(record, null);
        }
    }

    /** Pretends the worker committed only up to this record, as after a crash mid-batch. */
    @SuppressWarnings("unchecked")
    void commitOnlyUpTo(SourceRecord record) {
        committed.put(new HashMap<>((Map<String, Object>) record.sourcePartition()),
            (Map<String, Object>) record.sourceOffset());
    }

    void restart() {
        task.stop();
        start();
    }

    static List<Object> names(List<SourceRecord> records) {
        List<Object> names = new ArrayList<>();
        for (SourceRecord record : records) {
            Struct value = (Struct) record.value();
            names.add(value.schema().field("name") != null ? value.get("name") : value);
        }
        return names;
    }

    static Predicate<List<SourceRecord>> hasNames(int count) {
        return records -> records.size() >= count;
    }

    @Override
    public void close() {
        task.stop();
    }
}
