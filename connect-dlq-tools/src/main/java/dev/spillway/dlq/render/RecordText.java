package dev.spillway.dlq.render;

import dev.spillway.dlq.headers.ErrorContext;
import dev.spillway.dlq.headers.ErrorHeaders;
import dev.spillway.dlq.kafka.DeadLetter;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A dead letter for people: decoded context first, then key, value and user headers, each cut to a sane length.
 * Everything taken from the record is {@link Printable#escape escaped}: one record is never more lines than shown
 * here, and cannot send terminal escapes.
 */
public final class RecordText {

    private static final int MAX_PAYLOAD = 400;

    private RecordText() {
    }

    public static String render(DeadLetter letter, int stackTraceLines) {
        ConsumerRecord<byte[], byte[]> record = letter.record();
        ErrorContext context = letter.context();
        StringBuilder text = new StringBuilder();
        text.append("--- ").append(Printable.escape(letter.coordinates())).append("  ")
                .append(Instant.ofEpochMilli(record.timestamp())).append(" (").append(record.timestampType().name)
                .append(")\n");
        line(text, "source", context.source().name());
        line(text, "original", original(context));
        if (context.connector() != null || context.taskId() != null) {
            line(text, "connector", (context.connector() == null ? "?" : context.connector())
                    + (context.taskId() == null ? "" : "  task " + context.taskId()));
        }
        if (context.stage() != null || context.executingClass() != null) {
            line(text, "stage", (context.stage() == null ? "?" : context.stage())
                    + (context.executingClass() == null ? "" : "  " + context.executingClass()));
        }
        if (context.transformAlias() != null) {
            line(text, "transform", context.transformAlias());
        }
        line(text, "exception", context.exceptionClass());
        line(text, "message", context.exceptionMessage());
        if (context.occurrences() > 1) {
            line(text, "failures", context.occurrences() + " (error headers repeated; latest shown)");
        }
        if (letter.replayCount() > 0) {
            line(text, "replayed", letter.replayCount() + " time(s) before");
        }
        line(text, "key", Payloads.render(record.key(), MAX_PAYLOAD)
                + (record.key() == null ? "" : "  [" + Payloads.classify(record.key()).name().toLowerCase() + "]"));
        line(text, "value", Payloads.render(record.value(), MAX_PAYLOAD)
                + (record.value() == null ? "" : "  [" + Payloads.classify(record.value()).name().toLowerCase() + "]"));
        for (Header header : record.headers()) {
            if (!ErrorHeaders.isErrorHeader(header.key())) {
                line(text, "header", header.key() + "=" + Payloads.render(header.value(), 120));
            }
        }
        if (context.stackTrace() != null && stackTraceLines > 0) {
            text.append("  stack trace\n");
            for (String traceLine : Messages.cutStackTrace(context.stackTrace(), stackTraceLines).split("\n")) {
                text.append("    ").append(Printable.escapeKeepingTabs(traceLine)).append('\n');
            }
        }
        return text.toString();
    }

    static String original(ErrorContext context) {
        return (context.originalTopic() == null ? "?" : Printable.abbreviate(context.originalTopic(), 300))
                + "-" + (context.originalPartition() == null ? "?" : context.originalPartition())
                + "@" + (context.originalOffset() == null ? "?" : context.originalOffset());
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append("  ").append(String.format("%-11s", label)).append(value == null ? "-" : Printable.escape(value))
                .append('\n');
    }
}
