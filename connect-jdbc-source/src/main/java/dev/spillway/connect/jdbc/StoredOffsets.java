package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.offset.SourceOffset;
import dev.spillway.connect.jdbc.offset.SourcePartition;
import dev.spillway.connect.jdbc.snapshot.RangeOffset;
import dev.spillway.connect.jdbc.snapshot.SnapshotRange;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** The offsets a task resumes from, of its tables (or query) and of its key ranges, each read in one call. */
final class StoredOffsets {

    private final OffsetStorageReader reader;

    /** {@code reader} null (no worker, as in unit tests): nothing stored. */
    StoredOffsets(OffsetStorageReader reader) {
        this.reader = reader;
    }

    Map<Map<String, String>, SourceOffset> tables(List<PartitionReader.Source> sources) {
        Map<Map<String, String>, Object> partitions = new HashMap<>();
        sources.forEach(s -> partitions.put(s.partition().toMap(), s));
        return read(partitions, (partition, stored) -> SourceOffset.fromMap(stored));
    }

    Map<Map<String, String>, RangeOffset> ranges(List<SnapshotRange> ranges) {
        Map<Map<String, String>, Object> partitions = new HashMap<>();
        ranges.forEach(r -> partitions.put(SourcePartition.range(r.table().qualified(), r.index()).toMap(), r));
        return read(partitions, (range, stored) -> RangeOffset.fromMap(((SnapshotRange) range).table(),
            ((SnapshotRange) range).index(), stored));
    }

    private <T> Map<Map<String, String>, T> read(Map<Map<String, String>, Object> partitions,
                                                BiFunction<Object, Map<String, Object>, T> parse) {
        Map<Map<String, String>, T> offsets = new HashMap<>();
        if (reader == null || partitions.isEmpty()) {
            return offsets;
        }
        Map<Map<String, String>, Map<String, Object>> stored = reader.offsets(List.copyOf(partitions.keySet()));
        for (Map.Entry<Map<String, String>, Map<String, Object>> entry : stored.entrySet()) {
            Object what = partitions.get(entry.getKey());
            if (entry.getValue() == null || what == null) {
                continue;
            }
            try {
                offsets.put(entry.getKey(), parse.apply(what, entry.getValue()));
            } catch (IllegalArgumentException e) {
                throw new ConnectException("The stored offset of " + entry.getKey() + " cannot be read: "
                    + e.getMessage() + ". Reset it with the worker's offsets REST API.", e);
            }
        }
        return offsets;
    }
}
