package dev.spillway.connect.smt;

import static dev.spillway.testcluster.converters.ConverterRoundTrip.assertRoundTrips;
import static dev.spillway.testcluster.converters.ConverterRoundTrip.viaJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.connect.smt.cdc.CdcEvents;
import dev.spillway.testcluster.converters.ConverterRoundTrip;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each transform outputs goes through JsonConverter (schemas on: equal, schema included; schemas off: read
 * back as plain JSON values) and, with a schema, through Avro as Apicurio's converter translates it.
 */
class ConvertersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Schema KEY = SchemaBuilder.struct().name("shop.orders.Key").field("id", Schema.INT64_SCHEMA)
        .build();
    private static final Schema ORDER = SchemaBuilder.struct().name("shop.orders")
        .field("id", Schema.INT64_SCHEMA)
        .field("email", Schema.OPTIONAL_STRING_SCHEMA)
        .field("card", Schema.STRING_SCHEMA)
        .field("amount", Decimal.builder(2).parameter("connect.decimal.precision", "10").build())
        .field("region", Schema.OPTIONAL_STRING_SCHEMA)
        .field("placed", Timestamp.builder().optional().build())
        .field("doc", Schema.OPTIONAL_STRING_SCHEMA)
        .build();

    private static Struct order(String doc) {
        return new Struct(ORDER).put("id", 7L).put("email", "a@b.example").put("card", "4111111111111111")
            .put("amount", new BigDecimal("12.50")).put("region", "eu-west").put("placed", new java.util.Date(1000L))
            .put("doc", doc);
    }

    private static SourceRecord record(Schema schema, Object value) {
        return new SourceRecord(Map.of(), Map.of(), "orders", null, KEY, new Struct(KEY).put("id", 7L), schema, value);
    }

    private static <T extends Transformation<SourceRecord>> SourceRecord apply(T transform, SourceRecord record,
                                                                                 String... keysAndValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        try (transform) {
            transform.configure(props);
            return transform.apply(record);
        }
    }

    /**
     * Schemaless output: JSON (either setting) gives back the same JSON, with integers as Longs and fractions as
     * Doubles whatever Java type went in, and then stays stable.
     */
    private static void assertSchemalessRoundTrips(ConnectRecord<?> record) throws Exception {
        assertThat(record.valueSchema()).isNull();
        JsonNode json = JSON.readTree(ConverterRoundTrip.jsonText(null, record.value(), false, Map.of()));
        for (boolean schemas : List.of(true, false)) {
            Object once = viaJson(null, record.value(), schemas, false, Map.of()).value();
            assertThat(JSON.readTree(ConverterRoundTrip.jsonText(null, once, false, Map.of()))).isEqualTo(json);
            assertThat(viaJson(null, once, schemas, false, Map.of()).value()).isEqualTo(once);
        }
    }

    @Test
    void cdcUnwrap() throws Exception {
        Struct after = CdcEvents.row(1, "new@x").put("status", "gold");
        Struct envelope = CdcEvents.envelope("u", CdcEvents.row(1, "old@x"), after);
        SourceRecord unwrapped = apply(new CdcUnwrap.Value<>(), record(CdcEvents.ENVELOPE, envelope),
            "add.fields", "op,source.ts_ms,ts_ms");
        assertThat(unwrapped.valueSchema().field("__op")).isNotNull();
        assertRoundTrips(unwrapped);

        // A null in an optional field that has a default (Debezium rows have them; Spillway's JDBC rows do not)
        // comes back as the default: from JsonConverter unless replace.null.with.default=false, and from Avro.
        SourceRecord withNull = apply(new CdcUnwrap.Value<>(), record(CdcEvents.ENVELOPE,
            CdcEvents.envelope("c", null, CdcEvents.row(2, "n@x"))));
        assertThat(((Struct) withNull.value()).getWithoutDefault("status")).isNull();
        Schema schema = withNull.valueSchema();
        assertThat(((Struct) viaJson(schema, withNull.value(), true, false, Map.of()).value())
            .getWithoutDefault("status")).isEqualTo("active");
        assertThat(((Struct) viaJson(schema, withNull.value(), true, false, ConverterRoundTrip.KEEP_NULLS).value())
            .getWithoutDefault("status")).isNull();
        assertThat(((Struct) ConverterRoundTrip.viaAvro(schema, withNull.value()).value())
            .getWithoutDefault("status")).isEqualTo("active");

        Map<String, Object> envelopeMap = CdcEvents.envelopeMap("c", null, CdcEvents.rowMap(2, "m@x"));
        assertSchemalessRoundTrips(apply(new CdcUnwrap.Value<>(), record(null, envelopeMap), "add.fields", "op"));
    }

    @Test
    void mask() {
        for (String mode : List.of("hash", "null", "replace", "partial")) {
            SourceRecord masked = apply(new Mask.Value<>(), record(ORDER, order(null)), "fields",
                mode.equals("partial") ? "email,card" : "email,card,amount,placed", "mode", mode);
            assertRoundTrips(masked);
        }
        SourceRecord hashedKey = apply(new Mask.Key<>(), record(ORDER, order(null)), "fields", "id", "mode", "hash");
        assertThat(hashedKey.keySchema().field("id").schema().type()).isEqualTo(Schema.Type.STRING);
        assertRoundTrips(hashedKey);
    }

    @Test
    void parseJson() throws Exception {
        String doc = "{\"sku\":\"A-1\",\"qty\":3,\"price\":1.25,\"tags\":[\"x\"],\"ship\":{\"city\":\"Köln\"},\"n\":null}";
        SourceRecord inferred = apply(new ParseJson.Value<>(), record(ORDER, order(doc)), "field", "doc",
            "target.field", "parsed");
        assertThat(inferred.valueSchema().field("parsed").schema().type()).isEqualTo(Schema.Type.STRUCT);
        assertRoundTrips(inferred);

        SourceRecord declared = apply(new ParseJson.Value<>(), record(ORDER, order(doc)), "field", "doc",
            "schema.mode", "declared", "schema.declared",
            "sku:string!,qty:int64,price:decimal(2),tags:array<string>,ship:struct<city:string>,extra:map<int32>");
        assertThat(((Struct) ((Struct) declared.value()).get("doc")).get("price")).isEqualTo(new BigDecimal("1.25"));
        assertRoundTrips(declared);

        SourceRecord whole = new SourceRecord(Map.of(), Map.of(), "orders", null, null, null,
            Schema.STRING_SCHEMA, doc);
        assertRoundTrips(apply(new ParseJson.Value<>(), whole));
        assertSchemalessRoundTrips(apply(new ParseJson.Value<>(), whole, "output", "schemaless"));
    }

    @Test
    void routeByField() {
        SourceRecord routed = apply(new RouteByField<>(), record(ORDER, order(null)),
            "topic.template", "${topic}-${value.region}");
        assertThat(routed.topic()).isEqualTo("orders-eu-west");
        assertRoundTrips(routed);
    }
}
