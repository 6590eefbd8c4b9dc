package dev.spillway.connect.jdbc.snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the bounds of {@code ranges} key ranges holding about as many rows each, from the table's keys streamed
 * in key order: every k-th key is kept as a candidate, and at the end the candidates nearest to each 1/N of the
 * rows counted become the bounds. Equal row counts, not equal key spans, so skewed keys (a dense id block, a
 * text key with a common prefix) split as well as uniform ones. Memory stays bounded when the catalog's estimate
 * is far too low: once the candidates exceed 64N, every other one is dropped and k doubles.
 */
public final class SplitPoints {

    private final int ranges;
    private long step;
    private long rows;
    private final List<KeyValues> candidates = new ArrayList<>();

    public SplitPoints(int ranges, long estimatedRows) {
        if (ranges < 1) {
            throw new IllegalArgumentException("ranges " + ranges);
        }
        this.ranges = ranges;
        this.step = Math.max(1, estimatedRows / (ranges * 4L));
    }

    /** The next key, in key order. */
    public void add(KeyValues key) {
        rows++;
        if (rows % step == 0) {
            candidates.add(key);
            if (candidates.size() > ranges * 64) {
                List<KeyValues> kept = new ArrayList<>();
                for (int i = 1; i < candidates.size(); i += 2) {
                    kept.add(candidates.get(i));
                }
                candidates.clear();
                candidates.addAll(kept);
                step *= 2;
            }
        }
    }

    public long rows() {
        return rows;
    }

    /**
     * At most {@code ranges - 1} increasing bounds; range i holds keys in (bound i-1, bound i], the first from
     * the lowest key, the last to the highest. Fewer when the table has fewer rows than ranges.
     */
    public List<KeyValues> bounds() {
        List<KeyValues> bounds = new ArrayList<>();
        int last = -1;
        for (int j = 1; j < ranges; j++) {
            // Candidate c stands for row (c + 1) * step; the bound of range j-1 is near row j * rows / ranges.
            long row = Math.round((double) j * rows / ranges);
            int index = (int) Math.min(candidates.size() - 1, Math.round((double) row / step) - 1);
            if (index > last && index >= 0) {
                bounds.add(candidates.get(index));
                last = index;
            }
        }
        return bounds;
    }
}
