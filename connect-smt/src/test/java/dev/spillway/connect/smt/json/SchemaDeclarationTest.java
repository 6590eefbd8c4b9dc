package dev.spillway.connect.smt.json;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaDeclarationTest {

    @Test
    void parsesEveryType() {
        Schema schema = SchemaDeclaration.parse(" id : int64 ! , name:STRING, tags:array<string>,"
            + " address:struct<city:string,geo:struct<lat:float64,lon:float32>>, m:map<boolean>, d:decimal(3),"
            + " small:int8, mid:int16, n:int32");

        assertThat(schema.type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(schema.isOptional()).isTrue();
        assertThat(schema.fields()).extracting(f -> f.name())
            .containsExactly("id", "name", "tags", "address", "m", "d", "small", "mid", "n");
        assertThat(schema.field("id").schema()).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(schema.field("name").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(schema.field("tags").schema())
            .isEqualTo(SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build());
        assertThat(schema.field("address").schema().field("geo").schema().field("lon").schema())
            .isEqualTo(Schema.OPTIONAL_FLOAT32_SCHEMA);
        assertThat(schema.field("m").schema().keySchema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(schema.field("d").schema()).isEqualTo(Decimal.builder(3).optional().build());
        assertThat(schema.field("small").schema()).isEqualTo(Schema.OPTIONAL_INT8_SCHEMA);
    }

    @Test
    void requiredStructsKeepTheirFields() {
        Schema schema = SchemaDeclaration.parse("a:struct<b:string>!");

        assertThat(schema.field("a").schema().isOptional()).isFalse();
        assertThat(schema.field("a").schema().field("b").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
    }

    @Test
    void reportsProblemsWithTheirPosition() {
        assertThatThrownBy(() -> SchemaDeclaration.parse("a:string,a:int64"))
            .hasMessage("field 'a' is declared twice (at position 10, counting from 0)");
        assertThatThrownBy(() -> SchemaDeclaration.parse("a:array<string"))
            .hasMessage("expected '>' but the declaration ended (at position 14, counting from 0)");
        assertThatThrownBy(() -> SchemaDeclaration.parse("a string"))
            .hasMessageStartingWith("expected ':' but found 's'");
        assertThatThrownBy(() -> SchemaDeclaration.parse("a:decimal(x)"))
            .hasMessageStartingWith("the decimal scale must be a non-negative integer");
        assertThatThrownBy(() -> SchemaDeclaration.parse(""))
            .hasMessageStartingWith("a field name is missing");
        assertThatThrownBy(() -> SchemaDeclaration.parse("a:string b:string"))
            .hasMessageStartingWith("expected ',' or the end of the declaration but found 'b'");
    }
}
