package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.common.config.ConfigChoice;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceTask.TransactionBoundary;
import org.junit.jupiter.api.Test;

class ModeTest {

    @Test
    void configValuesAreTheDocumentedOnesInOrder() {
        assertThat(ConfigChoice.values(Mode.class))
            .containsExactly("bulk", "incrementing", "timestamp", "timestamp+incrementing");
        assertThat(ConfigChoice.parse(Mode.class, "mode", "timestamp+incrementing"))
            .isEqualTo(Mode.TIMESTAMP_INCREMENTING);
    }

    @Test
    void eachModeRequiresItsColumnKeys() {
        assertThat(Mode.BULK.requiredKeys()).isEmpty();
        assertThat(Mode.INCREMENTING.requiredKeys()).containsExactly("incrementing.column.name");
        assertThat(Mode.TIMESTAMP.requiredKeys()).containsExactly("timestamp.column.name");
        assertThat(Mode.TIMESTAMP_INCREMENTING.requiredKeys())
            .containsExactly("incrementing.column.name", "timestamp.column.name");
        assertThat(Mode.TIMESTAMP_INCREMENTING.usesIncrementing()).isTrue();
        assertThat(Mode.TIMESTAMP_INCREMENTING.usesTimestamp()).isTrue();
        assertThat(Mode.INCREMENTING.usesTimestamp()).isFalse();
        assertThat(Mode.TIMESTAMP.usesIncrementing()).isFalse();
    }

    @Test
    void keysAreReadOnlyByTheModesThatUseThem() {
        assertThat(Mode.reading("incrementing.column.name")).containsExactly(Mode.INCREMENTING,
            Mode.TIMESTAMP_INCREMENTING);
        assertThat(Mode.reading("incrementing.initial")).containsExactly(Mode.INCREMENTING);
        assertThat(Mode.reading("timestamp.initial")).containsExactly(Mode.TIMESTAMP, Mode.TIMESTAMP_INCREMENTING);
        assertThat(Mode.reading("horizon.mode")).containsExactly(Mode.INCREMENTING, Mode.TIMESTAMP,
            Mode.TIMESTAMP_INCREMENTING);
    }

    @Test
    void exactlyOnceDependsOnModeAndBoundary() {
        for (TransactionBoundary boundary : TransactionBoundary.values()) {
            assertThat(Mode.INCREMENTING.exactlyOnce(boundary)).isEqualTo(ExactlyOnceSupport.SUPPORTED);
            assertThat(Mode.TIMESTAMP_INCREMENTING.exactlyOnce(boundary)).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        }
        assertThat(Mode.BULK.exactlyOnce(TransactionBoundary.POLL)).isEqualTo(ExactlyOnceSupport.UNSUPPORTED);
        assertThat(Mode.BULK.exactlyOnce(TransactionBoundary.CONNECTOR)).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        assertThat(Mode.TIMESTAMP.exactlyOnce(TransactionBoundary.POLL)).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        assertThat(Mode.TIMESTAMP.exactlyOnce(TransactionBoundary.INTERVAL)).isEqualTo(ExactlyOnceSupport.UNSUPPORTED);
    }

    @Test
    void keyModeSaysWhichColumnsKeyATableAndTheQuery() {
        assertThat(KeyMode.PK.tableKey(java.util.List.of("a"))).isNull();
        assertThat(KeyMode.COLUMNS.tableKey(java.util.List.of("a"))).containsExactly("a");
        assertThat(KeyMode.NONE.tableKey(java.util.List.of("a"))).isEmpty();
        assertThat(KeyMode.COLUMNS.queryKey(java.util.List.of("a"))).containsExactly("a");
        assertThat(KeyMode.PK.queryKey(java.util.List.of("a"))).isEmpty();
    }
}
