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
}
