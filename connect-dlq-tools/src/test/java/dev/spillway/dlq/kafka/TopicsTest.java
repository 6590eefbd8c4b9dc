package dev.spillway.dlq.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.dlq.errors.CommandException;
import dev.spillway.dlq.errors.ExitCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

/** What {@link Topics#describe} makes of the admin client's per-topic answers. */
class TopicsTest {

    private static final ClientSettings SETTINGS = new ClientSettings("broker:9092", new Properties(),
            Duration.ofSeconds(5));

    private final Map<String, KafkaFuture<TopicDescription>> futures = new LinkedHashMap<>();

    private void exists(String topic, int partitions) {
        Node node = new Node(1, "broker", 9092);
        List<TopicPartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new TopicPartitionInfo(p, node, List.of(node), List.of(node)));
        }
        futures.put(topic, KafkaFuture.completedFuture(new TopicDescription(topic, false, infos)));
    }

    private void fails(String topic, Throwable error) {
        KafkaFutureImpl<TopicDescription> future = new KafkaFutureImpl<>();
        future.completeExceptionally(error);
        futures.put(topic, future);
    }

    private void missing(String topic) {
        fails(topic, new UnknownTopicOrPartitionException("This server does not host this topic-partition."));
    }

    private Map<String, Integer> describe(List<String> topics) {
        return Topics.partitionCounts(topics, futures, SETTINGS);
    }

    @Test
    void partitionCountsInTheOrderAsked() {
        exists("orders", 3);
        exists("payments", 1);
        assertThat(describe(List.of("payments", "orders"))).containsExactly(Map.entry("payments", 1),
                Map.entry("orders", 3));
    }

    @Test
    void oneMissingTopicIsNamed() {
        missing("no-such-topic");
        assertThatThrownBy(() -> describe(List.of("no-such-topic")))
                .isInstanceOf(CommandException.class)
                .hasMessage("Topic 'no-such-topic' does not exist on broker:9092")
                .satisfies(e -> assertThat(((CommandException) e).exitCode()).isEqualTo(ExitCodes.REFUSED));
    }

    @Test
    void onlyTheMissingTargetsAreNamedNotTheOnesThatExist() {
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            exists("existing-" + i, 1);
            targets.add("existing-" + i);
        }
        missing("missing-a");
        missing("missing-b");
        targets.add(3, "missing-a");
        targets.add("missing-b");
        assertThatThrownBy(() -> describe(targets))
                .hasMessage("2 topics do not exist: [missing-a, missing-b] on broker:9092");

        exists("solo", 1);
        missing("gone");
        assertThatThrownBy(() -> describe(List.of("solo", "gone")))
                .hasMessage("Topic 'gone' does not exist on broker:9092");
    }

    @Test
    void manyMissingTargetsNameFiveAndCountTheRest() {
        List<String> targets = new ArrayList<>();
        exists("existing", 2);
        targets.add("existing");
        for (int i = 0; i < 2000; i++) {
            missing("made-up-" + i);
            targets.add("made-up-" + i);
        }
        assertThatThrownBy(() -> describe(targets)).hasMessage("2000 topics do not exist: [made-up-0, made-up-1,"
                + " made-up-2, made-up-3, made-up-4, ... 1995 more] on broker:9092");
    }

    @Test
    void anotherFailureIsReportedAsSuch() {
        missing("gone");
        fails("secret", new TopicAuthorizationException("Not authorized to access topics: [secret]"));
        assertThatThrownBy(() -> describe(List.of("gone", "secret")))
                .hasMessageStartingWith("Not allowed to describe topic(s) [gone, secret]: ")
                .satisfies(e -> assertThat(((CommandException) e).exitCode()).isEqualTo(ExitCodes.FAILURE));
        fails("slow", new TimeoutException("Timed out waiting for a node assignment."));
        assertThatThrownBy(() -> describe(List.of("slow")))
                .hasMessage("Timed out after 5 s trying to describe topic(s) slow at broker:9092: is the broker"
                        + " reachable (--bootstrap-server, --command-config)?");
    }

    @Test
    void anAnswerThatNeverComesTimesOut() {
        futures.put("slow", new KafkaFutureImpl<>());
        ClientSettings quick = new ClientSettings("broker:9092", new Properties(), Duration.ofMillis(50));
        assertThatThrownBy(() -> Topics.partitionCounts(List.of("slow"), futures, quick))
                .hasMessageStartingWith("Timed out after 0 s trying to describe topic(s) slow at broker:9092");
    }
}
