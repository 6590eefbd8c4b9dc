package dev.spillway.connect.jdbc;

import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Offsets stored by partition, answered as the worker's reader would; counts the batch lookups. */
final class StoredOffsetsFake implements OffsetStorageReader {

    final Map<Map<String, ?>, Map<String, Object>> stored = new HashMap<>();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public <T> Map<String, Object> offset(Map<String, T> partition) {
        return stored.get(partition);
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        calls.incrementAndGet();
        Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
        partitions.forEach(p -> found.put(p, stored.get(p)));
        return found;
    }
}
