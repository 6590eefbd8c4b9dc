package dev.spillway.dlq.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.dlq.kafka.DeadLetter;
import dev.spillway.dlq.kafka.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordRenderingTest {

    private static final byte[] BINARY = {0, (byte) 0xff, 0x10};

    private static DeadLetter letter(byte[] key, byte[] value, int replayCount, String exception) {
        return letter(key, value, replayCount, exception, "orders", "bad value 17", new RecordHeaders());
    }

    private static DeadLetter letter(byte[] key, byte[] value, int replayCount, String exception, String topic,
                                     String message, RecordHeaders headers) {
        headers.add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8));
        headers.add("blob", BINARY);
        headers.add("__connect.errors.topic", topic.getBytes(StandardCharsets.UTF_8));
        headers.add("__connect.errors.partition", "1".getBytes(StandardCharsets.UTF_8));
        headers.add("__connect.errors.offset", "42".getBytes(StandardCharsets.UTF_8));
        headers.add("__connect.errors.connector.name", "sink".getBytes(StandardCharsets.UTF_8));
        headers.add("__connect.errors.task.id", "3".getBytes(StandardCharsets.UTF_8));
        headers.add("__connect.errors.stage", "VALUE_CONVERTER".getBytes(StandardCharsets.UTF_8));
        headers.add("__connect.errors.exception.class.name", exception.getBytes(StandardCharsets.UTF_8));
        headers.add("__connect.errors.exception.message", message.getBytes(StandardCharsets.UTF_8));
        headers.add("__connect.errors.exception.stacktrace",
                "E: bad\n\tat a(A.java:1)\n\tat b(B.java:2)\n\tat c(C.java:3)".getBytes(StandardCharsets.UTF_8));
        if (replayCount > 0) {
            headers.add("__spillway.replay.count", String.valueOf(replayCount).getBytes(StandardCharsets.UTF_8));
        }
        return DeadLetters.decode(new ConsumerRecord<>("dlq", 2, 7, 1_764_583_200_000L, TimestampType.CREATE_TIME,
                0, 0, key, value, headers, Optional.empty()));
    }

    @Test
    void jsonIsLossless() {
        ObjectNode json = RecordJson.toJson(letter(null, BINARY, 0, "x.DataException"), 2);
        assertThat(json.get("topic").asText()).isEqualTo("dlq");
        assertThat(json.get("partition").asInt()).isEqualTo(2);
        assertThat(json.get("offset").asLong()).isEqualTo(7);
        assertThat(json.get("timestamp").asLong()).isEqualTo(1_764_583_200_000L);
        assertThat(json.get("timestampIso").asText()).isEqualTo("2025-12-01T10:00:00Z");
        assertThat(json.get("key").isNull()).isTrue();
        assertThat(json.get("keyEncoding").isNull()).isTrue();
        assertThat(json.get("valueEncoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(json.get("value").asText())).isEqualTo(BINARY);
        JsonNode blob = json.get("headers").get(1);
        assertThat(blob.get("key").asText()).isEqualTo("blob");
        assertThat(blob.get("valueEncoding").asText()).isEqualTo("base64");
        assertThat(json.get("headers")).hasSize(11);
        JsonNode error = json.get("error");
        assertThat(error.get("originalTopic").asText()).isEqualTo("orders");
        assertThat(error.get("originalPartition").asInt()).isEqualTo(1);
        assertThat(error.get("originalOffset").asLong()).isEqualTo(42);
        assertThat(error.get("taskId").asInt()).isEqualTo(3);
        assertThat(error.get("stackTrace").asText()).isEqualTo("E: bad\n\tat a(A.java:1)\n\t... 2 more lines");
    }

    @Test
    void textShowsContextPayloadsAndUserHeaders() {
        String text = RecordText.render(letter("k".getBytes(StandardCharsets.UTF_8),
                "{\"a\": 1}".getBytes(StandardCharsets.UTF_8), 2, "x.DataException"), 1);
        assertThat(text).startsWith("--- dlq-2@7  2025-12-01T10:00:00Z (CreateTime)\n")
                .contains("  original   orders-1@42\n")
                .contains("  connector  sink  task 3\n")
                .contains("  exception  x.DataException\n")
                .contains("  message    bad value 17\n")
                .contains("  replayed   2 time(s) before\n")
                .contains("  key        k  [text]\n")
                .contains("  value      {\"a\": 1}  [json]\n")
                .contains("  header     trace-id=t-1\n")
                .contains("  header     blob=hex:00 ff 10\n")
                .contains("    E: bad\n    \t... 3 more lines\n")
                .doesNotContain("__connect.errors");
    }

    @Test
    void summaryCountsAndRanks() {
        Summary summary = new Summary("dlq");
        summary.add(letter(null, null, 0, "x.DataException"));
        summary.add(letter(null, null, 1, "x.DataException"));
        summary.add(letter(null, null, 0, "y.RetriableException"));
        JsonNode json = summary.toJson();
        assertThat(json.get("records").asInt()).isEqualTo(3);
        assertThat(json.get("replayedBefore").asInt()).isEqualTo(1);
        assertThat(json.get("byExceptionClass").get("x.DataException").asInt()).isEqualTo(2);
        assertThat(json.get("byExceptionClass").fieldNames().next()).as("largest first").isEqualTo("x.DataException");
        assertThat(json.get("byMessage").get("bad value <n>").asInt()).isEqualTo(3);
        assertThat(json.get("partitions").get("2").get("firstOffset").asLong()).isEqualTo(7);
        String text = summary.toText(1);
        assertThat(text).startsWith("Dead-letter topic dlq: 3 record(s), 2025-12-01T10:00:00Z .. 2025-12-01T10:00:00Z\n")
                .contains("By exception class:\n  2  x.DataException\n  ... 1 more\n")
                .contains("replayed before: 1");
        assertThat(new Summary("empty").toText(5)).isEqualTo("Dead-letter topic empty: 0 record(s)\n");
    }

    /** Whoever writes to the dead-letter topic chooses these bytes: they must not reach the terminal raw. */
    @Test
    void textEscapesControlCharactersFromTheRecord() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("x-\u001b[31mred", "line1\nFAKE  exception  none\r".getBytes(StandardCharsets.UTF_8));
        String text = RecordText.render(letter("k\r\n--- forged".getBytes(StandardCharsets.UTF_8),
                "{\"a\":\n\"b\u202ec\"}".getBytes(StandardCharsets.UTF_8), 0, "x.E\u001b]0;title\u0007",
                "orders\n\u001b[1mbold", "msg\nline2\ttab", headers), 5);
        assertThat(text).doesNotContain("\u001b", "\r", "\u0007", "\u202e")
                .contains("  original   orders\\n\\u001b[1mbold-1@42\n")
                .contains("  exception  x.E\\u001b]0;title\\u0007\n")
                .contains("  message    msg\\nline2\\ttab\n")
                .contains("  key        k\\r\\n--- forged  [text]\n")
                .contains("  value      {\"a\":\\n\"b\\u202ec\"}  [json]\n")
                .contains("  header     x-\\u001b[31mred=line1\\nFAKE  exception  none\\r\n");
        assertThat(text.lines().filter(line -> line.startsWith("---"))).hasSize(1);
    }

    @Test
    void summaryTextEscapesAndCutsHeaderValues() {
        Summary summary = new Summary("dlq");
        summary.add(letter(null, null, 0, "x.E", "t\u001b[2J" + "y".repeat(500), "m", new RecordHeaders()));
        String text = summary.toText(5);
        assertThat(text).doesNotContain("\u001b").contains("  1  t\\u001b[2J" + "y".repeat(195) + "...(505 chars)\n");
    }

    @Test
    void summaryBoundsWhatHostileHeadersCanMakeItKeep() {
        Summary summary = new Summary("dlq");
        for (int i = 0; i < Summary.MAX_VALUES + 5; i++) {
            summary.add(letter(null, null, 0, "x.E", "t" + i + "-" + "y".repeat(5000), "m", new RecordHeaders()));
        }
        JsonNode byTopic = summary.toJson().get("byOriginalTopic");
        assertThat(byTopic.size()).isEqualTo(Summary.MAX_VALUES + 1);
        assertThat(byTopic.get(Summary.OTHERS).asInt()).isEqualTo(5);
        byTopic.fieldNames().forEachRemaining(name -> assertThat(name.length()).isLessThanOrEqualTo(Summary.MAX_KEY + 1));
        assertThat(summary.count()).isEqualTo(Summary.MAX_VALUES + 5);
    }
}
