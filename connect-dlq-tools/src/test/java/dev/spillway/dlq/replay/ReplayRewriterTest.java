package dev.spillway.dlq.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.dlq.errors.CommandException;
import dev.spillway.dlq.errors.ExitCodes;
import dev.spillway.dlq.kafka.DeadLetter;
import dev.spillway.dlq.kafka.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ReplayRewriterTest {

    private static DeadLetter letter(String... namesAndValues) {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return DeadLetters.decode(new ConsumerRecord<>("dlq", 0, 9, 1234L, TimestampType.CREATE_TIME, 1, 5,
                "k".getBytes(StandardCharsets.UTF_8), "{bad".getBytes(StandardCharsets.UTF_8), headers,
                Optional.empty()));
    }

    private static final DeadLetter FAILED = letter(
            "trace", "t-1",
            "__connect.errors.topic", "orders",
            "__connect.errors.partition", "2",
            "__connect.errors.offset", "41",
            "__connect.errors.exception.class.name", "org.apache.kafka.connect.errors.DataException");

    private static List<String> names(ProducerRecord<byte[], byte[]> record) {
        List<String> names = new ArrayList<>();
        for (Header header : record.headers()) {
            names.add(header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8));
        }
        return names;
    }

    @Test
    void restoresTheOriginalRecordAndStripsErrorHeaders() {
        ReplayRewriter rewriter = new ReplayRewriter(null, false, ErrorHeaderPolicy.STRIP, ReplayRewriter.DEFAULT_PREFIX);
        ProducerRecord<byte[], byte[]> record = rewriter.rewrite(FAILED);
        assertThat(record.topic()).isEqualTo("orders");
        assertThat(record.partition()).isNull();
        assertThat(record.timestamp()).isEqualTo(1234L);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("k");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{bad");
        assertThat(names(record)).containsExactly("trace=t-1", "__spillway.replay.count=1");
    }

    @Test
    void keepsPartitionAndRedirects() {
        ReplayRewriter rewriter = new ReplayRewriter("fixed", true, ErrorHeaderPolicy.STRIP, ReplayRewriter.DEFAULT_PREFIX);
        ProducerRecord<byte[], byte[]> record = rewriter.rewrite(FAILED);
        assertThat(record.topic()).isEqualTo("fixed");
        assertThat(record.partition()).isEqualTo(2);
    }

    @Test
    void keepsOnlyTheLatestFailureUnderThePrefixAndCountsReplays() {
        DeadLetter failedTwice = letter(
                "__spillway.previous.__connect.errors.topic", "older",
                "__spillway.replay.count", "1",
                "__connect.errors.topic", "orders",
                "__connect.errors.exception.class.name", "a.First",
                "__connect.errors.topic", "orders",
                "__connect.errors.exception.class.name", "b.Second");
        assertThat(failedTwice.replayCount()).isEqualTo(1);
        ReplayRewriter rewriter = new ReplayRewriter(null, false, ErrorHeaderPolicy.KEEP, ReplayRewriter.DEFAULT_PREFIX);
        assertThat(names(rewriter.rewrite(failedTwice))).containsExactly(
                "__spillway.previous.__connect.errors.topic=orders",
                "__spillway.previous.__connect.errors.exception.class.name=b.Second",
                "__spillway.replay.count=2");
    }

    @Test
    void refusesWithoutOriginalTopicOrPartition() {
        DeadLetter streamsWithoutTopic = letter("__streams.errors.exception", "x.Y");
        ReplayRewriter rewriter = new ReplayRewriter(null, true, ErrorHeaderPolicy.STRIP, ReplayRewriter.DEFAULT_PREFIX);
        assertThatThrownBy(() -> rewriter.rewrite(streamsWithoutTopic))
                .isInstanceOfSatisfying(CommandException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.REFUSED))
                .hasMessage("Record dlq-0@9 does not name its original topic; replay it with --to TOPIC");
        ReplayRewriter redirect = new ReplayRewriter("t", true, ErrorHeaderPolicy.STRIP, ReplayRewriter.DEFAULT_PREFIX);
        assertThatThrownBy(() -> redirect.rewrite(streamsWithoutTopic))
                .hasMessageContaining("does not name its original partition");
    }

    @Test
    void prefixMustLeaveTheErrorNamespaces() {
        assertThatThrownBy(() -> new ReplayRewriter(null, false, ErrorHeaderPolicy.KEEP, "__connect.errors.old."))
                .isInstanceOfSatisfying(CommandException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE));
    }

    @Test
    void corruptReplayCountIsRefused() {
        assertThatThrownBy(() -> letter("__connect.errors.topic", "t", "__spillway.replay.count", "many"))
                .isInstanceOfSatisfying(CommandException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.REFUSED))
                .hasMessage("Record dlq-0@9 has a corrupt header __spillway.replay.count is not a number: 'many'");
    }
}
