package dev.spillway.connect.jdbc.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.jdbc.dialect.GenericDialect;
import dev.spillway.connect.jdbc.dialect.MariaDbDialect;
import dev.spillway.connect.jdbc.dialect.PostgresDialect;
import dev.spillway.connect.jdbc.discovery.TableId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

class QueryBuilderTest {

    private static final LocalDateTime T1 = LocalDateTime.of(2026, 12, 1, 10, 0, 0, 123_456_000);
    private static final LocalDateTime T2 = LocalDateTime.of(2026, 12, 1, 11, 0);

    @Test
    void quotesEveryIdentifierAndBindsEveryValue() {
        QueryBuilder pg = QueryBuilder.forTable(new PostgresDialect(), new TableId("we\"ird", "t\"; DROP TABLE x; --"));
        BoundQuery query = pg.incrementing("i\"d", BigDecimal.TEN, BigDecimal.valueOf(20), 100);
        assertThat(query.sql()).isEqualTo("SELECT * FROM \"we\"\"ird\".\"t\"\"; DROP TABLE x; --\""
            + " WHERE \"i\"\"d\" > ? AND \"i\"\"d\" <= ? ORDER BY \"i\"\"d\" LIMIT 100");
        assertThat(query.parameters()).containsExactly(BigDecimal.TEN, BigDecimal.valueOf(20));
    }

    @Test
    void mariaDbQuotesWithBackticks() {
        QueryBuilder maria = QueryBuilder.forTable(new MariaDbDialect(ZoneOffset.UTC), new TableId("shop", "or`ders"));
        assertThat(maria.bulk().sql()).isEqualTo("SELECT * FROM `shop`.`or``ders`");
    }

    @Test
    void firstIncrementingQueryHasOnlyTheUpperBound() {
        BoundQuery query = QueryBuilder.forTable(new PostgresDialect(), new TableId("public", "t"))
            .incrementing("id", null, BigDecimal.ONE, 5);
        assertThat(query.sql()).isEqualTo("SELECT * FROM \"public\".\"t\" WHERE \"id\" <= ? ORDER BY \"id\" LIMIT 5");
        assertThat(query.parameters()).containsExactly(BigDecimal.ONE);
    }

    @Test
    void timestampIncrementingResumesAfterThePair() {
        BoundQuery query = QueryBuilder.forTable(new PostgresDialect(), new TableId("public", "t"))
            .timestampIncrementing(List.of("updated"), "id", T1, BigDecimal.valueOf(7), T2, 10);
        assertThat(query.sql()).isEqualTo("SELECT * FROM \"public\".\"t\" WHERE (\"updated\" > ? OR (\"updated\" = ?"
            + " AND \"id\" > ?)) AND \"updated\" < ? ORDER BY \"updated\", \"id\" LIMIT 10");
        assertThat(query.parameters()).containsExactly(T1, T1, BigDecimal.valueOf(7), T2);
    }

    @Test
    void severalTimestampColumnsCoalesceInOrder() {
        BoundQuery query = QueryBuilder.forTable(new PostgresDialect(), new TableId("public", "t"))
            .timestamp(List.of("updated", "created"), T1, T2, 11);
        assertThat(query.sql()).isEqualTo("SELECT * FROM \"public\".\"t\" WHERE COALESCE(\"updated\", \"created\") > ?"
            + " AND COALESCE(\"updated\", \"created\") < ? ORDER BY COALESCE(\"updated\", \"created\") LIMIT 11");
        assertThat(query.parameters()).containsExactly(T1, T2);
    }

    @Test
    void customQueryWithItsOwnWhereIsWrappedAsADerivedTable() {
        QueryBuilder builder = QueryBuilder.forQuery(new PostgresDialect(),
            "SELECT o.* FROM orders o WHERE o.status <> 'draft' OR o.id < 3 ;; ");
        BoundQuery query = builder.timestamp(List.of("updated"), null, T2, 50);
        assertThat(query.sql()).isEqualTo("SELECT * FROM (SELECT o.* FROM orders o WHERE o.status <> 'draft'"
            + " OR o.id < 3) spillway_src WHERE \"updated\" < ? ORDER BY \"updated\" LIMIT 50");
    }

