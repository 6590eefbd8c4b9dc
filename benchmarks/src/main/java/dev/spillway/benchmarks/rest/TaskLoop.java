package dev.spillway.benchmarks.rest;

import dev.spillway.connect.rest.RestSourceConnector;
import dev.spillway.connect.rest.RestSourceTask;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The connector's own cost without Kafka: a {@link RestSourceTask} polled in a loop in this JVM, as a worker would
 * poll it, its records dropped. The difference to the end-to-end figure is the worker, converters and producer.
 */
final class TaskLoop {

    private TaskLoop() {
    }

    /** Polls until {@code items} records were returned; returns how many arrived. */
    static long run(Map<String, String> connectorConfig, long items) {
        RestSourceConnector connector = new RestSourceConnector();
        connector.start(connectorConfig);
        RestSourceTask task = new RestSourceTask();
        task.initialize(new EmptyContext());
        task.start(connector.taskConfigs(1).get(0));
        long seen = 0;
        try {
            while (seen < items) {
                List<SourceRecord> records = task.poll();
                if (records != null) {
                    seen += records.size();
                    // As the worker does once its producer has sent them: the task paces itself on these.
                    for (SourceRecord record : records) {
                        task.commitRecord(record, null);
                    }
                }
            }
        } finally {
            task.stop();
            connector.stop();
        }
        return seen;
    }

    /** No stored offsets: every run starts at the first page. */
    private static final class EmptyContext implements SourceTaskContext {
        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

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
