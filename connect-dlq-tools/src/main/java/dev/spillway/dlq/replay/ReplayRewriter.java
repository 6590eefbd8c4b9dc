package dev.spillway.dlq.replay;

import dev.spillway.dlq.errors.CommandException;
import dev.spillway.dlq.headers.ErrorContext;
import dev.spillway.dlq.headers.ErrorHeaders;
import dev.spillway.dlq.kafka.DeadLetter;
import dev.spillway.dlq.kafka.ReplayHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns a dead letter back into the record that failed: same key, value, timestamp and user headers, to the
 * original topic (or {@code --to}) and, with {@code --keep-partition}, the original partition; error headers
 * stripped or kept under a prefix; the replay counter incremented.
 */
public final class ReplayRewriter {

    public static final String DEFAULT_PREFIX = "__spillway.previous.";

    private final String toTopic;
    private final boolean keepPartition;
    private final ErrorHeaderPolicy policy;
    private final String prefix;

    /**
     * @param toTopic       target topic for every record; {@code null}: each record's original topic
     * @param keepPartition produce to the original partition instead of letting the partitioner choose
     */
    public ReplayRewriter(String toTopic, boolean keepPartition, ErrorHeaderPolicy policy, String prefix) {
        if (prefix == null || prefix.isEmpty() || ErrorHeaders.isErrorHeader(prefix)) {
            throw CommandException.usage("--error-header-prefix must be non-empty and outside the error-header"
                    + " namespaces (" + String.join(", ", ErrorHeaders.PREFIXES) + "): '" + prefix + "'");
        }
        this.toTopic = toTopic;
        this.keepPartition = keepPartition;
        this.policy = policy;
        this.prefix = prefix;
    }

    /** The topic a dead letter goes to; refuses (exit 3) when it is unknown. */
    public String targetTopic(DeadLetter letter) {
        if (toTopic != null) {
            return toTopic;
        }
        String original = letter.context().originalTopic();
        if (original == null || original.isBlank()) {
            throw CommandException.refused("Record " + letter.coordinates()
                    + " does not name its original topic; replay it with --to TOPIC");
        }
        return original;
    }

    /** The partition a dead letter goes to, {@code null} for the partitioner's choice. */
    public Integer targetPartition(DeadLetter letter) {
        if (!keepPartition) {
            return null;
        }
        ErrorContext context = letter.context();
        if (context.originalPartition() == null || context.originalPartition() < 0) {
            throw CommandException.refused("Record " + letter.coordinates()
                    + " does not name its original partition; replay it without --keep-partition");
        }
        return context.originalPartition();
    }

    public ProducerRecord<byte[], byte[]> rewrite(DeadLetter letter) {
        ConsumerRecord<byte[], byte[]> record = letter.record();
        RecordHeaders headers = new RecordHeaders();
        // Latest value of each error header, in first-seen order: Connect appends on each failure.
        Map<String, byte[]> latestErrors = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            String name = header.key();
            if (name.equals(ReplayHeaders.REPLAY_COUNT)) {
                continue;
            }
            if (ErrorHeaders.isErrorHeader(name)) {
                latestErrors.put(name, header.value());
            } else if (policy == ErrorHeaderPolicy.KEEP && name.startsWith(prefix)) {
                // Kept by an earlier replay: rotated out, only the latest failure is kept.
                continue;
            } else {
                headers.add(new RecordHeader(name, header.value()));
            }
        }
        if (policy == ErrorHeaderPolicy.KEEP) {
            latestErrors.forEach((name, value) -> headers.add(new RecordHeader(prefix + name, value)));
        }
        headers.add(new RecordHeader(ReplayHeaders.REPLAY_COUNT,
                String.valueOf(letter.replayCount() + 1).getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(targetTopic(letter), targetPartition(letter),
                record.timestamp() < 0 ? null : record.timestamp(), record.key(), record.value(), headers);
    }
}