    @Test
    void genericDialectUsesFetchFirst() {
        BoundQuery query = QueryBuilder.forTable(new GenericDialect(), new TableId(null, "t"))
            .incrementing("id", BigDecimal.ONE, BigDecimal.TEN, 3);
        assertThat(query.sql()).endsWith("ORDER BY \"id\" FETCH FIRST 3 ROWS ONLY");
    }

    @Test
    void probeReturnsNoRows() {
        assertThat(QueryBuilder.forTable(new PostgresDialect(), new TableId("s", "t")).probe().sql())
            .isEqualTo("SELECT * FROM \"s\".\"t\" WHERE 1 = 0");
    }

    @Test
    void aCompositeRangeIsARowValueOnPostgresAndWrittenOutElsewhere() {
        TableId table = new TableId("s", "t");
        List<Object> after = List.of("x", BigDecimal.ONE);
        List<Object> hi = List.of("y", BigDecimal.TEN);
        BoundQuery pg = QueryBuilder.forTable(new PostgresDialect(), table).range(List.of("a", "b"), after, hi,
            QueryBuilder.Filter.id("id", BigDecimal.valueOf(99)), 500);
        assertThat(pg.sql()).isEqualTo("SELECT * FROM \"s\".\"t\" WHERE (\"a\", \"b\") > (?, ?)"
            + " AND (\"a\", \"b\") <= (?, ?) AND \"id\" <= ? ORDER BY \"a\", \"b\" LIMIT 500");
        assertThat(pg.parameters()).containsExactly("x", BigDecimal.ONE, "y", BigDecimal.TEN, BigDecimal.valueOf(99));
        BoundQuery maria = QueryBuilder.forTable(new MariaDbDialect(ZoneOffset.UTC), table).range(List.of("a", "b"), after, null,
            QueryBuilder.Filter.timestamp(List.of("u"), T2), 500);
        assertThat(maria.sql()).isEqualTo("SELECT * FROM `s`.`t` WHERE (`a` >= ? AND (`a` > ? OR (`a` = ? AND"
            + " `b` > ?))) AND `u` < ? ORDER BY `a`, `b` LIMIT 500");
        assertThat(maria.parameters()).containsExactly("x", "x", "x", BigDecimal.ONE, T2);
        BoundQuery upTo = QueryBuilder.forTable(new MariaDbDialect(ZoneOffset.UTC), table).range(List.of("a", "b", "c"), null,
            List.of(1, 2, 3), null, 10);
        assertThat(upTo.sql()).contains("WHERE (`a` <= ? AND (`a` < ? OR (`a` = ? AND (`b` < ? OR (`b` = ? AND"
            + " `c` <= ?)))))");
        assertThat(upTo.parameters()).containsExactly(1, 1, 1, 2, 2, 3);
    }

    @Test
    void aSingleKeyRangeAndTheKeyStream() {
        QueryBuilder pg = QueryBuilder.forTable(new PostgresDialect(), new TableId("s", "t"));
        assertThat(pg.range(List.of("id"), List.of(5), List.of(9), null, 10).sql())
            .isEqualTo("SELECT * FROM \"s\".\"t\" WHERE \"id\" > ? AND \"id\" <= ? ORDER BY \"id\" LIMIT 10");
        assertThat(pg.range(List.of("id"), null, null, null, 10).sql())
            .isEqualTo("SELECT * FROM \"s\".\"t\" ORDER BY \"id\" LIMIT 10");
        assertThat(pg.keys(List.of("a", "b")).sql()).isEqualTo("SELECT \"a\", \"b\" FROM \"s\".\"t\" ORDER BY \"a\", \"b\"");
    }

    @Test
    void aSplitTableStartsAtItsMarkInclusive() {
        QueryBuilder pg = QueryBuilder.forTable(new PostgresDialect(), new TableId("s", "t"));
        assertThat(pg.timestamp(List.of("u"), T1, true, T2, 10).sql()).contains("\"u\" >= ? AND \"u\" < ?");
        assertThat(pg.timestampIncrementing(List.of("u"), "id", T1, null, true, T2, 10).sql())
            .contains("\"u\" >= ? AND \"u\" < ?");
    }
}
