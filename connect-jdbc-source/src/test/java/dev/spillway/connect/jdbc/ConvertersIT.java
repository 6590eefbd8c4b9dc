package dev.spillway.connect.jdbc;

import static dev.spillway.testcluster.converters.ConverterRoundTrip.assertRoundTrips;
import static dev.spillway.testcluster.converters.ConverterRoundTrip.avroSchema;
import static dev.spillway.testcluster.converters.ConverterRoundTrip.jsonText;
import static dev.spillway.testcluster.converters.ConverterRoundTrip.viaJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Rows of every mapped type, read from the real databases under each {@code numeric.mapping}, through
 * JsonConverter (schemas on: equal, schema included; schemas off: what JSON makes of each type) and through Avro
 * as Apicurio's converter translates it (equal). docs/converters.md describes what these tests pin down.
 */
class ConvertersIT {

    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final List<String> NUMERIC_MAPPINGS = List.of("none", "best_fit", "precision_only");

    @Test
    void postgresRowsRoundTrip() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            TypesIT.createPostgresTable(db, ns);
            for (String mapping : NUMERIC_MAPPINGS) {
                List<SourceRecord> records = read(db, ns, "all_types", mapping);
                records.forEach(record -> assertRoundTrips(record));
                records.forEach(record -> assertThat(avroSchema(record.valueSchema()).getFullName())
                    .isEqualTo(ns + ".all_types"));
            }

            Struct row = (Struct) read(db, ns, "all_types", "none").get(0).value();
            JsonNode plain = JSON.readTree(jsonText(row.schema(), row, false, Map.of()));
            // Decimals: base64 of the unscaled two's-complement bytes by default; the scale is only in the schema.
            assertThat(plain.get("c_numeric").isTextual()).isTrue();
            assertThat(new BigDecimal(new java.math.BigInteger(
                java.util.Base64.getDecoder().decode(plain.get("c_numeric").asText())), 10))
                .isEqualTo(new BigDecimal("9999999999999999999999999999.9999999999"));
            JsonNode numeric = JSON.readTree(jsonText(row.schema(), row, false, Map.of("decimal.format", "NUMERIC")));
            assertThat(numeric.get("c_numeric").decimalValue())
                .isEqualTo(new BigDecimal("9999999999999999999999999999.9999999999"));
            // Timestamps: epoch milliseconds (the microseconds are already gone in Connect's Timestamp).
            assertThat(plain.get("c_ts").isIntegralNumber()).isTrue();
            assertThat(plain.get("c_ts").asLong()).isEqualTo(((java.util.Date) row.get("c_ts")).getTime());
            assertThat(plain.get("c_date").asLong()).isEqualTo(((java.util.Date) row.get("c_date")).getTime() / 86_400_000L);
            assertThat(plain.get("c_time").asLong()).isEqualTo(((java.util.Date) row.get("c_time")).getTime());
            assertThat(plain.get("c_bytea").asText()).isEqualTo("AP8Q");
            assertThat(plain.get("c_int_array").toString()).isEqualTo("[1,null,3]");
            // json/jsonb columns are strings, not nested JSON (ParseJson makes them structure).
            assertThat(plain.get("c_json").asText()).isEqualTo("{\"a\": 1}");
            assertThat(plain.get("c_uuid").asText()).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
            assertThat(plain.get("c_varchar").asText()).isEqualTo(TypesIT.UNICODE);
            assertThat(plain.get("c_numeric_free").asText()).isEqualTo("123456789012345678901234567890.123456789");

            // Read back without schemas: a map of JSON types, the logical types lost.
            @SuppressWarnings("unchecked")
            Map<String, Object> back = (Map<String, Object>) viaJson(row.schema(), row, false, false, Map.of()).value();
            assertThat(back.get("c_ts")).isInstanceOf(Long.class);
            assertThat(back.get("c_numeric")).isInstanceOf(String.class);
            assertThat(back.get("c_smallint")).isEqualTo(-32768L);
            assertThat(back.get("c_real")).isEqualTo(1.5d);

