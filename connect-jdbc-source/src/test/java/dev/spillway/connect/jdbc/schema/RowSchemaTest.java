package dev.spillway.connect.jdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.util.List;

class RowSchemaTest {

    private static final ColumnReader NAN = (rs, i) -> {
        throw new UnrepresentableValueException("NaN", "NaN and Infinity have no Decimal form");
    };

    private static RowSchema schema(boolean nullsAmount, List<String> keys) {
        Schema id = Schema.INT32_SCHEMA;
        Schema amount = nullsAmount ? Schema.OPTIONAL_STRING_SCHEMA : Schema.STRING_SCHEMA;
        Schema value = SchemaBuilder.struct().name("shop.orders").field("id", id).field("amount", amount).build();
        return new RowSchema("shop.orders", SchemaNames.forTable("shop", "orders"), value,
            List.of(new Column("id", 1, id, (rs, i) -> 7, false), new Column("amount", 2, amount, NAN, nullsAmount)),
            keys);
    }

    @Test
    void anUnrepresentableValueFailsWithOneLineNamingTableColumnKeyAndValue() {
        assertThatThrownBy(() -> schema(false, List.of("id")).row(null)).isInstanceOf(DataException.class)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")
                .startsWith("Column 'amount' of shop.orders, key id=7: the value 'NaN' cannot be sent as STRING")
                .contains("value.unrepresentable.action=null"));
        assertThatThrownBy(() -> schema(false, List.of()).row(null)).hasMessageContaining("a row without key");
    }

    @Test
    void orIsSentAsNullWithAHeaderNamingTheColumn() throws Exception {
        RowValue row = schema(true, List.of("id")).row(null);
        assertThat(row.value().get("amount")).isNull();
        assertThat(row.value().get("id")).isEqualTo(7);
        assertThat(row.headers().lastWithName("spillway.unrepresentable.amount").value()).isEqualTo("NaN");
    }

    @Test
    void aReaderBugNamesTheColumnInsteadOfARawException() {
        Schema id = Schema.INT32_SCHEMA;
        Schema value = SchemaBuilder.struct().field("id", id).build();
        RowSchema schema = new RowSchema("t", SchemaNames.forTable("s", "t"), value,
            List.of(new Column("id", 1, id, (rs, i) -> Integer.valueOf("x"), false)), List.of());
        assertThatThrownBy(() -> schema.row(null)).isInstanceOf(DataException.class)
            .hasMessageStartingWith("Column 'id' of t: cannot read the value");
    }

    @Test
    void theKeyIsBuiltInTheSameReadAndSharesTheValuesObjectsInKeyColumnOrder() throws Exception {
        String text = new String("a-b");
        Schema value = SchemaBuilder.struct().name("s.t").field("a", Schema.STRING_SCHEMA)
            .field("b", Schema.INT64_SCHEMA).field("c", Schema.OPTIONAL_STRING_SCHEMA).build();
        RowSchema schema = new RowSchema("s.t", SchemaNames.forTable("s", "t"), value, List.of(
            new Column("a", 1, Schema.STRING_SCHEMA, (rs, i) -> text, false),
            new Column("b", 2, Schema.INT64_SCHEMA, (rs, i) -> 42L, false),
            new Column("c", 3, Schema.OPTIONAL_STRING_SCHEMA, (rs, i) -> null, false)), List.of("b", "a"));
        RowValue row = schema.row(null);
        assertThat(row.key().schema()).isSameAs(schema.keySchema());
        assertThat(schema.keySchema().fields()).extracting(f -> f.name()).containsExactly("b", "a");
        assertThat(row.key().get("b")).isEqualTo(42L);
        assertThat(row.key().get("a")).isSameAs(text).isSameAs(row.value().get("a"));
        assertThat(row.value().get("c")).isNull();
        row.key().validate();
        row.value().validate();
    }

    @Test
    void withoutKeyColumnsTheRowHasNoKey() throws Exception {
        assertThat(schema(true, List.of()).row(null).key()).isNull();
        assertThat(schema(true, List.of()).keySchema()).isNull();
    }

    @Test
    void eachRowGetsItsOwnStructsWhileTheSchemasAreShared() throws Exception {
        RowSchema schema = schema(true, List.of("id"));
        RowValue first = schema.row(null);
        RowValue second = schema.row(null);
        assertThat(second.value()).isNotSameAs(first.value()).isEqualTo(first.value());
        assertThat(second.key()).isNotSameAs(first.key()).isEqualTo(first.key());
        assertThat(second.key().schema()).isSameAs(first.key().schema());
        assertThat(second.value().schema()).isSameAs(first.value().schema());
    }
}
