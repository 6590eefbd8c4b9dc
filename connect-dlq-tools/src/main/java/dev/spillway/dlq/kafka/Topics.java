package dev.spillway.dlq.kafka;

import dev.spillway.dlq.errors.CommandException;
import dev.spillway.dlq.errors.ExitCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Checks topics before anything is read or written, so bad names fail with a clear message and no side effect. */
public final class Topics implements AutoCloseable {

    private final ClientSettings settings;
    private final Admin admin;

    public Topics(ClientSettings settings) {
        this.settings = settings;
        try {
            this.admin = Admin.create(settings.admin());
        } catch (RuntimeException e) {
            throw KafkaFailures.translate(e, settings, "create a Kafka admin client");
        }
    }

    /** The partition count of {@code topic}; refuses (exit 3) if it does not exist. */
    public int partitions(String topic) {
        return describe(List.of(topic)).get(topic);
    }

    /**
     * Partition counts of the topics; refuses (exit 3) naming the ones that do not exist (at most five, and how many
     * more), so that a run with many targets says which of them are missing, not which were asked for.
     */
    public Map<String, Integer> describe(List<String> topics) {
        Map<String, KafkaFuture<TopicDescription>> futures;
        try {
            futures = admin.describeTopics(topics).topicNameValues();
        } catch (RuntimeException e) {
            throw KafkaFailures.translate(e, settings, "describe topic(s) " + described(topics));
        }
        return partitionCounts(topics, futures, settings);
    }

    /**
     * The partition counts from {@code describeTopics}' futures, in {@code topics} order, waiting at most the
     * settings' timeout for all of them together.
     *
     * @throws CommandException refused, naming the topics that do not exist; or the first other failure, translated
     */
    static Map<String, Integer> partitionCounts(List<String> topics, Map<String, KafkaFuture<TopicDescription>> futures,
                                                ClientSettings settings) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        ExecutionException otherFailure = null;
        for (String topic : topics) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                counts.put(topic, futures.get(topic).get(left, TimeUnit.NANOSECONDS).partitions().size());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    missing.add(topic);
                } else if (otherFailure == null) {
                    otherFailure = e;
                }
            } catch (java.util.concurrent.TimeoutException e) {
                throw KafkaFailures.translate(new TimeoutException(e), settings,
                        "describe topic(s) " + described(topics));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandException(ExitCodes.FAILURE, "Interrupted", e);
            }
        }
        if (otherFailure != null) {
            throw KafkaFailures.translate(otherFailure, settings, "describe topic(s) " + described(topics));
        }
        if (!missing.isEmpty()) {
            throw CommandException.refused(notFound(missing) + " on " + settings.describeCluster());
        }
        return counts;
    }

    private static String described(List<String> topics) {
        return topics.size() == 1 ? topics.get(0) : shortList(topics);
    }

    /** "Topic 'a' does not exist", or "3 topics do not exist: [a, b, c]" with at most five names. */
    static String notFound(List<String> missing) {
        return missing.size() == 1 ? "Topic '" + missing.get(0) + "' does not exist"
                : missing.size() + " topics do not exist: " + shortList(missing);
    }

    /**
     * At most a few names: replay's targets come from dead letters, and whoever wrote them can name thousands of
     * topics, which must not all end up in one error line.
     */
    static String shortList(List<String> topics) {
        int shown = 5;
        if (topics.size() <= shown) {
            return topics.toString();
        }
        return topics.subList(0, shown).toString().replace("]", ", ... " + (topics.size() - shown) + " more]");
    }

    public Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
