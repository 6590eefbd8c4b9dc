package dev.spillway.connect.jdbc.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

class SourceOffsetTest {

    @Test
    void roundTripsFullPrecisionTimestampAndIdsBeyondLong() {
        SourceOffset offset = new SourceOffset("2026-12-01T10:15:30.123456789", new BigDecimal("18446744073709551615"), 0);
        Map<String, Object> map = offset.toMap();
        assertThat(map).containsEntry("v", 1).containsEntry("ts", "2026-12-01T10:15:30.123456789")
            .containsEntry("id", "18446744073709551615").doesNotContainKey("snapshot");
        assertThat(SourceOffset.fromMap(map)).isEqualTo(offset);
    }

    @Test
    void nothingStoredIsNone() {
        assertThat(SourceOffset.fromMap(null)).isSameAs(SourceOffset.NONE);
    }

    @Test
    void rejectsUnknownVersionsAndBadValues() {
        assertThatThrownBy(() -> SourceOffset.fromMap(Map.of("v", 3))).hasMessageContaining("version 3");
        assertThatThrownBy(() -> SourceOffset.fromMap(Map.of("ts", "x"))).hasMessageContaining("version");
        assertThatThrownBy(() -> SourceOffset.fromMap(Map.of("v", 1, "id", "ten"))).hasMessageContaining("'id'");
    }

    @Test
    void snapshotCounterSurvives() {
        SourceOffset offset = SourceOffset.NONE.withSnapshot(3);
        assertThat(SourceOffset.fromMap(offset.toMap()).snapshot()).isEqualTo(3);
    }

    @Test
    void partitionsAreTablesOrTheQuery() {
        assertThat(SourcePartition.table("public.t").toMap()).isEqualTo(Map.of("table", "public.t"));
        assertThat(SourcePartition.fromMap(Map.of("query", "q"))).isEqualTo(SourcePartition.query("q"));
        assertThatThrownBy(() -> SourcePartition.fromMap(Map.of("endpoint", "x")))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSplitMarkerIsVersionTwoAndPlainOffsetsStayVersionOne() {
        SourceOffset start = SourceOffset.splitStart("p1", "41");
        Map<String, Object> map = start.withId(new BigDecimal("42")).toMap();
        assertThat(map).containsEntry("v", 2).containsEntry("plan", "p1").containsEntry("w", "41")
            .containsEntry("id", "42");
        SourceOffset back = SourceOffset.fromMap(map);
        assertThat(back.isSplit()).isTrue();
        assertThat(back.w()).isEqualTo("41");
        assertThat(back.id()).isEqualByComparingTo("42");
        assertThat(new SourceOffset(null, BigDecimal.ONE, 0).toMap()).containsEntry("v", 1);
        assertThat(SourceOffset.fromMap(Map.of("v", 1, "id", "5")).isSplit()).isFalse();
    }
}
