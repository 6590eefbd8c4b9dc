package dev.spillway.dlq.kafka;

import dev.spillway.dlq.errors.CommandException;
import dev.spillway.dlq.errors.ExitCodes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
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

    /** Partition counts of the topics; refuses (exit 3) naming the first that does not exist. */
    public Map<String, Integer> describe(List<String> topics) {
        try {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return descriptions.entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, entry -> entry.getValue().partitions().size()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw CommandException.refused("Topic " + (topics.size() == 1 ? "'" + topics.get(0) + "'"
                        : "among " + shortList(topics)) + " does not exist on " + settings.describeCluster());
            }
            throw KafkaFailures.translate(e, settings, "describe topic(s) "
                    + (topics.size() == 1 ? topics.get(0) : shortList(topics)));
        } catch (java.util.concurrent.TimeoutException e) {
            throw KafkaFailures.translate(new TimeoutException(e), settings,
                    "describe topic(s) " + (topics.size() == 1 ? topics.get(0) : shortList(topics)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException(ExitCodes.FAILURE, "Interrupted", e);
        }
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
