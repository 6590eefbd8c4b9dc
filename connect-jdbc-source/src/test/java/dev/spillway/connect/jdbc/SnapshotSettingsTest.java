package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

class SnapshotSettingsTest {

    private static SnapshotSettings settings(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of("connection.url", "jdbc:postgresql://127.0.0.1/test",
            "mode", "bulk", "table.include.list", "s\\\\.t"));
        props.putAll(extra);
        return new JdbcSourceConfig(props).snapshotSettings();
    }

    @Test
    void defaultsSplitAboveAMillionRowsIntoAtMost32Ranges() {
        SnapshotSettings defaults = settings(Map.of());
        assertThat(defaults.splits(1_000_000)).isFalse();
        assertThat(defaults.splits(1_000_001)).isTrue();
        assertThat(defaults.ranges(1_000_001, 1)).isEqualTo(4);
        assertThat(defaults.ranges(5_000_000, 3)).isEqualTo(12);
        assertThat(defaults.ranges(100_000_000, 2)).isEqualTo(32);
    }

    @Test
    void zeroNeverSplitsAndTheRangeCountIsBounded() {
        assertThat(settings(Map.of("snapshot.split.min.rows", "0")).splits(Long.MAX_VALUE)).isFalse();
        assertThat(settings(Map.of("snapshot.split.min.rows", "2000", "snapshot.split.max.ranges", "6"))
            .ranges(20_000, 3)).isEqualTo(6);
        assertThatThrownBy(() -> settings(Map.of("snapshot.split.max.ranges", "1")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("snapshot.split.max.ranges");
    }
}
