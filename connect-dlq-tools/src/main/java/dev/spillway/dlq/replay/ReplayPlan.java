package dev.spillway.dlq.replay;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a replay will do, found by reading the remaining range once before writing anything: how many records go
 * to which topic, and how many the filters skip.
 */
public final class ReplayPlan {

    private long examined;
    private long selected;
    private final Map<String, Long> byTarget = new TreeMap<>();
    private final Map<String, Integer> highestPartition = new TreeMap<>();

    void add(String topic, Integer partition) {
        selected++;
        byTarget.merge(topic, 1L, Long::sum);
        if (partition != null) {
            highestPartition.merge(topic, partition, Math::max);
        }
    }

    void countExamined() {
        examined++;
    }

    public long examined() {
        return examined;
    }

    public long selected() {
        return selected;
    }

    /** Records per target topic. */
    public Map<String, Long> byTarget() {
        return Map.copyOf(byTarget);
    }

    /** The highest original partition replayed to each topic with {@code --keep-partition}. */
    public Map<String, Integer> highestPartition() {
        return Map.copyOf(highestPartition);
    }
}
