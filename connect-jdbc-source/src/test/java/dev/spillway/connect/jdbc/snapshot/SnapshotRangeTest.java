package dev.spillway.connect.jdbc.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.jdbc.discovery.TableId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

class SnapshotRangeTest {

    private static final List<KeyValues.Kind> KINDS = List.of(KeyValues.Kind.TEXT, KeyValues.Kind.NUMBER);

    private static SnapshotRange range() {
        return new SnapshotRange(new TableId("s,1", "t&x"), "p1", 2, 5,
            new KeyValues(List.of("a,b=c&d%", new BigDecimal("12345678901234567890.5"))),
            new KeyValues(List.of("zé", BigDecimal.ONE)), "2026-12-01T10:15:30.123456", "timestamp", "updated_at",
            List.of("te,nant", "id"), KINDS);
    }

    @Test
    void survivesTheTaskConfigList() {
        SnapshotRange range = range();
        String encoded = range.encode();
        assertThat(encoded).doesNotContain(",");
        assertThat(SnapshotRange.decode(encoded)).isEqualTo(range);
    }

    @Test
    void offsetsHoldOnlyPrimitivesAndReadBack() {
        RangeOffset offset = new RangeOffset(range(), new KeyValues(List.of("m", BigDecimal.TEN)), false, 0);
        Map<String, Object> map = offset.toMap();
        assertThat(map.values()).allSatisfy(v -> assertThat(v).isInstanceOfAny(String.class, Number.class,
            Boolean.class));
        assertThat(map).containsEntry("v", 2).containsEntry("plan", "p1").containsEntry("mode", "timestamp")
            .doesNotContainKey("done");
        RangeOffset back = RangeOffset.fromMap(range().table(), 2, map);
        assertThat(back).isEqualTo(offset);
        RangeOffset done = new RangeOffset(range(), null, true, 0);
        assertThat(RangeOffset.fromMap(range().table(), 2, done.toMap()).done()).isTrue();
    }

    @Test
    void openBoundsAndBulkCounters() {
        SnapshotRange open = new SnapshotRange(new TableId(null, "t"), "p", 0, 1, null, null, null, "bulk", "",
            List.of("id"), List.of(KeyValues.Kind.NUMBER));
        RangeOffset pass = new RangeOffset(open, null, false, 7);
        assertThat(pass.toMap()).doesNotContainKeys("lo", "hi", "w", "pos");
        assertThat(RangeOffset.fromMap(open.table(), 0, pass.toMap())).isEqualTo(pass);
    }

    @Test
    void refusesOtherVersionsAndBrokenKeys() {
        Map<String, Object> map = new java.util.HashMap<>(RangeOffset.start(range()).toMap());
        map.put("v", 1);
        assertThatThrownBy(() -> RangeOffset.fromMap(range().table(), 2, map)).hasMessageContaining("version 1");
        assertThatThrownBy(() -> KeyValues.decode("a", KINDS)).hasMessageContaining("value(s)");
        assertThatThrownBy(() -> KeyValues.decode("a,b", KINDS)).hasMessageContaining("not a number");
    }
}
