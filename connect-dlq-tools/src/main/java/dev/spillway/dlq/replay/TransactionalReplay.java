package dev.spillway.dlq.replay;

import dev.spillway.connect.common.rate.RateLimiter;
import dev.spillway.dlq.errors.CommandException;
import dev.spillway.dlq.errors.ExitCodes;
import dev.spillway.dlq.filter.RecordFilter;
import dev.spillway.dlq.kafka.ClientSettings;
import dev.spillway.dlq.kafka.DeadLetter;
import dev.spillway.dlq.kafka.DeadLetters;
import dev.spillway.dlq.kafka.KafkaFailures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Exactly-once replay: consume-transform-produce with a transactional producer. Each poll's replayed records and
 * the consumer group's new offsets are committed in one transaction ({@code sendOffsetsToTransaction} with the
 * consumer's group metadata), so after a crash the group's committed offsets say exactly which records are in the
 * target: a resumed run neither skips nor repeats one. The transactional id is stable per group, so a resumed run's
 * {@code initTransactions()} aborts whatever the crashed run left open.
 *
 * <p>The range replayed is fixed when the run starts: from the group's committed offsets (or the range's start) to
 * the dead-letter topic's end offsets at that moment. A first pass reads that range without writing, to refuse
 * (exit 3) bad input and the loop guard's cases before a single record is produced.
 */
