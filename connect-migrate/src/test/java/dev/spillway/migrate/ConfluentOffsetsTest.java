package dev.spillway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.jdbc.offset.SourceOffset;
import dev.spillway.connect.jdbc.offset.SourcePartition;
import dev.spillway.migrate.ConfluentOffsets.Context;
import dev.spillway.migrate.ConfluentOffsets.Entry;
import dev.spillway.migrate.ConfluentOffsets.TimestampColumn;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

class ConfluentOffsetsTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private static Context pg(String mode, TimestampColumn column) {
        return new Context(mode, SourceDatabase.POSTGRES, "public", null, UTC, column);
    }

    private static Context maria(String mode) {
        return new Context(mode, SourceDatabase.MARIADB, "shop", null, UTC, TimestampColumn.LOCAL);
    }

    @Test
    void protocol1TableNamesLoseTheirCatalog() {
        assertThat(ConfluentOffsets.partition(Map.of("protocol", "1", "table", "test.public.orders"),
            pg("incrementing", null))).isEqualTo(SourcePartition.table("public.orders"));
        assertThat(ConfluentOffsets.partition(Map.of("protocol", "1", "table", "shop.orders"), maria("incrementing")))
            .isEqualTo(SourcePartition.table("shop.orders"));
    }

    @Test
    void protocol0TableNamesGetTheSchemaAndAQueryPartitionTheQueryTopic() {
        assertThat(ConfluentOffsets.partition(Map.of("table", "orders"), pg("incrementing", null)))
            .isEqualTo(SourcePartition.table("public.orders"));
        Context query = new Context("incrementing", SourceDatabase.POSTGRES, null, "orders-topic", UTC, null);
        assertThat(ConfluentOffsets.partition(Map.of("query", "query"), query))
            .isEqualTo(SourcePartition.query("orders-topic"));
        Context noSchema = new Context("incrementing", SourceDatabase.POSTGRES, null, null, UTC, null);
        assertThatThrownBy(() -> ConfluentOffsets.partition(Map.of("table", "orders"), noSchema))
            .isInstanceOf(MigrationRefused.class).hasMessageContaining("--schema");
    }

    @Test
    void aTableNameWithADotOrAnUnknownProtocolIsRefused() {
        assertThatThrownBy(() -> ConfluentOffsets.partition(Map.of("protocol", "1", "table", "test.public.a.b"),
            pg("incrementing", null))).isInstanceOf(MigrationRefused.class).hasMessageContaining("a.b");
        assertThatThrownBy(() -> ConfluentOffsets.partition(Map.of("protocol", "2", "table", "x.y.z"),
            pg("incrementing", null))).isInstanceOf(MigrationRefused.class).hasMessageContaining("protocol 2");
        assertThatThrownBy(() -> ConfluentOffsets.partition(null, pg("incrementing", null)))
            .isInstanceOf(MigrationRefused.class).hasMessageContaining("without a partition");
        assertThatThrownBy(() -> ConfluentOffsets.partition(Map.of("foo", "bar"), pg("incrementing", null)))
            .isInstanceOf(MigrationRefused.class).hasMessageContaining("not a Confluent");
    }

    @Test
    void incrementingCarriesTheLastIdOver() {
        SourceOffset offset = ConfluentOffsets.offset(Map.of("incrementing", 41L), pg("incrementing", null),
            SourcePartition.table("public.orders"));
        assertThat(offset).isEqualTo(new SourceOffset(null, new BigDecimal(41), 0));
        assertThatThrownBy(() -> ConfluentOffsets.offset(Map.of("timestamp", 1L), pg("incrementing", null),
            SourcePartition.table("public.orders"))).isInstanceOf(MigrationRefused.class)
            .hasMessageContaining("no 'incrementing'");
    }

    @Test
    void timestampAndIdKeepEveryNanosecondAsALocalTimeInDbTimezoneOrAnInstant() {
        // 2026-12-01T10:15:30.123456789Z: Confluent stores the milliseconds and the nanos of that second.
        Map<String, Object> stored = Map.of("timestamp", 1_796_120_130_123L, "timestamp_nanos", 123_456_789,
            "incrementing", 7L);
        SourcePartition p = SourcePartition.table("public.orders");
        assertThat(ConfluentOffsets.offset(stored, pg("timestamp+incrementing", TimestampColumn.LOCAL), p))
            .isEqualTo(new SourceOffset("2026-12-01T10:15:30.123456789", new BigDecimal(7), 0));
        assertThat(ConfluentOffsets.offset(stored, pg("timestamp+incrementing", TimestampColumn.ZONED), p))
            .isEqualTo(new SourceOffset("2026-12-01T10:15:30.123456789Z", new BigDecimal(7), 0));
        Context berlin = new Context("timestamp+incrementing", SourceDatabase.POSTGRES, "public", null,
            ZoneId.of("Europe/Berlin"), TimestampColumn.LOCAL);
        assertThat(ConfluentOffsets.offset(stored, berlin, p).timestamp()).isEqualTo("2026-12-01T11:15:30.123456789");
    }

    @Test
    void withoutNanosTheMillisecondsAreThePositionAndBeforeTheEpochStillRoundsDown() {
        SourcePartition p = SourcePartition.table("shop.orders");
        assertThat(ConfluentOffsets.offset(Map.of("timestamp", -1L, "incrementing", 1L),
            maria("timestamp+incrementing"), p).timestamp()).isEqualTo("1969-12-31T23:59:59.999");
        assertThatThrownBy(() -> ConfluentOffsets.offset(Map.of("timestamp", 1L, "timestamp_nanos", -5,
            "incrementing", 1L), maria("timestamp+incrementing"), p)).isInstanceOf(MigrationRefused.class)
            .hasMessageContaining("timestamp_nanos");
    }

    @Test
    void timestampOffsetsOnPostgresNeedTheColumnKind() {
        assertThatThrownBy(() -> ConfluentOffsets.offset(Map.of("timestamp", 1L, "incrementing", 1L),
            pg("timestamp+incrementing", null), SourcePartition.table("public.t")))
            .isInstanceOf(MigrationRefused.class).hasMessageContaining("--timestamp-column");
    }

    @Test
    void timestampOnlyModeIsRefusedAndBulkHasNothingToCarry() {
        assertThatThrownBy(() -> ConfluentOffsets.translate(List.of(new Entry(Map.of("protocol", "1", "table",
            "test.public.t"), Map.of("timestamp", 1L))), pg("timestamp", TimestampColumn.LOCAL)))
            .isInstanceOf(MigrationRefused.class).hasMessageContaining("mode=timestamp cannot be carried over");
        assertThat(ConfluentOffsets.translate(List.of(new Entry(Map.of("protocol", "1", "table", "test.public.t"),
            Map.of())), pg("bulk", null))).isEmpty();
    }

    @Test
    void protocol1WinsOverProtocol0OfTheSameTableAndResetsAreSkipped() {
        List<Entry> entries = List.of(
            new Entry(Map.of("protocol", "1", "table", "test.public.t"), Map.of("incrementing", 9L)),
            new Entry(Map.of("table", "t"), Map.of("incrementing", 3L)),
            new Entry(Map.of("protocol", "1", "table", "test.public.gone"), null),
            new Entry(Map.of("table", "u"), Map.of("incrementing", 5L)));
        Map<SourcePartition, SourceOffset> result = ConfluentOffsets.translate(entries, pg("incrementing", null));
        assertThat(result).containsOnlyKeys(SourcePartition.table("public.t"), SourcePartition.table("public.u"));
        assertThat(result.get(SourcePartition.table("public.t")).id()).isEqualByComparingTo("9");
    }
}
