package dev.spillway.dlq.render;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.dlq.headers.ErrorContext;
import dev.spillway.dlq.kafka.DeadLetter;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of dead letters by what failed and why, with first and last timestamps and offsets. */
public final class Summary {

    /** Categories shown, in order, with the label used in text and the key used in JSON. */
    private enum Category {
        ORIGINAL_TOPIC("original topic", "byOriginalTopic"),
        CONNECTOR("connector", "byConnector"),
        STAGE("stage", "byStage"),
        EXCEPTION("exception class", "byExceptionClass"),
        MESSAGE("message (normalised)", "byMessage"),
        SOURCE("written by", "bySource");

        final String label;
        final String key;

        Category(String label, String key) {
            this.label = label;
            this.key = key;
        }
    }

    /** Names and messages from headers are cut to this in text: a header can be megabytes long. */
    private static final int MAX_NAME = 200;
    /** Values are counted cut to this many characters, and at most {@value #MAX_VALUES} of them per category. */
    static final int MAX_KEY = 1000;
    static final int MAX_VALUES = 10_000;
    static final String OTHERS = "(other values, beyond " + MAX_VALUES + ")";

    private final String topic;
    private long count;
    private long replayed;
    private long repeatedFailures;
    private long firstTimestamp = Long.MAX_VALUE;
    private long lastTimestamp = Long.MIN_VALUE;
    private final Map<Integer, long[]> offsetsByPartition = new TreeMap<>();
    private final Map<Category, Map<String, Long>> counts = new LinkedHashMap<>();

    public Summary(String topic) {
        this.topic = topic;
        for (Category category : Category.values()) {
            counts.put(category, new HashMap<>());
        }
    }

    public void add(DeadLetter letter) {
        ErrorContext context = letter.context();
        count++;
        if (letter.replayCount() > 0) {
            replayed++;
        }
        if (context.occurrences() > 1) {
            repeatedFailures++;
        }
        long timestamp = letter.record().timestamp();
        firstTimestamp = Math.min(firstTimestamp, timestamp);
        lastTimestamp = Math.max(lastTimestamp, timestamp);
        long offset = letter.record().offset();
        offsetsByPartition.merge(letter.record().partition(), new long[] {offset, offset, 1},
                (old, fresh) -> new long[] {Math.min(old[0], offset), Math.max(old[1], offset), old[2] + 1});
        increment(Category.ORIGINAL_TOPIC, context.originalTopic());
        increment(Category.CONNECTOR, context.connector());
        increment(Category.STAGE, context.stage());
        increment(Category.EXCEPTION, context.exceptionClass());
        increment(Category.MESSAGE, Messages.normalize(context.exceptionMessage()));
        increment(Category.SOURCE, context.source().name());
    }

    private void increment(Category category, String value) {
        Map<String, Long> byValue = counts.get(category);
        String key = value == null ? "(none)" : value.length() <= MAX_KEY ? value : value.substring(0, MAX_KEY) + "…";
        // Whoever writes to the topic chooses these values: bounded in length and in number, so a topic of
        // distinct megabyte headers cannot exhaust memory; the rest are counted together.
        if (byValue.containsKey(key) || byValue.size() < MAX_VALUES) {
            byValue.merge(key, 1L, Long::sum);
        } else {
            byValue.merge(OTHERS, 1L, Long::sum);
        }
    }

    public long count() {
        return count;
    }

    /** Counts of one category, largest first, ties by name. */
    private static List<Map.Entry<String, Long>> sorted(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }

    /** @param top at most this many entries per category */
    public String toText(int top) {
        StringBuilder text = new StringBuilder();
        text.append("Dead-letter topic ").append(Printable.escape(topic)).append(": ").append(count).append(" record(s)");
        if (count == 0) {
            return text.append('\n').toString();
        }
        text.append(", ").append(Instant.ofEpochMilli(firstTimestamp)).append(" .. ")
                .append(Instant.ofEpochMilli(lastTimestamp)).append('\n');
        offsetsByPartition.forEach((partition, range) -> text.append("  partition ").append(partition)
                .append(": offsets ").append(range[0]).append("..").append(range[1]).append(" (").append(range[2])
                .append(" records)\n"));
        if (replayed > 0) {
            text.append("  replayed before: ").append(replayed).append('\n');
        }
        if (repeatedFailures > 0) {
            text.append("  failed more than once (repeated error headers): ").append(repeatedFailures).append('\n');
        }
        for (Category category : Category.values()) {
            List<Map.Entry<String, Long>> entries = sorted(counts.get(category));
            text.append('\n').append("By ").append(category.label).append(":\n");
            int width = String.valueOf(entries.isEmpty() ? 0 : entries.get(0).getValue()).length();
            entries.stream().limit(top).forEach(entry -> text.append("  ")
                    .append(String.format("%" + width + "d", entry.getValue())).append("  ")
                    .append(Printable.abbreviate(entry.getKey(), MAX_NAME))
                    .append('\n'));
            if (entries.size() > top) {
                text.append("  ... ").append(entries.size() - top).append(" more\n");
            }
        }
        return text.toString();
    }

    public ObjectNode toJson() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode node = nodes.objectNode();
        node.put("topic", topic);
        node.put("records", count);
        node.put("replayedBefore", replayed);
        node.put("failedMoreThanOnce", repeatedFailures);
        if (count > 0) {
            node.put("firstTimestamp", firstTimestamp);
            node.put("lastTimestamp", lastTimestamp);
            node.put("firstTimestampIso", Instant.ofEpochMilli(firstTimestamp).toString());
            node.put("lastTimestampIso", Instant.ofEpochMilli(lastTimestamp).toString());
        }
        ObjectNode partitions = node.putObject("partitions");
        offsetsByPartition.forEach((partition, range) -> partitions.putObject(String.valueOf(partition))
                .put("firstOffset", range[0]).put("lastOffset", range[1]).put("records", range[2]));
        for (Category category : Category.values()) {
            ObjectNode byValue = node.putObject(category.key);
            sorted(counts.get(category)).forEach(entry -> byValue.put(entry.getKey(), entry.getValue()));
        }
        return node;
    }
}