            Struct bestFit = (Struct) read(db, ns, "all_types", "best_fit").get(0).value();
            assertThat(bestFit.schema().field("c_numeric").schema().parameters())
                .containsEntry("connect.decimal.precision", "38");
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void mariaDbRowsRoundTrip() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        String ns = db.createNamespace();
        try {
            TypesIT.createMariaDbTable(db, ns);
            for (String mapping : NUMERIC_MAPPINGS) {
                read(db, ns, "all_types", mapping).forEach(record -> assertRoundTrips(record));
            }
            Struct row = (Struct) read(db, ns, "all_types", "best_fit").get(0).value();
            JsonNode numeric = JSON.readTree(jsonText(row.schema(), row, false, Map.of("decimal.format", "NUMERIC")));
            assertThat(numeric.get("c_decimal").decimalValue())
                .isEqualTo(new BigDecimal("-9999999999999999999999999999.9999999999"));
            assertThat(numeric.get("c_bigint_unsigned").decimalValue()).isEqualTo(new BigDecimal("18446744073709551615"));
            assertThat(numeric.get("c_small_decimal").asLong()).isEqualTo(123456789L);
        } finally {
            db.dropNamespace(ns);
        }
    }

    /**
     * The precision modes and unrepresentable values through the converters: microseconds as JSON numbers and Avro
     * longs under their schema names, ISO text as strings, a nulled NOT NULL column as an optional field; and what
     * JsonConverter does to a non-finite double (writes "NaN" as a string and reads it back as 0.0 with schemas),
     * which docs/converters.md warns about.
     */
    @Test
    void precisionModesAndUnrepresentableValuesThroughTheConverters() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            db.execute("CREATE TABLE " + ns + ".modes (id INT PRIMARY KEY, ts TIMESTAMP(6), tstz TIMESTAMPTZ,"
                    + " t TIME(6), d DATE, amount NUMERIC(10,2) NOT NULL, f FLOAT8)",
                "INSERT INTO " + ns + ".modes VALUES (1, '2026-01-02 03:04:05.123456', '2026-01-02 03:04:05.123456+02',"
                    + " '24:00:00', '2026-01-02', 'NaN', 1.5), (2, NULL, NULL, NULL, NULL, 1, 'NaN')");
            Map<String, String> props = db.taskConfig(ns, "modes", "bulk");
            props.put("value.unrepresentable.action", "null");

            props.put("time.precision.mode", "microseconds");
            List<SourceRecord> micros = TypesIT.readAll(props, 2);
            SourceRecord micro = micros.get(0);
            assertRoundTrips(micro);
            Struct row = (Struct) micro.value();
            assertThat(avroSchema(row.schema()).getField("ts").schema().getTypes())
                .anySatisfy(t -> assertThat(t.getType()).isEqualTo(org.apache.avro.Schema.Type.LONG));
            JsonNode plain = JSON.readTree(jsonText(row.schema(), row, false, Map.of()));
            assertThat(plain.get("ts").asLong()).isEqualTo(1_767_323_045_123_456L);
            assertThat(plain.get("tstz").asLong()).isEqualTo(1_767_315_845_123_456L);
            assertThat(plain.get("t").asLong()).isEqualTo(86_400_000_000L);
            assertThat(plain.get("amount").isNull()).isTrue();
            JsonNode withSchema = JSON.readTree(jsonText(row.schema(), row, true, Map.of()));
            assertThat(withSchema.toString()).contains("\"name\":\"dev.spillway.time.MicroTimestamp\"");
            // JsonConverter writes a NaN double as the string "NaN" and reads it back as 0.0: use Avro for them.
            Struct nan = (Struct) micros.get(1).value();
            assertThat(JSON.readTree(jsonText(nan.schema(), nan, false, Map.of())).get("f").asText()).isEqualTo("NaN");
            Struct back = (Struct) viaJson(nan.schema(), nan, true, false, Map.of()).value();
            assertThat(back.getFloat64("f")).isEqualTo(0.0);

            props.put("time.precision.mode", "string");
            props.put("numeric.mapping", "string");
            SourceRecord text = TypesIT.readAll(props, 2).get(0);
            assertRoundTrips(text);
            plain = JSON.readTree(jsonText(text.valueSchema(), text.value(), false, Map.of()));
            assertThat(plain.get("ts").asText()).isEqualTo("2026-01-02T03:04:05.123456");
            assertThat(plain.get("tstz").asText()).isEqualTo("2026-01-02T01:04:05.123456Z");
            assertThat(plain.get("t").asText()).isEqualTo("24:00:00");
            assertThat(plain.get("d").asText()).isEqualTo("2026-01-02");
            assertThat(plain.get("amount").asText()).isEqualTo("NaN");
        } finally {
            db.dropNamespace(ns);
        }
    }

    /** Tables and schemas named in ways Avro does not allow still give registrable, distinct schema names. */
    @Test
    void awkwardNamesBecomeLegalAvroNames() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        String schema = ns + "-Sch.ema 日本";
        List<String> tables = List.of("order-lines", "order lines", "1st", "grüße 🚀", "x'); DROP TABLE y;--", "int");
        try {
            db.execute("CREATE SCHEMA \"" + schema + "\"");
            for (String table : tables) {
                String quoted = "\"" + schema + "\".\"" + table + "\"";
                db.execute("CREATE TABLE " + quoted + " (id INT PRIMARY KEY, v TEXT)",
                    "INSERT INTO " + quoted + " VALUES (1, 'one')");
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            for (String table : tables) {
                Map<String, String> props = db.taskConfig(schema, table, "bulk");
                props.put("table.include.list", ".*");
                props.put(JdbcSourceTaskConfig.TASK_TABLES_CONFIG,
                    new dev.spillway.connect.jdbc.discovery.TableId(schema, table).encode());
                SourceRecord record = TypesIT.readAll(props, 1).get(0);
                assertRoundTrips(record);
                Schema value = record.valueSchema();
                assertThat(avroSchema(value).getFullName()).isEqualTo(value.name());
                assertThat(avroSchema(record.keySchema()).getFullName()).isEqualTo(value.name() + ".Key");
                names.add(value.name());
                // The same table read again gets the same name.
                assertThat(TypesIT.readAll(props, 1).get(0).valueSchema().name()).isEqualTo(value.name());
            }
            assertThat(names).hasSize(tables.size());
        } finally {
            db.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            db.dropNamespace(ns);
        }
    }

    private static List<SourceRecord> read(TestDatabase db, String ns, String table, String numericMapping)
        throws Exception {
        Map<String, String> props = db.taskConfig(ns, table, "bulk");
        props.put("numeric.mapping", numericMapping);
        return TypesIT.readAll(props, 2);
    }
}
