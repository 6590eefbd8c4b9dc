package dev.spillway.connect.jdbc.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

class DiscoveryTest {

    private static DiscoveredTable table(String schema, String name, long rows) {
        return new DiscoveredTable(new TableId(schema, name), TableType.TABLE, rows);
    }

    @Test
    void tableIdsSurviveTheTaskConfigList() {
        TableId weird = new TableId("s.c,h%", "t,a.b%2E");
        assertThat(TableId.decode(weird.encode())).isEqualTo(weird);
        assertThat(weird.encode()).doesNotContain(",");
        assertThat(TableId.decode(new TableId(null, "t").encode())).isEqualTo(new TableId(null, "t"));
    }

    @Test
    void includeAndExcludeMatchTheWholeQualifiedName() {
        TableFilter filter = new TableFilter(List.of(Pattern.compile("public\\..*")),
            List.of(Pattern.compile("public\\.tmp_.*")), Set.of(TableType.TABLE));
        List<DiscoveredTable> selected = filter.select(List.of(table("public", "orders", 1),
            table("public", "tmp_x", 1), table("other", "orders", 1), table("xpublic", "a", 1),
            new DiscoveredTable(new TableId("public", "v"), TableType.VIEW, 0)));
        assertThat(selected).extracting(t -> t.id().qualified()).containsExactly("public.orders");
    }

    @Test
    void injectionLookingEntriesMatchNothing() {
        TableFilter filter = new TableFilter(List.of(Pattern.compile(Pattern.quote("orders; DROP TABLE users"))),
            List.of(), Set.of(TableType.TABLE));
        assertThat(filter.select(List.of(table("public", "orders", 1)))).isEmpty();
    }

    @Test
    void balancesByRowsNotByTableCount() {
        List<DiscoveredTable> tables = List.of(table("s", "big", 1_000_000), table("s", "a", 10),
            table("s", "b", 10), table("s", "c", 10), table("s", "d", 10), table("s", "mid", 600_000),
            table("s", "mid2", 500_000));
        List<List<TableId>> tasks = TaskAssignment.assign(tables, 2);
        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(0)).contains(new TableId("s", "big"));
        assertThat(tasks.get(1)).contains(new TableId("s", "mid"), new TableId("s", "mid2"));
        assertThat(tasks.stream().mapToInt(List::size).sum()).isEqualTo(7);
    }

    @Test
    void neverMoreTasksThanTablesAndEmptyTablesSpread() {
        List<DiscoveredTable> tables = List.of(table("s", "a", 0), table("s", "b", 0), table("s", "c", 0));
        List<List<TableId>> tasks = TaskAssignment.assign(tables, 8);
        assertThat(tasks).hasSize(3).allSatisfy(t -> assertThat(t).hasSize(1));
    }
}
