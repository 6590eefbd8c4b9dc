package dev.spillway.connect.jdbc;

import org.apache.kafka.connect.source.SourceRecord;

import java.time.Duration;
import java.util.List;

/**
 * What one read of a partition produced: records, when the partition wants to be read again, and whether the
 * last record ends a unit that may be committed as one producer transaction (always in the incremental modes,
 * only at the end of a snapshot in bulk mode).
 */
record Batch(List<SourceRecord> records, Duration nextReadIn, boolean endsTransaction) {

    static Batch idle(Duration wait) {
        return new Batch(List.of(), wait, false);
    }
}
