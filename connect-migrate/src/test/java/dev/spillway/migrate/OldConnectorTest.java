package dev.spillway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.jdbc.offset.SourcePartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class OldConnectorTest {

    private static final List<SourcePartition> TABLES = OldConnector.listedTables("orders, sales.items", "public");
    private static final SourcePartition ORDERS = SourcePartition.table("public.orders");

    @Test
    void knowsBothClassesAndListsThemWhenRefusingAnother() {
        assertThat(OldConnector.of("io.aiven.connect.jdbc.JdbcSourceConnector")).isEqualTo(OldConnector.AIVEN);
        assertThat(OldConnector.of("io.confluent.connect.jdbc.JdbcSourceConnector"))
            .isEqualTo(OldConnector.CONFLUENT);
        assertThatThrownBy(() -> OldConnector.of(null)).isInstanceOf(MigrationRefused.class)
            .hasMessageContaining("io.aiven.connect.jdbc.JdbcSourceConnector");
    }

    @Test
    void listsWhitelistedTablesWithTheirSchema() {
        assertThat(TABLES).containsExactly(ORDERS, SourcePartition.table("sales.items"));
    }

    @Test
    void refusesATableWithoutOffsetThatAivenWouldStartAfterAnInitialValue() {
        Map<String, String> config = Map.of("mode", "incrementing", "incrementing.initial", "1000");
        assertThatThrownBy(() -> OldConnector.AIVEN.checkStartOfTablesWithoutOffset(config, TABLES, List.of(ORDERS)))
            .isInstanceOf(MigrationRefused.class)
            .hasMessageContaining("incrementing.initial=1000 cannot be carried over exactly")
            .hasMessageContaining("sales.items");
        // Every table has its offset: the initial value no longer matters.
        assertThatCode(() -> OldConnector.AIVEN.checkStartOfTablesWithoutOffset(config, TABLES, TABLES))
            .doesNotThrowAnyException();
        Map<String, String> timestamps = Map.of("mode", "timestamp+incrementing", "timestamp.initial.ms", "5");
        assertThatThrownBy(() -> OldConnector.AIVEN.checkStartOfTablesWithoutOffset(timestamps, TABLES, List.of()))
            .hasMessageContaining("timestamp.initial.ms=5");
    }

    @Test
    void defaultsOtherModesAndConfluentAreLeftAlone() {
        for (Map<String, String> config : List.of(Map.of("mode", "incrementing", "incrementing.initial", "-1"),
            Map.of("mode", "incrementing", "timestamp.initial.ms", "99"),
            Map.of("mode", "timestamp+incrementing", "timestamp.initial.ms", " 0"))) {
            assertThatCode(() -> OldConnector.AIVEN.checkStartOfTablesWithoutOffset(config, TABLES, List.of()))
                .doesNotThrowAnyException();
        }
        assertThatCode(() -> OldConnector.CONFLUENT.checkStartOfTablesWithoutOffset(
            Map.of("mode", "incrementing", "incrementing.initial", "1000"), TABLES, List.of()))
            .doesNotThrowAnyException();
    }
}
