package dev.spillway.dlq.kafka;

import dev.spillway.dlq.errors.CommandException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a dead-letter topic from a start to the end it had when reading began (read_committed), without a
 * consumer group: inspect and export never commit offsets or change anything on the cluster.
 */
public final class DeadLetterReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final ClientSettings settings;
    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> start = new HashMap<>();
    private final Map<TopicPartition, Long> end = new HashMap<>();

    /**
     * @param partitions dead-letter partitions to read (all of {@code partitionCount} if empty)
     * @param fromOffset first offset to read in every partition (0 for the beginning)
     * @param toOffset   last offset to read in every partition, inclusive ({@code Long.MAX_VALUE}: to the end)
     * @param since      skip to the first record at or after this time, if set
     */
    public DeadLetterReader(ClientSettings settings, String topic, int partitionCount, List<Integer> partitions,
                            long fromOffset, long toOffset, Instant since) {
        this.settings = settings;
        this.topic = topic;
        List<TopicPartition> assignment = new ArrayList<>();
        for (int p = 0; p < partitionCount; p++) {
            if (partitions.isEmpty() || partitions.contains(p)) {
                assignment.add(new TopicPartition(topic, p));
            }
        }
        try {
            consumer = new KafkaConsumer<>(settings.consumer(null));
            consumer.assign(assignment);
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(assignment, settings.timeout());
            Map<TopicPartition, Long> ends = consumer.endOffsets(assignment, settings.timeout());
            Map<TopicPartition, OffsetAndTimestamp> byTime = Map.of();
            if (since != null) {
                Map<TopicPartition, Long> query = new HashMap<>();
                assignment.forEach(tp -> query.put(tp, since.toEpochMilli()));
                byTime = consumer.offsetsForTimes(query, settings.timeout());
            }
            for (TopicPartition tp : assignment) {
                long first = Math.max(beginning.get(tp), fromOffset);
                if (since != null) {
                    OffsetAndTimestamp found = byTime.get(tp);
                    // No record at or after 'since': nothing to read in this partition.
                    first = Math.max(first, found == null ? ends.get(tp) : found.offset());
                }
                long last = toOffset == Long.MAX_VALUE ? ends.get(tp) : Math.min(ends.get(tp), toOffset + 1);
                start.put(tp, first);
                end.put(tp, Math.max(first, last));
                consumer.seek(tp, first);
            }
        } catch (RuntimeException e) {
            close();
            throw KafkaFailures.translate(e, settings, "read topic " + topic);
        }
    }

    @Override
    public String toString() {
        return "DeadLetterReader[" + topic + ", start " + start + ", end " + end + "]";
    }

    /** Upper bound of the number of records {@link #read} will see (offsets to read, gaps included). */
    public long expected() {
        long total = 0;
        for (TopicPartition tp : start.keySet()) {
            total += end.get(tp) - start.get(tp);
        }
        return total;
    }

    /**
     * Reads every record in range, decoding each as a dead letter (refusing with exit 3 a record that is not one),
     * and hands it to {@code sink} until the range is exhausted or the sink returns {@code false}.
     *
     * @param progress called with the number of offsets consumed so far, after each poll
     * @return the number of records read
     */
    public long read(Predicate<DeadLetter> sink, LongConsumer progress) {
        long read = 0;
        try {
            Map<TopicPartition, Long> remaining = new HashMap<>(end);
            remaining.entrySet().removeIf(entry -> start.get(entry.getKey()) >= entry.getValue());
            consumer.pause(consumer.assignment().stream().filter(tp -> !remaining.containsKey(tp)).toList());
            Map<TopicPartition, Long> reached = new HashMap<>(start);
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    Long stop = remaining.get(tp);
                    if (stop == null || record.offset() >= stop) {
                        continue;
                    }
                    read++;
                    if (!sink.test(DeadLetters.decode(record))) {
                        return read;
                    }
                }
                for (TopicPartition tp : List.copyOf(remaining.keySet())) {
                    long position = consumer.position(tp, settings.timeout());
                    reached.put(tp, Math.min(position, end.get(tp)));
                    if (position >= remaining.get(tp)) {
                        remaining.remove(tp);
                        consumer.pause(List.of(tp));
                    }
                }
                long consumed = 0;
                for (Map.Entry<TopicPartition, Long> entry : reached.entrySet()) {
                    consumed += entry.getValue() - start.get(entry.getKey());
                }
                progress.accept(consumed);
            }
            return read;
        } catch (CommandException | UncheckedIOException e) {
            // Writing what was read (a full disk under export) is the caller's to report, not a read failure.
            throw e;
        } catch (RuntimeException e) {
            throw KafkaFailures.translate(e, settings, "read topic " + topic);
        }
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(2));
        }
    }
}
