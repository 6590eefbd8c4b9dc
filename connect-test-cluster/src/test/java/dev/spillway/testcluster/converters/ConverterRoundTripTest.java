package dev.spillway.testcluster.converters;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

class ConverterRoundTripTest {

    @Test
    void experiment() {
        Schema schema = SchemaBuilder.struct().name("ns.t")
            .field("i8", Schema.INT8_SCHEMA)
            .field("i16", Schema.OPTIONAL_INT16_SCHEMA)
            .field("dec", Decimal.builder(2).optional().build())
            .field("decp", Decimal.builder(2).parameter("connect.decimal.precision", "10").optional().build())
            .field("ts", Timestamp.builder().optional().build())
            .field("d", Date.SCHEMA)
            .field("t", Time.SCHEMA)
            .field("b", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("arr", SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional().build())
            .field("def", SchemaBuilder.string().defaultValue("x").build())
            .field("inner", SchemaBuilder.struct().optional().field("a", Schema.OPTIONAL_STRING_SCHEMA).build())
            .field("m", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .build();
        Struct s = new Struct(schema).put("i8", (byte) 1).put("dec", new BigDecimal("1.25")).put("decp", new BigDecimal("-3.10"))
            .put("ts", new java.util.Date(1234567L)).put("d", new java.util.Date(86400000L)).put("t", new java.util.Date(5000))
            .put("b", new byte[] {1, 2}).put("arr", List.of(1, 2)).put("def", "y")
            .put("inner", new Struct(schema.field("inner").schema()).put("a", "z")).put("m", Map.of("k", "v"));
        System.out.println(ConverterRoundTrip.avroSchema(schema).toString(true));
        SchemaAndValue back = ConverterRoundTrip.viaAvro(schema, s);
        System.out.println(back.schema().fields());
        for (var f : schema.fields()) {
            System.out.println(f.name() + " " + f.schema().equals(back.schema().field(f.name()).schema()) + " " + back.schema().field(f.name()).schema().parameters() + " " + back.schema().field(f.name()).schema().name()+ " "+back.schema().field(f.name()).schema().defaultValue());
        }
        System.out.println(back.schema().name() + " " + back.schema().parameters() + back.schema().version());
        System.out.println(back.value());
        System.out.println(ConverterRoundTrip.jsonText(schema, s, false, Map.of()));
        System.out.println(ConverterRoundTrip.jsonText(schema, s, false, Map.of("decimal.format", "NUMERIC")));
        ConverterRoundTrip.assertRoundTrips(schema, s, false);
    }
}
