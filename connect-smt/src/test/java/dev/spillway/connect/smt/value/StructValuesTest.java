package dev.spillway.connect.smt.value;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StructValuesTest {

    @Test
    void readsTheValuesOfAStructByIndexAsSet() {
        Schema schema = SchemaBuilder.struct()
            .field("a", SchemaBuilder.string().optional().defaultValue("default").build())
            .field("b", Schema.INT32_SCHEMA)
            .build();
        Struct struct = new Struct(schema).put("b", 5);

        assertThat(StructValues.available()).isTrue();
        assertThat(StructValues.of(struct)).containsExactly(null, 5);
        StructValues.of(struct)[1] = 6;
        assertThat(struct.get("b")).isEqualTo(6);
    }

    @Test
    void findsNothingWhereTheFieldIsMissingOrIsNotTheValues() {
        assertThat(StructValues.find(Struct.class, "noSuchField")).isNull();
        // A field of another shape, or of another class, is not taken for the values array.
        assertThat(StructValues.find(Struct.class, "schema")).isNull();
        assertThat(StructValues.find(Holder.class, "values")).isNull();
    }

    private static final class Holder {
        private final Object[] values = new Object[2];
    }
}
