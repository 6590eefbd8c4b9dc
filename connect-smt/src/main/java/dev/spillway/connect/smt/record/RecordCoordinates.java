package dev.spillway.connect.smt.record;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where a record is, in the words every Spillway error and warning uses: {@code topic 'orders' partition 3}, followed
 * by {@code offset 42} for records a sink task received (source records have no offset yet).
 */
public final class RecordCoordinates {

    private RecordCoordinates() {
    }

    /** The record's topic, partition and, for a {@link SinkRecord}, offset; never its key or value. */
    public static String of(ConnectRecord<?> record) {
        StringBuilder text = new StringBuilder("topic '").append(record.topic())
            .append("' partition ").append(record.kafkaPartition());
        if (record instanceof SinkRecord sinkRecord) {
            text.append(" offset ").append(sinkRecord.kafkaOffset());
        }
        return text.toString();
    }
}
