package dev.spillway.connect.rest.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.rest.pagination.PagePosition;
import dev.spillway.connect.rest.pagination.PageState;
import org.junit.jupiter.api.Test;

import java.util.Map;

class SourceOffsetTest {

    @Test
    void roundTripsThroughAFlatMap() {
        SourceOffset offset = new SourceOffset("cursor", new PagePosition(PageState.of("cursor", "c42"), 17));
        Map<String, Object> map = offset.toMap();
        assertThat(map).containsExactly(Map.entry("v", 1), Map.entry("pagination", "cursor"),
            Map.entry("cursor", "c42"), Map.entry("skip", 17L));
        assertThat(SourceOffset.fromMap(map)).isEqualTo(offset);
    }

    @Test
    void numbersComeBackAsLongsWhateverTheStoreMadeOfThem() {
        // JsonConverter reads small numbers back as Integer.
        SourceOffset read = SourceOffset.fromMap(Map.of("v", 1, "pagination", "page-number", "page", 3, "skip", 0));
        assertThat(read.position().state()).isEqualTo(PageState.of("page", 3L));
        assertThat(read.position().skip()).isZero();
    }

    @Test
    void anEmptyStateIsTheFirstPage() {
        SourceOffset offset = new SourceOffset("none", PagePosition.start(PageState.empty()));
        assertThat(SourceOffset.fromMap(offset.toMap())).isEqualTo(offset);
    }

    @Test
    void rejectsOtherVersionsAndBrokenMaps() {
        assertThatThrownBy(() -> SourceOffset.fromMap(Map.of("v", 2, "pagination", "cursor", "skip", 0L)))
            .hasMessageContaining("version 2");
        assertThatThrownBy(() -> SourceOffset.fromMap(Map.of("pagination", "cursor", "skip", 0L)))
            .hasMessageContaining("version");
        assertThatThrownBy(() -> SourceOffset.fromMap(Map.of("v", 1, "skip", 0L)))
            .hasMessageContaining("pagination");
        assertThatThrownBy(() -> SourceOffset.fromMap(Map.of("v", 1, "pagination", "cursor", "skip", -1L)))
            .hasMessageContaining("skip");
        assertThatThrownBy(() -> SourceOffset.fromMap(Map.of("v", 1, "pagination", "cursor", "skip", 0L,
            "cursor", 1.5))).hasMessageContaining("cursor");
    }

    @Test
    void partitions() {
        assertThat(SourcePartition.fromMap(new SourcePartition("orders").toMap())).isEqualTo(new SourcePartition("orders"));
        assertThatThrownBy(() -> SourcePartition.fromMap(Map.of("table", "x"))).hasMessageContaining("endpoint");
    }
}
