package dev.spillway.connect.smt.predicates;

import dev.spillway.connect.common.version.PluginVersion;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FieldMatchesTest {

    private static final java.util.Date MAY_31 = java.util.Date.from(Instant.parse("2024-05-31T00:00:00Z"));

    private static final Schema LINE = SchemaBuilder.struct()
        .field("sku", Schema.OPTIONAL_STRING_SCHEMA)
        .build();
    private static final Schema ORDER = SchemaBuilder.struct()
        .field("id", Schema.INT64_SCHEMA)
        .field("status", Schema.STRING_SCHEMA)
        .field("note", Schema.OPTIONAL_STRING_SCHEMA)
        .field("amount", Decimal.schema(2))
        .field("day", Date.SCHEMA)
        .field("at", Timestamp.SCHEMA)
        .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
        .field("lines", SchemaBuilder.array(LINE).build())
        .field("attributes", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
        .field("customer", SchemaBuilder.struct().optional().field("country", Schema.STRING_SCHEMA).build())
        .build();

    private static Struct order() {
        return new Struct(ORDER)
            .put("id", 42L)
            .put("status", "SHIPPED")
            .put("amount", new BigDecimal("19.90"))
            .put("day", MAY_31)
            .put("at", MAY_31)
            .put("blob", "abc".getBytes(StandardCharsets.US_ASCII))
            .put("lines", List.of(new Struct(LINE).put("sku", "A-1"), new Struct(LINE)))
            .put("attributes", Map.of("channel", "web"))
            .put("customer", new Struct(ORDER.field("customer").schema()).put("country", "FR"));
    }

    private static Map<String, Object> schemalessOrder() {
        List<Object> lines = new ArrayList<>();
        lines.add(Map.of("sku", "A-1"));
        Map<String, Object> noSku = new HashMap<>();
        noSku.put("sku", null);
        lines.add(noSku);
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", 42);
        order.put("status", "SHIPPED");
        order.put("note", null);
        order.put("lines", lines);
        order.put("customer", Map.of("country", "FR"));
        return order;
    }

    private static FieldMatches<SinkRecord> predicate(String... keysAndValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        FieldMatches<SinkRecord> predicate = new FieldMatches<>();
        predicate.configure(props);
        return predicate;
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("orders", 0, null, null, schema, value, 0L);
    }

    private static boolean matchesBoth(FieldMatches<SinkRecord> predicate) {
        boolean withSchema = predicate.test(record(ORDER, order()));
        boolean schemaless = predicate.test(record(null, schemalessOrder()));
        assertThat(schemaless).as("schemaless result equals the result with schema").isEqualTo(withSchema);
        return withSchema;
    }

    @Nested
    class Equals {

        @Test
        void comparesText() {
            assertThat(matchesBoth(predicate("field", "status", "operator", "equals", "value", "SHIPPED"))).isTrue();
            assertThat(matchesBoth(predicate("field", "status", "operator", "equals", "value", "shipped")))
                .isFalse();
            assertThat(matchesBoth(predicate("field", "customer.country", "operator", "equals", "value", "FR")))
                .isTrue();
        }

        @Test
        void comparesNumbersByCanonicalText() {
            assertThat(matchesBoth(predicate("field", "id", "operator", "equals", "value", "42"))).isTrue();
            assertThat(predicate("field", "amount", "operator", "equals", "value", "19.9")
                .test(record(ORDER, order()))).isTrue();
        }

        @Test
        void comparesTemporalValuesAsIso() {
            assertThat(predicate("field", "day", "operator", "equals", "value", "2024-05-31")
                .test(record(ORDER, order()))).isTrue();
            assertThat(predicate("field", "at", "operator", "equals", "value", "2024-05-31T00:00:00Z")
                .test(record(ORDER, order()))).isTrue();
        }

        @Test
        void comparesBytesAsBase64() {
            assertThat(predicate("field", "blob", "operator", "equals", "value", "YWJj")
                .test(record(ORDER, order()))).isTrue();
        }

        @Test
        void findsMapEntries() {
            assertThat(predicate("field", "attributes.channel", "operator", "equals", "value", "web")
                .test(record(ORDER, order()))).isTrue();
        }

        @Test
        void neverMatchesContainersNullsOrAbsentFields() {
            assertThat(predicate("field", "customer", "operator", "equals", "value", "FR")
                .test(record(ORDER, order()))).isFalse();
            assertThat(matchesBoth(predicate("field", "note", "operator", "equals", "value", "null"))).isFalse();
            assertThat(matchesBoth(predicate("field", "missing", "operator", "equals", "value", ""))).isFalse();
        }

        @Test
        void valuesOfJavaTypesConnectDoesNotUseMatchNoTextButDoNotFail() {
            // As an upstream transform might leave them in a schemaless value.
            Map<String, Object> value = new HashMap<>();
            value.put("id", java.util.UUID.fromString("00000000-0000-0000-0000-000000000007"));
            value.put("at", Instant.EPOCH);
            value.put("ids", List.of(Instant.EPOCH, "7"));
            SinkRecord record = record(null, value);

            assertThat(predicate("field", "id", "operator", "equals", "value",
                "00000000-0000-0000-0000-000000000007").test(record)).isFalse();
            assertThat(predicate("field", "at", "operator", "regex", "value", ".*").test(record)).isFalse();
            assertThat(predicate("field", "at", "operator", "in", "values", "1970-01-01T00:00:00Z").test(record))
                .isFalse();
            assertThat(predicate("field", "ids[*]", "operator", "equals", "value", "7").test(record)).isTrue();
            assertThat(predicate("field", "at", "operator", "not.null").test(record)).isTrue();
        }

        @Test
        void matchesIfAnyArrayElementMatches() {
            assertThat(matchesBoth(predicate("field", "lines[*].sku", "operator", "equals", "value", "A-1")))
                .isTrue();
            assertThat(matchesBoth(predicate("field", "lines[1].sku", "operator", "equals", "value", "A-1")))
                .isFalse();
        }
    }

    @Nested
    class Regex {

        @Test
        void mustMatchTheWholeText() {
            assertThat(matchesBoth(predicate("field", "status", "operator", "regex", "value", "SHIP.*"))).isTrue();
            assertThat(matchesBoth(predicate("field", "status", "operator", "regex", "value", "SHIP"))).isFalse();
            assertThat(matchesBoth(predicate("field", "id", "operator", "regex", "value", "\\d+"))).isTrue();
        }

        @Test
        void matchesIfAnyArrayElementMatches() {
            assertThat(matchesBoth(predicate("field", "lines[*].sku", "operator", "regex", "value", "A-\\d")))
                .isTrue();
        }
    }

    @Nested
    class In {

        @Test
        void matchesAnyOfTheValues() {
            assertThat(matchesBoth(predicate("field", "status", "operator", "in", "values", "NEW, SHIPPED")))
                .isTrue();
            assertThat(matchesBoth(predicate("field", "status", "operator", "in", "values", "NEW,CANCELLED")))
                .isFalse();
            assertThat(matchesBoth(predicate("field", "id", "operator", "in", "values", "41,42"))).isTrue();
        }
    }

    @Nested
    class NullChecks {

        @Test
        void nullMatchesNullAndAbsentFields() {
            assertThat(matchesBoth(predicate("field", "note", "operator", "null"))).isTrue();
            assertThat(matchesBoth(predicate("field", "missing", "operator", "null"))).isTrue();
            assertThat(matchesBoth(predicate("field", "customer.missing", "operator", "null"))).isTrue();
            assertThat(matchesBoth(predicate("field", "status", "operator", "null"))).isFalse();
        }

        @Test
        void notNullMatchesPresentValues() {
            assertThat(matchesBoth(predicate("field", "status", "operator", "not.null"))).isTrue();
            assertThat(matchesBoth(predicate("field", "note", "operator", "not.null"))).isFalse();
            assertThat(matchesBoth(predicate("field", "missing", "operator", "not.null"))).isFalse();
        }

        @Test
        void wildcardMatchesIfAnyElementQualifies() {
            assertThat(matchesBoth(predicate("field", "lines[*].sku", "operator", "null"))).isTrue();
            assertThat(matchesBoth(predicate("field", "lines[*].sku", "operator", "not.null"))).isTrue();
        }

        @Test
        void tombstonesHaveOnlyAbsentFields() {
            assertThat(predicate("field", "status", "operator", "null").test(record(ORDER, null))).isTrue();
            assertThat(predicate("field", "status", "operator", "not.null").test(record(ORDER, null))).isFalse();
            assertThat(predicate("field", "status", "operator", "equals", "value", "x").test(record(null, null)))
                .isFalse();
        }

        @Test
        void nonContainerValuesHaveOnlyAbsentFields() {
            assertThat(predicate("field", "status", "operator", "null").test(record(null, "plain"))).isTrue();
        }
    }

    @Nested
    class Target {

        @Test
        void testsTheKeyWhenAsked() {
            Schema keySchema = SchemaBuilder.struct().field("tenant", Schema.STRING_SCHEMA).build();
            SinkRecord record = new SinkRecord("orders", 0, keySchema, new Struct(keySchema).put("tenant", "acme"),
                ORDER, order(), 0L);

            assertThat(predicate("target", "key", "field", "tenant", "operator", "equals", "value", "acme")
                .test(record)).isTrue();
            assertThat(predicate("field", "tenant", "operator", "equals", "value", "acme").test(record)).isFalse();
        }
    }

    @Test
    void reportsVersionAndConfig() {
        FieldMatches<SinkRecord> predicate = predicate("field", "a", "operator", "null");
        assertThat(predicate.version()).isEqualTo(PluginVersion.get());
        assertThat(predicate.config().names()).containsExactlyInAnyOrder("target", "field", "operator", "value",
            "values");
        assertThat(predicate.toString()).contains("field=a").contains("NULL");
        predicate.close();
    }
}
