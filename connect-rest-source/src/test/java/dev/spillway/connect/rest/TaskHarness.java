package dev.spillway.connect.rest;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a real {@link RestSourceTask} the way a worker does: offsets from a store, poll in a loop, stop. */
final class TaskHarness implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    final RestSourceTask task = new RestSourceTask();
    /** The committed offsets, as the worker would store them. */
    final Map<Map<String, Object>, Map<String, Object>> offsets;

    TaskHarness(Map<String, String> connectorConfig, Map<Map<String, Object>, Map<String, Object>> storedOffsets) {
        this.offsets = new HashMap<>(storedOffsets);
        task.initialize(new Context(offsets));
        RestSourceConnector connector = new RestSourceConnector();
        connector.start(connectorConfig);
        Map<String, String> taskConfig = connector.taskConfigs(1).get(0);
        task.start(taskConfig);
    }

    TaskHarness(Map<String, String> connectorConfig) {
        this(connectorConfig, Map.of());
    }

    /**
     * Polls until {@code count} more records arrived (or the timeout passed), committing each one's offset and
     * acknowledging it, as the worker does once its producer has sent it.
     */
    List<SourceRecord> pollRecords(int count, Duration timeout) throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                for (SourceRecord record : batch) {
                    records.add(record);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> partition = (Map<String, Object>) record.sourcePartition();
                    @SuppressWarnings("unchecked")
                    Map<String, Object> offset = (Map<String, Object>) record.sourceOffset();
                    offsets.put(partition, offset);
                    task.commitRecord(record, null);
                }
            }
        }
        return records;
    }

    /** Polls for {@code duration} and returns whatever arrived. */
    List<SourceRecord> pollFor(Duration duration) throws InterruptedException {
        return pollRecords(Integer.MAX_VALUE, duration);
    }

    /**
     * The keys most task tests start from: the API and its endpoints, polls every 50 ms (short tests) and each
     * item's {@code id} as the record key. A mutable map for the test's own keys.
     */
    static Map<String, String> config(String baseUrl, String endpoints) {
        Map<String, String> config = new HashMap<>();
        config.put("http.base.url", baseUrl);
        config.put("endpoints", endpoints);
        config.put("key.pointer", "/id");
        config.put("poll.interval.ms", "50");
        return config;
    }

    /** The sample API's NDJSON export walked by its {@code updated} watermark, ten lines a page. */
    static Map<String, String> ndjsonExport(String baseUrl) {
        Map<String, String> config = config(baseUrl, "export=/ndjson/items");
        config.put("records.format", "ndjson");
        config.put("pagination.type", "since");
        config.put("pagination.since.pointer", "/updated");
        config.put("pagination.limit", "10");
        return config;
    }

    static List<Long> ids(Collection<SourceRecord> records) {
        List<Long> ids = new ArrayList<>();
        for (SourceRecord record : records) {
            Matcher matcher = ID.matcher((String) record.value());
            if (!matcher.find()) {
                throw new AssertionError("no id in " + record.value());
            }
            ids.add(Long.parseLong(matcher.group(1)));
        }
        return ids;
    }

    static List<Long> range(long from, long to) {
        List<Long> ids = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            ids.add(id);
        }
        return ids;
    }

    @Override
    public void close() {
        task.stop();
    }

    private record Context(Map<Map<String, Object>, Map<String, Object>> offsets) implements SourceTaskContext {
        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                public <T> Map<String, Object> offset(Map<String, T> partition) {
                    return offsets.get(partition);
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                    Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
                    for (Map<String, T> partition : partitions) {
                        Map<String, Object> offset = offsets.get(partition);
                        if (offset != null) {
                            found.put(partition, offset);
                        }
                    }
                    return found;
                }
            };
        }
    }
}
