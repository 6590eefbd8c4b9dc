package dev.spillway.connect.jdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

class SchemaNamesTest {

    private static final Pattern AVRO_FULL_NAME =
        Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    /** Names a user may give tables, schemas or query topics. */
    private static final List<String> AWKWARD = List.of("order-lines", "order lines", "order.lines", "order_lines",
        "1st_table", "123", "", " ", "-", "_", "grüße", "日本", "🚀", "Robert'); DROP TABLE students;--",
        "a\"b", "a`b", "int", "string", "Int", "x_1a2b3c4d", "ORDER", "order");

    @Test
    void ordinaryNamesAreKept() {
        assertThat(SchemaNames.forTable("public", "orders").valueName()).isEqualTo("public.orders");
        assertThat(SchemaNames.forTable("public", "orders").keyName()).isEqualTo("public.orders.Key");
        assertThat(SchemaNames.forTable(null, "Orders_2").valueName()).isEqualTo("Orders_2");
        assertThat(SchemaNames.forQueryTopic("reports.daily_totals").valueName()).isEqualTo("reports.daily_totals");
    }

    @Test
    void awkwardNamesBecomeLegalAvroFullNames() {
        for (String schema : AWKWARD) {
            for (String table : AWKWARD) {
                SchemaNames names = SchemaNames.forTable(schema, table);
                assertThat(names.valueName()).as(schema + " / " + table).matches(AVRO_FULL_NAME);
                assertThat(names.keyName()).as(schema + " / " + table).matches(AVRO_FULL_NAME);
            }
            assertThat(SchemaNames.forQueryTopic(schema).valueName()).as(schema).matches(AVRO_FULL_NAME);
        }
        assertThat(SchemaNames.forQueryTopic("a..b").valueName()).matches(AVRO_FULL_NAME);
    }

    @Test
    void rewrittenSegmentsAreReadableAndMarkedWithAHash() {
        assertThat(SchemaNames.segment("order-lines")).matches("order_lines_[0-9a-f]{8}");
        assertThat(SchemaNames.segment("1st")).matches("_1st_[0-9a-f]{8}");
        assertThat(SchemaNames.segment("int")).matches("int_[0-9a-f]{8}");
        assertThat(SchemaNames.segment("")).matches("__[0-9a-f]{8}");
        // One replacement character per code point, not per UTF-16 unit.
        assertThat(SchemaNames.segment("a🚀")).matches("a__[0-9a-f]{8}");
    }

    @Test
    void theSameTableAlwaysGetsTheSameName() {
        assertThat(SchemaNames.forTable("my-db", "Order Lines"))
            .isEqualTo(SchemaNames.forTable("my-db", "Order Lines"));
        assertThat(SchemaNames.forTable("my-db", "Order Lines").valueName())
            .isEqualTo(SchemaNames.forTable("my-db", "Order Lines").valueName());
    }

    @Test
    void differentTablesDoNotCollide() {
        Set<String> seen = new HashSet<>();
        int count = 0;
        for (String schema : AWKWARD) {
            for (String table : AWKWARD) {
                seen.add(SchemaNames.forTable(schema, table).valueName());
                count++;
            }
            seen.add(SchemaNames.forTable(null, schema).valueName());
            count++;
        }
        assertThat(seen).hasSize(count);
        // A dot inside a name is not a namespace separator: schema "a.b" table "c" is not schema "a" table "b.c".
        assertThat(SchemaNames.forTable("a.b", "c")).isNotEqualTo(SchemaNames.forTable("a", "b.c"));
        assertThat(SchemaNames.forTable("a.b", "c").valueName()).isNotEqualTo("a.b.c");
        // Case is kept: these are different tables on PostgreSQL.
        assertThat(SchemaNames.forTable("s", "Orders")).isNotEqualTo(SchemaNames.forTable("s", "orders"));
    }

    @Test
    void keysNeverCollideWithValues() {
        Set<String> values = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (String schema : AWKWARD) {
            for (String table : AWKWARD) {
                values.add(SchemaNames.forTable(schema, table).valueName());
                keys.add(SchemaNames.forTable(schema, table).keyName());
            }
        }
        assertThat(values).doesNotContainAnyElementsOf(keys);
    }
}
