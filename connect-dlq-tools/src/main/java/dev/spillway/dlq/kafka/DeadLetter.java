package dev.spillway.dlq.kafka;

import dev.spillway.dlq.headers.ErrorContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record of a dead-letter topic with its decoded error context.
 *
 * @param replayCount how many times Spillway replayed this record before (its replay-count header, 0 if none)
 */
public record DeadLetter(ConsumerRecord<byte[], byte[]> record, ErrorContext context, int replayCount) {

    /** {@code topic-partition@offset} of the record in the dead-letter topic, for messages. */
    public String coordinates() {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
