package dev.spillway.connect.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

/** The inference both ParseJson and the REST source use; ParseJsonTest covers the rules in depth. */
class InferredSchemasTest {

    private final JsonReader reader = new JsonReader(JsonLimits.DEFAULTS);

    @Test
    void oneSchemaInstancePerShapeWhileCached() {
        InferredSchemas schemas = new InferredSchemas(InferNumbers.FLOAT64, InferConflicts.FAIL, 2);
        Schema first = schemas.schemaOf(reader.read("{\"a\":1,\"b\":\"x\"}"));
        assertThat(schemas.schemaOf(reader.read("{\"a\":2,\"b\":\"y\"}"))).isSameAs(first);
        assertThat(first.field("a").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
        schemas.schemaOf(reader.read("{\"c\":true}"));
        schemas.schemaOf(reader.read("[1]"));
        // Evicted: an equal schema, built again.
        Schema again = schemas.schemaOf(reader.read("{\"a\":3,\"b\":\"z\"}"));
        assertThat(again).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void optionsAsParseJsonNamesThem() {
        InferredSchemas decimals = new InferredSchemas(InferNumbers.DECIMAL, InferConflicts.STRING, 4);
        Schema schema = decimals.schemaOf(reader.read("{\"p\":[1.5,2.25],\"m\":[1,\"x\"]}"));
        assertThat(schema.field("p").schema().valueSchema().name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(schema.field("m").schema().valueSchema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        Struct value = (Struct) new JsonValues(true).toConnect(reader.read("{\"p\":[1.5,2.25],\"m\":[1,\"x\"]}"),
            schema);
        assertThat(value.getArray("p")).containsExactly(new BigDecimal("1.50"), new BigDecimal("2.25"));
        assertThat(value.getArray("m")).containsExactly("1", "x");

        InferredSchemas failing = new InferredSchemas(InferNumbers.FLOAT64, InferConflicts.FAIL, 4);
        assertThatThrownBy(() -> failing.schemaOf(reader.read("{\"m\":[1,\"x\"]}")))
            .isInstanceOf(JsonDataException.class).hasMessage("at 'm[1]': conflicting types number and string in"
                + " one array, so that no schema fits every element");
        assertThatThrownBy(() -> failing.schemaOf(reader.read("{\"h\":{\"\":1}}")))
            .isInstanceOf(JsonDataException.class).hasMessageStartingWith("at 'h.``': an object member has an empty"
                + " name");
    }
}
