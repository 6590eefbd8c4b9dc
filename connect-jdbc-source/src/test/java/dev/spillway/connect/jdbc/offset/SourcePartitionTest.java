package dev.spillway.connect.jdbc.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

class SourcePartitionTest {

    @Test
    void tableAndQueryPartitionsKeepTheirShape() {
        assertThat(SourcePartition.table("s.t").toMap()).isEqualTo(Map.of("table", "s.t"));
        assertThat(SourcePartition.query("q").toMap()).isEqualTo(Map.of("query", "q"));
        assertThat(SourcePartition.fromMap(Map.of("table", "s.t"))).isEqualTo(SourcePartition.table("s.t"));
    }

    @Test
    void aRangeIsATableWithItsNumber() {
        SourcePartition range = SourcePartition.range("s.t", 3);
        assertThat(range.toMap()).isEqualTo(Map.of("table", "s.t", "range", "3"));
        assertThat(SourcePartition.fromMap(range.toMap())).isEqualTo(range);
        assertThat(range).isNotEqualTo(SourcePartition.table("s.t"));
        // Offsets are found by the partition's JSON bytes: the key order a worker's JSON to HashMap gives.
        assertThat(List.copyOf(range.toMap().keySet()))
            .isEqualTo(List.copyOf(new HashMap<>(Map.of("table", "s.t", "range", "3")).keySet()));
    }

    @Test
    void refusesWhatIsNoPartition() {
        assertThatThrownBy(() -> SourcePartition.fromMap(Map.of("table", "s.t", "range", "x")))
            .hasMessageContaining("range");
        assertThatThrownBy(() -> SourcePartition.fromMap(Map.of("query", "q", "range", "1")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourcePartition.fromMap(Map.of("table", "s.t", "range", "-1")))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
