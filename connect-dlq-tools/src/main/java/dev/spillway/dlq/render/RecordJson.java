package dev.spillway.dlq.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.dlq.headers.ErrorContext;
import dev.spillway.dlq.kafka.DeadLetter;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A dead letter as a JSON object, the line format of {@code export} and the record format of
 * {@code inspect --output json}. Keys, values and header values are lossless: UTF-8 text where the bytes are valid
 * UTF-8 ({@code "utf8"}), base64 otherwise ({@code "base64"}).
 */
public final class RecordJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordJson() {
    }

    /** @param stackTraceLines cut the stack trace to this many lines; 0 or less keeps it whole */
    public static ObjectNode toJson(DeadLetter letter, int stackTraceLines) {
        ConsumerRecord<byte[], byte[]> record = letter.record();
        ObjectNode node = NODES.objectNode();
        node.put("topic", record.topic());
        node.put("partition", record.partition());
        node.put("offset", record.offset());
        node.put("timestamp", record.timestamp());
        node.put("timestampIso", Instant.ofEpochMilli(record.timestamp()).toString());
        node.put("timestampType", record.timestampType().name);
        putBytes(node, "key", record.key());
        putBytes(node, "value", record.value());
        ArrayNode headers = node.putArray("headers");
        for (Header header : record.headers()) {
            ObjectNode entry = headers.addObject();
            entry.put("key", header.key());
            putBytes(entry, "value", header.value());
        }
        node.set("error", context(letter.context(), stackTraceLines));
        node.put("replayCount", letter.replayCount());
        return node;
    }

    private static ObjectNode context(ErrorContext context, int stackTraceLines) {
        ObjectNode node = NODES.objectNode();
        node.put("source", context.source().name());
        node.put("originalTopic", context.originalTopic());
        node.put("originalPartition", context.originalPartition());
        node.put("originalOffset", context.originalOffset());
        node.put("connector", context.connector());
        node.put("taskId", context.taskId());
        node.put("stage", context.stage());
        node.put("executingClass", context.executingClass());
        node.put("exceptionClass", context.exceptionClass());
        node.put("exceptionMessage", context.exceptionMessage());
        node.put("stackTrace", stackTraceLines > 0
                ? Messages.cutStackTrace(context.stackTrace(), stackTraceLines) : context.stackTrace());
        node.put("transformAlias", context.transformAlias());
        node.put("occurrences", context.occurrences());
        return node;
    }

    private static void putBytes(ObjectNode node, String field, byte[] bytes) {
        if (bytes == null) {
            node.putNull(field);
            node.putNull(field + "Encoding");
            return;
        }
        String text = Payloads.utf8(bytes);
        if (text != null) {
            node.put(field, text);
            node.put(field + "Encoding", "utf8");
        } else {
            node.put(field, Base64.getEncoder().encodeToString(bytes));
            node.put(field + "Encoding", "base64");
        }
    }
}
