package dev.spillway.dlq.kafka;

import dev.spillway.dlq.errors.CommandException;
import dev.spillway.dlq.headers.CorruptHeaderException;
import dev.spillway.dlq.headers.ErrorContext;
import dev.spillway.dlq.headers.ErrorHeaders;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Decodes consumed records as dead letters, refusing records that are not (exit 3). */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static DeadLetter decode(ConsumerRecord<byte[], byte[]> record) {
        String coordinates = record.topic() + "-" + record.partition() + "@" + record.offset();
        try {
            Optional<ErrorContext> context = ErrorHeaders.decode(record.headers());
            if (context.isEmpty()) {
                throw CommandException.refused("Record " + coordinates + " has no error-context headers"
                        + " (__connect.errors.*, __streams.errors.*): '" + record.topic()
                        + "' is not a dead-letter topic");
            }
            return new DeadLetter(record, context.get(), ReplayHeaders.replayCount(record.headers()));
        } catch (CorruptHeaderException e) {
            throw CommandException.refused("Record " + coordinates + " has a corrupt " + e.getMessage());
        }
    }
}
