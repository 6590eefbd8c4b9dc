package dev.spillway.connect.jdbc.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

class SplitPointsTest {

    private static KeyValues n(long value) {
        return new KeyValues(List.of(BigDecimal.valueOf(value)));
    }

    /** Rows per range for keys split at the bounds (key <= bound goes to the range of that bound). */
    private static List<Integer> counts(List<KeyValues> keys, List<KeyValues> bounds) {
        List<Integer> counts = new ArrayList<>();
        int range = 0;
        int count = 0;
        for (KeyValues key : keys) {
            while (range < bounds.size() && compare(key, bounds.get(range)) > 0) {
                counts.add(count);
                count = 0;
                range++;
            }
            count++;
        }
        counts.add(count);
        return counts;
    }

    private static int compare(KeyValues a, KeyValues b) {
        for (int i = 0; i < a.values().size(); i++) {
            Object x = a.values().get(i);
            Object y = b.values().get(i);
            int c = x instanceof BigDecimal d ? d.compareTo((BigDecimal) y) : ((String) x).compareTo((String) y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Test
    void skewedKeysSplitIntoEqualRowCounts() {
        // 9 000 keys packed in 1..9000, then 1 000 spread up to 10^12: equal key spans would be useless.
        List<KeyValues> keys = new ArrayList<>();
        for (long i = 1; i <= 9_000; i++) {
            keys.add(n(i));
        }
        for (long i = 1; i <= 1_000; i++) {
            keys.add(n(9_000 + i * 1_000_000_000L));
        }
        SplitPoints points = new SplitPoints(8, 10_000);
        keys.forEach(points::add);
        List<KeyValues> bounds = points.bounds();
        assertThat(bounds).hasSize(7);
        assertThat(counts(keys, bounds)).allSatisfy(c -> assertThat(c).isBetween(1_150, 1_350));
    }

    @Test
    void anEstimateFarTooLowStillGivesEvenRangesInBoundedMemory() {
        List<KeyValues> keys = new ArrayList<>();
        for (long i = 0; i < 100_000; i++) {
            keys.add(n(i * 7));
        }
        SplitPoints points = new SplitPoints(4, 10);
        keys.forEach(points::add);
        assertThat(counts(keys, points.bounds())).allSatisfy(c -> assertThat(c).isBetween(24_000, 26_000));
    }

    @Test
    void compositeAndTextKeys() {
        List<KeyValues> keys = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 2_000; b++) {
                keys.add(new KeyValues(List.of("tenant-" + a, BigDecimal.valueOf(b))));
            }
        }
        SplitPoints points = new SplitPoints(6, 6_000);
        keys.forEach(points::add);
        List<KeyValues> bounds = points.bounds();
        assertThat(bounds).hasSize(5);
        assertThat(counts(keys, bounds)).allSatisfy(c -> assertThat(c).isBetween(950, 1_050));
    }

    @Test
    void fewerRowsThanRangesGiveFewerRanges() {
        SplitPoints points = new SplitPoints(8, 1_000_000);
        for (long i = 0; i < 3; i++) {
            points.add(n(i));
        }
        assertThat(points.bounds()).hasSizeLessThanOrEqualTo(2);
        assertThat(new SplitPoints(8, 100).bounds()).isEmpty();
    }
}
