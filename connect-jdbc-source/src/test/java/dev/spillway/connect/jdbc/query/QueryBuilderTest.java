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
}