public final class TransactionalReplay implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final ClientSettings settings;
    private final String topic;
    private final RecordFilter filter;
    private final ReplayRewriter rewriter;
    private final TargetPolicy policy;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> start = new HashMap<>();
    private final Map<TopicPartition, Long> end = new HashMap<>();
    private KafkaProducer<byte[], byte[]> producer;
    private long resumedPast;

    /**
     * What one dead-letter partition leaves to this run: [{@code start}, {@code end}), and how many offsets of the
     * selection the group's committed progress had already passed ({@code resumedPast}: an earlier run of the group
     * replayed the selected records among them, or passed over the others).
     */
    record PartitionRange(long start, long end, long resumedPast) {

        /**
         * @param beginning the partition's first offset (retention may have moved it)
         * @param endOffset the partition's end offset now: later records wait for the next run
         * @param committed the group's committed offset, {@code null} if it has none
         * @param fromOffset the selection's first offset ({@code --offsets}), 0 without
         * @param toOffset the selection's last offset, inclusive; {@link Long#MAX_VALUE} without
         */
        static PartitionRange of(long beginning, long endOffset, Long committed, long fromOffset, long toOffset) {
            long selectionStart = Math.max(beginning, fromOffset);
            long last = toOffset == Long.MAX_VALUE ? endOffset : Math.min(endOffset, toOffset + 1);
            long first = committed == null ? selectionStart : Math.max(selectionStart, committed);
            return new PartitionRange(first, Math.max(first, last),
                    Math.max(0, Math.min(first, last) - selectionStart));
        }
    }

    /**
     * @param transactionalId {@code null} for a dry run (no producer, nothing written)
     */
    public TransactionalReplay(ClientSettings settings, String topic, List<Integer> partitions, long fromOffset,
                               long toOffset, String groupId, String transactionalId, RecordFilter filter,
                               ReplayRewriter rewriter, TargetPolicy policy, int maxPollRecords) {
        this.settings = settings;
        this.policy = policy;
        this.topic = topic;
        this.filter = filter;
        this.rewriter = rewriter;
        var consumerConfig = settings.consumer(groupId);
        consumerConfig.put("max.poll.records", String.valueOf(maxPollRecords));
        KafkaConsumer<byte[], byte[]> created = null;
        try {
            if (transactionalId != null) {
                producer = new KafkaProducer<>(settings.transactionalProducer(transactionalId));
                // First: fences a crashed earlier run with this id and aborts its open transaction, so the
                // committed offsets read next are stable.
                producer.initTransactions();
            }
            created = new KafkaConsumer<>(consumerConfig);
            List<TopicPartition> assignment = new ArrayList<>();
            for (int partition : partitions) {
                assignment.add(new TopicPartition(topic, partition));
            }
            created.assign(assignment);
            Map<TopicPartition, OffsetAndMetadata> committed = created.committed(Set.copyOf(assignment),
                    settings.timeout());
            Map<TopicPartition, Long> beginning = created.beginningOffsets(assignment, settings.timeout());
            Map<TopicPartition, Long> ends = created.endOffsets(assignment, settings.timeout());
            for (TopicPartition tp : assignment) {
                OffsetAndMetadata done = committed.get(tp);
                PartitionRange range = PartitionRange.of(beginning.get(tp), ends.get(tp),
                        done == null ? null : done.offset(), fromOffset, toOffset);
                start.put(tp, range.start());
                end.put(tp, range.end());
                resumedPast += range.resumedPast();
            }
        } catch (RuntimeException e) {
            if (created != null) {
                created.close(Duration.ofSeconds(2));
            }
            closeProducer();
            throw KafkaFailures.translate(e, settings, "start replaying " + topic);
        }
        this.consumer = created;
    }

    @Override
    public String toString() {
        return "TransactionalReplay[" + topic + ", start " + start + ", end " + end + "]";
    }

    /**
     * Offsets of the selection, over all partitions, that the group's committed progress had already passed when
     * this run started. The group only commits when a run replays, so more than 0 means that an earlier run with
     * this group replayed (and passed over the unselected records of) that part of the range.
     */
    public long resumedPast() {
        return resumedPast;
    }

    /** Offsets left to examine (an upper bound of the records to read). */
    public long remaining() {
        long total = 0;
        for (TopicPartition tp : start.keySet()) {
            total += end.get(tp) - start.get(tp);
        }
        return total;
    }

    /**
     * Reads the remaining range without writing: every record is decoded (refusing non-dead-letters and corrupt
     * headers), filtered, given a target, checked against the target policy and then the loop guard. Records
     * with a refused target are counted in the plan, never replayed.
     *
     * @param maxReplays refuse records already replayed this many times; negative: never refuse (--force)
     */
    public ReplayPlan plan(int maxReplays, LongConsumer progress) {
        ReplayPlan plan = new ReplayPlan();
        plan.resumedPast(resumedPast);
        List<String> looping = new ArrayList<>();
        long[] looped = {0};
        scan(batch -> {
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                plan.countExamined();
                DeadLetter letter = DeadLetters.decode(record);
                if (!filter.matches(letter)) {
                    continue;
                }
                String target = rewriter.targetTopic(letter);
                Optional<TargetPolicy.Reason> refusal = policy.refusal(target);
                if (refusal.isPresent()) {
                    plan.refuse(target, refusal.get());
                    continue;
                }
                if (maxReplays >= 0 && letter.replayCount() >= maxReplays) {
                    looped[0]++;
                    if (looping.size() < 3) {
                        looping.add(letter.coordinates());
                    }
                }
                plan.add(target, rewriter.targetPartition(letter));
            }
            progress.accept(plan.examined());
        });
        if (looped[0] > 0) {
            throw CommandException.refused(looped[0] + " selected record(s) were replayed " + maxReplays
                    + " time(s) already (--max-replays " + maxReplays + "), e.g. " + String.join(", ", looping)
                    + ": fix the cause first, exclude them with filters, or replay anyway with --force");
        }
        return plan;
    }

    /**
     * Replays the selected records of the remaining range, one transaction per poll, until the range is done or
     * {@code stop} is set (checked between transactions: a stop never leaves a transaction half done). Records
     * whose target the policy refuses are passed over (the caller only gets here if that was asked for); the
     * group's progress moves past them, they stay in the dead-letter topic.
     *
     * @return records produced and committed
     */
    public long replay(RateLimiter rate, AtomicBoolean stop, LongConsumer progress) throws InterruptedException {
        if (producer == null) {
            throw new IllegalStateException("a dry run has no producer");
        }
        long[] produced = {0};
        // The first record the producer or broker refused: the commit then only says "error state".
        AtomicReference<String> refused = new AtomicReference<>();
        try {
            scanWithStop(stop, batch -> {
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                producer.beginTransaction();
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    DeadLetter letter = DeadLetters.decode(record);
                    if (filter.matches(letter) && policy.refusal(rewriter.targetTopic(letter)).isEmpty()) {
                        try {
                            // A CLI has nothing better to wait on than the clock; stop is checked per batch.
                            Duration wait = rate.reserve();
                            if (!wait.isZero()) {
                                Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new CommandException(ExitCodes.FAILURE, "Interrupted", e);
                        }
                        ProducerRecord<byte[], byte[]> out = rewriter.rewrite(letter);
                        producer.send(out, (metadata, error) -> {
                            if (isAboutTheRecord(error)) {
                                refused.compareAndSet(null, record.topic() + "-" + record.partition() + "@"
                                    + record.offset() + " (to " + out.topic() + ", " + size(out) + " bytes) was refused: "
                                    + error.getClass().getSimpleName() + ": " + error.getMessage());
                            }
                        });
                        produced[0]++;
                    }
                    offsets.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                // Commit flushes the sends first; a send that failed fails the commit, and nothing of it stays.
                producer.commitTransaction();
                progress.accept(produced[0]);
            });
        } catch (ProducerFencedException e) {
            throw new CommandException(ExitCodes.FAILURE, "Another replay with the same transactional id took over"
                    + " (fenced); this run stopped, its committed progress stands", e);
        } catch (CommandException e) {
            abortQuietly();
            throw e;
        } catch (KafkaException e) {
            abortQuietly();
            if (refused.get() != null) {
                // Running again would fail on the same record: say which one, and the ways past it.
                throw new CommandException(ExitCodes.FAILURE, "Failed to replay " + topic + ": record "
                    + refused.get() + ". The last transaction was aborted and nothing of it written; fix the"
                    + " cause (say --producer-property max.request.size=...) or leave the record out (--offsets),"
                    + " then run again to resume", e);
            }
            throw KafkaFailures.translate(e, settings, "replay " + topic
                    + " (the last transaction was aborted; run again to resume)");
        }
        return produced[0];
    }

    /** An error this record would meet again on every run; a broker down or a missing ACL is not one. */
    private static boolean isAboutTheRecord(Exception error) {
        return error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException
            || error instanceof InvalidRecordException || error instanceof CorruptRecordException
            || error instanceof PolicyViolationException;
    }

    private static long size(ProducerRecord<byte[], byte[]> record) {
        return (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException ignored) {
            // No transaction open, or the producer is unusable: the broker aborts it on timeout or on resume.
        }
    }

    private interface Batch {
        void accept(List<ConsumerRecord<byte[], byte[]>> records);
    }

    private void scan(Batch batch) {
        try {
            scanWithStop(new AtomicBoolean(), batch);
        } catch (CommandException e) {
            throw e;
        } catch (KafkaException e) {
            throw KafkaFailures.translate(e, settings, "read " + topic);
        }
    }

    /** Reads [start, end) of every partition, a poll's worth of in-range records per batch. */
    private void scanWithStop(AtomicBoolean stop, Batch batch) {
        Map<TopicPartition, Long> remaining = new HashMap<>(end);
        remaining.entrySet().removeIf(entry -> start.get(entry.getKey()) >= entry.getValue());
        start.forEach(consumer::seek);
        consumer.resume(consumer.assignment());
        consumer.pause(consumer.assignment().stream().filter(tp -> !remaining.containsKey(tp)).toList());
        while (!remaining.isEmpty() && !stop.get()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            List<ConsumerRecord<byte[], byte[]>> inRange = new ArrayList<>(records.count());
            for (ConsumerRecord<byte[], byte[]> record : records) {
                Long stopAt = remaining.get(new TopicPartition(record.topic(), record.partition()));
                // Records past the end snapshot are neither replayed nor committed: a later run gets them.
                if (stopAt != null && record.offset() < stopAt) {
                    inRange.add(record);
                }
            }
            if (!inRange.isEmpty()) {
                batch.accept(inRange);
            }
            for (TopicPartition tp : List.copyOf(remaining.keySet())) {
                if (consumer.position(tp, settings.timeout()) >= remaining.get(tp)) {
                    remaining.remove(tp);
                    consumer.pause(List.of(tp));
                }
            }
        }
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(2));
        }
        closeProducer();
    }
}
