package dev.spillway.dlq.replay;

import dev.spillway.dlq.render.Printable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replay will do, found by reading the remaining range once before writing anything: how many records go
 * to which topic, how many the filters skip, and how many the {@link TargetPolicy} refuses, by target and reason.
 */
public final class ReplayPlan {

    /**
     * Refused targets listed one by one; the rest are counted together. A hostile dead-letter topic can name a
     * different target in every record, and names are shown cut to {@value #MAX_SHOWN_NAME} characters.
     */
    static final int MAX_REFUSED_TARGETS = 50;
    static final int MAX_SHOWN_NAME = 100;

    /** Records refused for one target: its name as shown (escaped, cut), why, and how many. */
    public record RefusedTarget(String shownName, TargetPolicy.Reason reason, long records) {
    }

    private record RefusedKey(String shownName, TargetPolicy.Reason reason) {
    }

    private long refused;
    private long refusedUnlisted;
    private final Map<RefusedKey, Long> refusedTargets = new LinkedHashMap<>();

    private long resumedPast;
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

    void refuse(String topic, TargetPolicy.Reason reason) {
        refused++;
        RefusedKey key = new RefusedKey(Printable.abbreviate(topic, MAX_SHOWN_NAME), reason);
        if (refusedTargets.containsKey(key) || refusedTargets.size() < MAX_REFUSED_TARGETS) {
            refusedTargets.merge(key, 1L, Long::sum);
        } else {
            refusedUnlisted++;
        }
    }

    void countExamined() {
        examined++;
    }

    void resumedPast(long offsets) {
        resumedPast = offsets;
    }

    /**
     * Offsets of the selection the group's committed progress had already passed when the run started, before the
     * range this plan examined: an earlier run of the group replayed the selected records among them.
     */
    public long resumedPast() {
        return resumedPast;
    }

    public long examined() {
        return examined;
    }

    public long selected() {
        return selected;
    }

    /** Selected records whose target the policy refused: not replayed, they stay in the dead-letter topic. */
    public long refused() {
        return refused;
    }

    /** The refused records by target and reason, in the order first seen; at most {@value #MAX_REFUSED_TARGETS}. */
    public List<RefusedTarget> refusedTargets() {
        List<RefusedTarget> targets = new ArrayList<>();
        refusedTargets.forEach((key, count) -> targets.add(new RefusedTarget(key.shownName(), key.reason(), count)));
        return targets;
    }

    /** Refused records whose targets are beyond the {@value #MAX_REFUSED_TARGETS} listed. */
    public long refusedUnlisted() {
        return refusedUnlisted;
    }

    /** Records per target topic that will be replayed. */
    public Map<String, Long> byTarget() {
        return Map.copyOf(byTarget);
    }

    /** The highest original partition replayed to each topic with {@code --keep-partition}. */
    public Map<String, Integer> highestPartition() {
        return Map.copyOf(highestPartition);
    }
}
