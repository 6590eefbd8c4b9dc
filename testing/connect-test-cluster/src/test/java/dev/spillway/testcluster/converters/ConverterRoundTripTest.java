package dev.spillway.testcluster.converters;

import static dev.spillway.testcluster.converters.ConverterRoundTrip.avroSchema;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The kit's converter trips on hand-made schemas, and the evolution cases docs/converters.md states that Avro's
 * own BACKWARD check (new reader, old writer) accepts or rejects.
 */
class ConverterRoundTripTest {

    private static final Schema ROW = SchemaBuilder.struct().name("ns.t")
        .field("i8", Schema.INT8_SCHEMA)
        .field("i16", Schema.OPTIONAL_INT16_SCHEMA)
        .field("dec", Decimal.builder(2).parameter("connect.decimal.precision", "10").optional().build())
        .field("ts", Timestamp.builder().optional().build())
        .field("d", Date.SCHEMA)
        .field("t", Time.SCHEMA)
        .field("b", Schema.OPTIONAL_BYTES_SCHEMA)
        .field("arr", SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional().build())
        .field("def", SchemaBuilder.string().defaultValue("x").build())
        .field("inner", SchemaBuilder.struct().optional().field("a", Schema.OPTIONAL_STRING_SCHEMA).build())
        .field("m", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).optional().build())
        .build();

    @Test
    void everyTypeComesBackEqual() {
        Struct row = new Struct(ROW).put("i8", (byte) 1).put("dec", new BigDecimal("-3.10"))
            .put("ts", new java.util.Date(1234567L)).put("d", new java.util.Date(86_400_000L))
            .put("t", new java.util.Date(5000)).put("b", new byte[] {1, 2}).put("arr", List.of(1, 2)).put("def", "y")
            .put("inner", new Struct(ROW.field("inner").schema()).put("a", "z")).put("m", Map.of("k", "v"));
        ConverterRoundTrip.assertRoundTrips(ROW, row, false);
        assertThat(avroSchema(ROW).getField("dec").schema().getTypes().get(1).getObjectProp("precision"))
            .isEqualTo(10);
        assertThat(ConverterRoundTrip.jsonText(ROW, row, false, Map.of()))
            .contains("\"dec\":\"/so=\"", "\"ts\":1234567", "\"d\":1", "\"b\":\"AQI=\"");
        assertThat(ConverterRoundTrip.jsonText(ROW, row, false, Map.of("decimal.format", "NUMERIC")))
            .contains("\"dec\":-3.10");
    }

    @Test
    void avroBackwardRules() {
        Schema base = struct(Schema.INT32_SCHEMA, null);
        assertThat(backward(base, struct(Schema.INT32_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA)))
            .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(backward(base, struct(Schema.INT32_SCHEMA, SchemaBuilder.string().defaultValue("x").build())))
            .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(backward(base, struct(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA)))
            .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(backward(base, struct(Schema.INT64_SCHEMA, null))).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(backward(struct(Schema.INT64_SCHEMA, null), base)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        // numeric.mapping=best_fit crossing precision 15: a double becomes a Decimal.
        assertThat(backward(struct(Schema.FLOAT64_SCHEMA, null), struct(decimal(16, 2), null)))
            .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        // Avro's check ignores the decimal's precision and scale; only a same-scale change reads correctly.
        assertThat(backward(struct(decimal(10, 2), null), struct(decimal(12, 2), null)))
            .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(backward(struct(decimal(10, 2), null), struct(decimal(12, 4), null)))
            .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        Schema oldScale = struct(decimal(10, 2), null);
        Struct old = new Struct(oldScale).put("a", new BigDecimal("1.25"));
        Object misread = ((Struct) ConverterRoundTrip.readWithNewerSchema(oldScale, old,
            struct(decimal(12, 4), null)).value()).get("a");
        assertThat(misread).isEqualTo(new BigDecimal("0.0125"));
    }

    private static Schema decimal(int precision, int scale) {
        return Decimal.builder(scale).parameter("connect.decimal.precision", String.valueOf(precision)).build();
    }

    private static Schema struct(Schema a, Schema added) {
        SchemaBuilder builder = SchemaBuilder.struct().name("ns.t").field("a", a);
        if (added != null) {
            builder.field("added", added);
        }
        return builder.build();
    }

    private static SchemaCompatibilityType backward(Schema writer, Schema reader) {
        return SchemaCompatibility.checkReaderWriterCompatibility(avroSchema(reader), avroSchema(writer)).getType();
    }
}
