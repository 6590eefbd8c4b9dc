package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.jdbc.discovery.DiscoveredTable;
import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.discovery.TableType;
import dev.spillway.connect.jdbc.offset.SourcePartition;
import dev.spillway.connect.jdbc.snapshot.KeyValues;
import dev.spillway.connect.jdbc.snapshot.RangeOffset;
import dev.spillway.connect.jdbc.snapshot.TableSplit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Decisions that need no database: what the stored offsets alone decide, and what waits for a plan. */
class SnapshotCoordinatorTest {

    private static final DiscoveredTable BIG = new DiscoveredTable(new TableId("s", "big"), TableType.TABLE, 50_000);
    private static final DiscoveredTable SMALL = new DiscoveredTable(new TableId("s", "small"), TableType.TABLE, 10);

    private static JdbcSourceConfig config() {
        return new JdbcSourceConfig(Map.of("connection.url", "jdbc:postgresql://127.0.0.1:1/none",
            "mode", "incrementing", "incrementing.column.name", "id", "table.include.list", "s\\..*",
            "snapshot.split.min.rows", "2000", "snapshot.split.max.ranges", "4"));
    }

    private static SnapshotCoordinator coordinator(StoredOffsetsFake offsets, AtomicInteger changes) {
        JdbcSourceConfig config = config();
        return new SnapshotCoordinator("c", config, dev.spillway.connect.jdbc.dialect.Dialect.forUrl(
            config.connectionSettings().url(), config.recordSettings().dbZone()), () -> offsets,
            () -> List.of(BIG, SMALL), 2, new SnapshotCoordinator.Listener() {
                @Override
                public void changed() {
                    changes.incrementAndGet();
                }

                @Override
                public void failed(RuntimeException e) {
                    throw e;
                }
            });
    }

    @Test
    void aTableWithAnOffsetFromBeforeIsReadWholeAndABigOneWaitsForItsPlan() {
        StoredOffsetsFake offsets = new StoredOffsetsFake();
        offsets.stored.put(SourcePartition.table("s.big").toMap(), Map.of("v", 1, "id", "77"));
        AtomicInteger changes = new AtomicInteger();
        SnapshotCoordinator coordinator = coordinator(offsets, changes);
        assertThat(WorkUnit.of(List.of(BIG, SMALL), coordinator)).extracting(WorkUnit::table)
            .containsExactly(SMALL.id());
        coordinator.refresh();
        assertThat(offsets.calls).hasValue(1);
        assertThat(coordinator.decision(BIG.id())).isEmpty();
        assertThat(coordinator.decision(SMALL.id())).isEmpty();
        assertThat(changes).hasValue(1);
        assertThat(WorkUnit.of(List.of(BIG, SMALL), coordinator)).extracting(WorkUnit::table)
            .containsExactlyInAnyOrder(BIG.id(), SMALL.id());
        coordinator.refresh();
        assertThat(changes).as("nothing changed").hasValue(1);
    }

    @Test
    void everyRangeDoneLeavesTheTableWithItsMarkAndNoRanges() {
        StoredOffsetsFake offsets = new StoredOffsetsFake();
        TableSplit plan = TableSplit.plan(BIG.id(), "p1", "900", "incrementing", "id", List.of("id"),
            List.of(KeyValues.Kind.NUMBER), List.of(new KeyValues(List.of(BigDecimal.valueOf(450)))), false);
        plan.ranges().forEach(r -> offsets.stored.put(SourcePartition.range("s.big", r.index()).toMap(),
            new RangeOffset(r, r.hi(), true, 0).toMap()));
        // key.mode=columns: the key is known without asking the database's catalog.
        JdbcSourceConfig config = new JdbcSourceConfig(Map.of("connection.url", "jdbc:postgresql://127.0.0.1:1/none",
            "mode", "incrementing", "incrementing.column.name", "id", "table.include.list", "s\\..*",
            "snapshot.split.min.rows", "2000", "key.mode", "columns", "key.columns", "id"));
        AtomicInteger changes = new AtomicInteger();
        SnapshotCoordinator coordinator = new SnapshotCoordinator("c", config,
            dev.spillway.connect.jdbc.dialect.Dialect.forUrl(config.connectionSettings().url(),
                config.recordSettings().dbZone()), () -> offsets, () -> List.of(BIG), 2,
            new SnapshotCoordinator.Listener() {
                @Override
                public void changed() {
                    changes.incrementAndGet();
                }

                @Override
                public void failed(RuntimeException e) {
                    throw e;
                }
            });
        coordinator.refresh();
        assertThat(coordinator.decision(BIG.id())).hasValueSatisfying(split -> {
            assertThat(split.ranges()).isEmpty();
            assertThat(split.w()).isEqualTo("900");
        });
        List<WorkUnit> units = WorkUnit.of(List.of(BIG), coordinator);
        assertThat(units).singleElement().satisfies(u -> {
            assertThat(u.range()).isNull();
            assertThat(u.split().w()).isEqualTo("900");
        });
    }
}
