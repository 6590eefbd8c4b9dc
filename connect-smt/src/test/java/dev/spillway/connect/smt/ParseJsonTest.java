package dev.spillway.connect.smt;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParseJsonTest {

    private static final String COORDINATES = "topic 'orders' partition 3 offset 42";

    private static final Schema ENVELOPE = SchemaBuilder.struct().name("Envelope")
        .field("id", Schema.INT64_SCHEMA)
        .field("after", SchemaBuilder.struct().name("Row").optional()
            .field("doc", Schema.OPTIONAL_STRING_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build())
        .build();

    private final List<Transformation<?>> transforms = new ArrayList<>();

    @AfterEach
    void closeTransforms() {
        transforms.forEach(Transformation::close);
    }

    private ParseJson<SinkRecord> value(String... keysAndValues) {
        ParseJson<SinkRecord> transform = new ParseJson.Value<>();
        transform.configure(props(keysAndValues));
        transforms.add(transform);
        return transform;
    }

    private static Map<String, String> props(String... keysAndValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("orders", 3, Schema.STRING_SCHEMA, "k", schema, value, 42L);
    }

    private static Struct envelope(String doc) {
        return new Struct(ENVELOPE).put("id", 7L)
            .put("after", new Struct(ENVELOPE.field("after").schema()).put("doc", doc).put("note", "n"));
    }

    @Nested
    class WholeValue {

        @Test
        void infersAStructInDocumentOrder() {
            SinkRecord out = value().apply(record(Schema.STRING_SCHEMA,
                "{\"name\":\"Ada\",\"age\":36,\"score\":1.5,\"vip\":true,\"tags\":[\"a\",\"b\"],"
                    + "\"address\":{\"city\":\"Paris\"},\"nothing\":null}"));

            Schema schema = out.valueSchema();
            assertThat(schema.type()).isEqualTo(Schema.Type.STRUCT);
            assertThat(schema.isOptional()).isTrue();
            assertThat(schema.fields()).extracting(f -> f.name())
                .containsExactly("name", "age", "score", "vip", "tags", "address", "nothing");
            assertThat(schema.field("age").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
            assertThat(schema.field("score").schema()).isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
            assertThat(schema.field("vip").schema()).isEqualTo(Schema.OPTIONAL_BOOLEAN_SCHEMA);
            assertThat(schema.field("tags").schema().valueSchema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(schema.field("nothing").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
            Struct value = (Struct) out.value();
            assertThat(value.getString("name")).isEqualTo("Ada");
            assertThat(value.getInt64("age")).isEqualTo(36L);
            assertThat(value.getFloat64("score")).isEqualTo(1.5);
            assertThat(value.getArray("tags")).containsExactly("a", "b");
            assertThat(value.getStruct("address").getString("city")).isEqualTo("Paris");
            assertThat(value.get("nothing")).isNull();
            assertThat(out.topic()).isEqualTo("orders");
            assertThat(out.key()).isEqualTo("k");
        }

        @Test
        void recordsOfTheSameShapeShareOneSchemaInstance() {
            ParseJson<SinkRecord> transform = value();

            Schema first = transform.apply(record(null, "{\"a\":1,\"b\":[{\"c\":\"x\"}]}")).valueSchema();
            Schema second = transform.apply(record(null, "{\"a\":2,\"b\":[{\"c\":\"y\"},{\"c\":null}]}"))
                .valueSchema();
            Schema other = transform.apply(record(null, "{\"b\":[],\"a\":3}")).valueSchema();

            assertThat(second).isSameAs(first);
            assertThat(other).isNotSameAs(first);
            assertThat(other.fields()).extracting(f -> f.name()).containsExactly("b", "a");
        }

        @Test
        void mergesArrayElementsIntoOneSchema() {
            Struct value = (Struct) value().apply(record(null,
                "{\"n\":[1,2.5],\"items\":[{\"sku\":\"a\"},{\"qty\":2},{\"sku\":\"c\",\"qty\":null}]}")).value();

            assertThat(value.schema().field("n").schema().valueSchema()).isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
            assertThat(value.getArray("n")).containsExactly(1.0, 2.5);
            Schema item = value.schema().field("items").schema().valueSchema();
            assertThat(item.fields()).extracting(f -> f.name()).containsExactly("sku", "qty");
            List<Struct> items = value.getArray("items");
            assertThat(items.get(1).get("sku")).isNull();
            assertThat(items.get(1).getInt64("qty")).isEqualTo(2L);
        }

        @Test
        void conflictingTypesFailNamingThePlace() {
            assertThatThrownBy(() -> value().apply(record(null, "{\"items\":[{\"p\":1},{\"p\":\"x\"}]}")))
                .isInstanceOf(DataException.class)
                .hasMessage("ParseJson could not parse the record value of " + COORDINATES
                    + ": at 'items[1].p': conflicting types number and string in one array, so that no schema"
                    + " fits every element");
        }

        @Test
        void conflictingTypesCanBecomeJsonText() {
            Struct value = (Struct) value("infer.conflicts", "string")
                .apply(record(null, "{\"mixed\":[1,\"x\",{\"a\":true}]}")).value();

            assertThat(value.schema().field("mixed").schema().valueSchema())
                .isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(value.getArray("mixed")).containsExactly("1", "x", "{\"a\":true}");
        }

        @Test
        void decimalsKeepEveryDigitAndTheWrittenScale() {
            Struct value = (Struct) value("infer.numbers", "decimal")
                .apply(record(null, "{\"price\":12.50,\"big\":123456789012345678901234567890,\"n\":[1,2.125]}"))
                .value();

            assertThat(value.schema().field("price").schema()).isEqualTo(Decimal.builder(2).optional().build());
            assertThat(value.get("price")).isEqualTo(new BigDecimal("12.50"));
            assertThat(value.get("big")).isEqualTo(new BigDecimal("123456789012345678901234567890"));
            assertThat(value.getArray("n")).containsExactly(new BigDecimal("1.000"), new BigDecimal("2.125"));
        }

        @Test
        void schemalessOutputGivesMapsAndLists() {
            SinkRecord out = value("output", "schemaless").apply(record(Schema.STRING_SCHEMA,
                "{\"a\":1,\"b\":[true,null,2.5],\"c\":{\"d\":\"e\"}}"));

            assertThat(out.valueSchema()).isNull();
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("a", 1L);
            expected.put("b", java.util.Arrays.asList(true, null, 2.5));
            expected.put("c", Map.of("d", "e"));
            assertThat(out.value()).isEqualTo(expected);
        }

        @Test
        void acceptsUtf8Bytes() {
            byte[] bytes = "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8);

            Struct fromArray = (Struct) value().apply(record(Schema.BYTES_SCHEMA, bytes)).value();
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            Struct fromBuffer = (Struct) value().apply(record(Schema.BYTES_SCHEMA, buffer)).value();

            assertThat(fromArray.getString("a")).isEqualTo("é");
            assertThat(fromBuffer.getString("a")).isEqualTo("é");
            assertThat(buffer.position()).isZero();
        }

        @Test
        void aJsonNullBecomesANullValue() {
            SinkRecord out = value().apply(record(Schema.STRING_SCHEMA, "null"));

            assertThat(out.value()).isNull();
            assertThat(out.valueSchema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        }

        @Test
        void tombstonesPassThrough() {
            SinkRecord tombstone = record(null, null);

            assertThat(value().apply(tombstone)).isSameAs(tombstone);
        }

        @Test
        void badJsonFailsNamingTheRecordButNotQuotingIt() {
            assertThatThrownBy(() -> value().apply(record(Schema.STRING_SCHEMA, "{\"card\":\"4111\" x}")))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("ParseJson could not parse the record value of " + COORDINATES
                    + ": not valid JSON: ")
                .hasMessageContaining("line 1, column")
                .hasMessageNotContaining("4111");
        }

        @Test
        void trailingContentAndEmptyTextAreNotJson() {
            assertThatThrownBy(() -> value().apply(record(null, "{} {}")))
                .isInstanceOf(DataException.class).hasMessageContaining("not valid JSON");
            assertThatThrownBy(() -> value().apply(record(null, "  ")))
                .isInstanceOf(DataException.class).hasMessageContaining("not valid JSON: the text is empty");
        }

        @Test
        void nonTextValuesFail() {
            assertThatThrownBy(() -> value().apply(record(Schema.INT32_SCHEMA, 5)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("expected a JSON string (or UTF-8 bytes) but found a java.lang.Integer");
        }

        @Test
        void parsesTheKeyWithKey() {
            ParseJson<SourceRecord> transform = new ParseJson.Key<>();
            transform.configure(Map.of());
            transforms.add(transform);
            SourceRecord record = new SourceRecord(Map.of(), Map.of(), "t", null, null, "{\"id\":5}",
                Schema.STRING_SCHEMA, "v");

            SourceRecord out = transform.apply(record);

            assertThat(((Struct) out.key()).getInt64("id")).isEqualTo(5L);
            assertThat(out.value()).isEqualTo("v");
            assertThat(out.valueSchema()).isEqualTo(Schema.STRING_SCHEMA);
        }

        @Test
        void outputSurvivesTheJsonConverter() {
            SinkRecord out = value().apply(record(null, "{\"a\":[{\"b\":1}],\"c\":null,\"d\":{}}"));
            JsonConverter converter = new JsonConverter();
            converter.configure(Map.of("schemas.enable", "true"), false);

            byte[] bytes = converter.fromConnectData("orders", out.valueSchema(), out.value());

            assertThat(converter.toConnectData("orders", bytes).value()).isEqualTo(out.value());
        }
    }

    @Nested
    class FieldOfAStruct {

        @Test
        void replacesTheStringInPlaceAndSharesTheRest() {
            Struct input = envelope("{\"qty\":2}");

            SinkRecord out = value("field", "after.doc").apply(record(ENVELOPE, input));

            Struct after = ((Struct) out.value()).getStruct("after");
            assertThat(after.getStruct("doc").getInt64("qty")).isEqualTo(2L);
            assertThat(after.getString("note")).isEqualTo("n");
            assertThat(out.valueSchema().field("after").schema().field("doc").schema().type())
                .isEqualTo(Schema.Type.STRUCT);
            assertThat(out.valueSchema().name()).isEqualTo("Envelope");
            assertThat(input.getStruct("after").getString("doc")).as("input untouched").isEqualTo("{\"qty\":2}");
        }

        @Test
        void cachesTheRecordSchemaPerShape() {
            ParseJson<SinkRecord> transform = value("field", "after.doc");

            Schema first = transform.apply(record(ENVELOPE, envelope("{\"qty\":2}"))).valueSchema();
            Schema second = transform.apply(record(ENVELOPE, envelope("{\"qty\":3}"))).valueSchema();

            assertThat(second).isSameAs(first);
        }

        @Test
        void writesIntoATargetFieldAndKeepsTheText() {
            SinkRecord out = value("field", "after.doc", "target.field", "after.parsed")
                .apply(record(ENVELOPE, envelope("[1,2]")));

            Struct after = ((Struct) out.value()).getStruct("after");
            assertThat(after.getString("doc")).isEqualTo("[1,2]");
            assertThat(after.getArray("parsed")).containsExactly(1L, 2L);
            assertThat(after.schema().fields()).extracting(f -> f.name()).containsExactly("doc", "note", "parsed");
        }

        @Test
        void writesIntoATopLevelTargetFieldOrReplacesAnExistingOne() {
            SinkRecord added = value("field", "after.doc", "target.field", "parsed")
                .apply(record(ENVELOPE, envelope("{\"a\":1}")));
            SinkRecord replaced = value("field", "after.doc", "target.field", "after.note")
                .apply(record(ENVELOPE, envelope("\"text\"")));

            assertThat(((Struct) added.value()).getStruct("parsed").getInt64("a")).isEqualTo(1L);
            assertThat(((Struct) added.value()).getInt64("id")).isEqualTo(7L);
            assertThat(((Struct) replaced.value()).getStruct("after").getString("note")).isEqualTo("text");
            assertThat(replaced.valueSchema().field("after").schema().fields()).hasSize(2);
        }

        @Test
        void nullAndAbsentFieldsPassThrough() {
            ParseJson<SinkRecord> transform = value("field", "after.doc");
            SinkRecord nullField = record(ENVELOPE, envelope(null));
            SinkRecord nullParent = record(ENVELOPE, new Struct(ENVELOPE).put("id", 1L));

            assertThat(transform.apply(nullField)).isSameAs(nullField);
            assertThat(transform.apply(nullParent)).isSameAs(nullParent);
        }

        @Test
        void badJsonNamesTheFieldAndTheRecord() {
            assertThatThrownBy(() -> value("field", "after.doc").apply(record(ENVELOPE, envelope("{oops"))))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("ParseJson could not parse field 'after.doc' of the record value of "
                    + COORDINATES + ": not valid JSON: ");
        }

        @Test
        void schemalessOutputCannotGoIntoAStruct() {
            assertThatThrownBy(() -> value("field", "after.doc", "output", "schemaless")
                .apply(record(ENVELOPE, envelope("{}"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("need output=struct when field is set");
        }

        @Test
        void declaredSchemaConvertsAndNamesMismatchingFields() {
            ParseJson<SinkRecord> transform = value("field", "after.doc", "schema.mode", "declared",
                "schema.declared", "id:int32!,price:decimal(2),tags:array<string>,addr:struct<zip:string>,"
                    + "attrs:map<int64>");

            Struct doc = ((Struct) transform.apply(record(ENVELOPE, envelope(
                "{\"id\":5,\"price\":1.5,\"tags\":[\"x\",7],\"addr\":{\"zip\":75001},\"attrs\":{\"w\":3},"
                    + "\"extra\":1}"))).value()).getStruct("after").getStruct("doc");

            assertThat(doc.getInt32("id")).isEqualTo(5);
            assertThat(doc.get("price")).isEqualTo(new BigDecimal("1.50"));
            assertThat(doc.getArray("tags")).containsExactly("x", "7");
            assertThat(doc.getStruct("addr").getString("zip")).isEqualTo("75001");
            assertThat(doc.getMap("attrs")).containsEntry("w", 3L);
            assertThat(doc.schema().field("extra")).isNull();

            assertThatThrownBy(() -> transform.apply(record(ENVELOPE, envelope("{\"id\":5,\"attrs\":{\"w\":\"x\"}}"))))
                .isInstanceOf(DataException.class)
                .hasMessage("ParseJson could not parse field 'after.doc' of the record value of " + COORDINATES
                    + ": at 'after.doc.attrs.w': expected an integer but found a string");
            assertThatThrownBy(() -> transform.apply(record(ENVELOPE, envelope("{\"price\":1}"))))
                .hasMessageEndingWith("at 'after.doc.id': a value is required but the member is missing");
            assertThatThrownBy(() -> transform.apply(record(ENVELOPE, envelope("{\"id\":1,\"price\":1.234}"))))
                .hasMessageEndingWith("at 'after.doc.price': the number 1.234 has more than 2 decimal places,"
                    + " the scale of its Decimal schema");
            assertThatThrownBy(() -> transform.apply(record(ENVELOPE, envelope("{\"id\":3000000000}"))))
                .hasMessageEndingWith("at 'after.doc.id': the number 3000000000 does not fit in int32");
            assertThatThrownBy(() -> transform.apply(record(ENVELOPE, envelope("[1]"))))
                .hasMessageEndingWith("at 'after.doc': expected an object but found an array");
        }
    }

    @Nested
    class FieldOfAMap {

        private Map<String, Object> value(Object doc) {
            Map<String, Object> inner = new HashMap<>();
            inner.put("doc", doc);
            Map<String, Object> outer = new HashMap<>();
            outer.put("after", inner);
            return outer;
        }

        @Test
        void replacesInPlaceWithSchemalessData() {
            SinkRecord out = ParseJsonTest.this.value("field", "after.doc", "output", "schemaless")
                .apply(record(null, value("{\"a\":[1]}")));

            assertThat(out.value()).isEqualTo(Map.of("after", Map.of("doc", Map.of("a", List.of(1L)))));
            assertThat(out.valueSchema()).isNull();
        }

        @Test
        void writesIntoATargetField() {
            Map<String, Object> input = value("true");

            SinkRecord out = ParseJsonTest.this.value("field", "after.doc", "output", "schemaless",
                "target.field", "after.flag").apply(record(null, input));

            assertThat(out.value()).isEqualTo(Map.of("after", Map.of("doc", "true", "flag", true)));
            assertThat(input).isEqualTo(value("true"));
        }

        @Test
        void parsesInsideOneArrayElement() {
            Map<String, Object> first = new HashMap<>();
            first.put("payload", "{\"a\":1}");
            Map<String, Object> second = new HashMap<>();
            second.put("payload", "{\"a\":2}");
            Map<String, Object> input = new HashMap<>();
            input.put("items", List.of(first, second));

            SinkRecord out = ParseJsonTest.this.value("field", "items[0].payload", "output", "schemaless",
                "target.field", "items[0].parsed").apply(record(null, input));

            assertThat(out.value()).isEqualTo(Map.of("items", List.of(
                Map.of("payload", "{\"a\":1}", "parsed", Map.of("a", 1L)),
                Map.of("payload", "{\"a\":2}"))));
        }

        @Test
        void structOutputNeedsASchema() {
            assertThatThrownBy(() -> ParseJsonTest.this.value("field", "after.doc")
                .apply(record(null, value("{}"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("records without a schema (a Map value) need output=schemaless");
        }

        @Test
        void nullFieldsPassThrough() {
            SinkRecord record = record(null, value(null));

            assertThat(ParseJsonTest.this.value("field", "after.doc", "output", "schemaless").apply(record))
                .isSameAs(record);
        }
    }

    @Nested
    class Configuration {

        @Test
        void rejectsInvalidCombinations() {
            assertThatThrownBy(() -> value("target.field", "x"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("target.field").hasMessageContaining("requires field");
            assertThatThrownBy(() -> value("schema.mode", "declared"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.declared");
            assertThatThrownBy(() -> value("schema.declared", "a:string"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("is only used with schema.mode=declared");
            assertThatThrownBy(() -> value("output", "schemaless", "schema.mode", "declared",
                "schema.declared", "a:string"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("output=struct");
            assertThatThrownBy(() -> value("field", "items[*].doc"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[*] is not allowed");
            assertThatThrownBy(() -> value("field", "a", "target.field", "b[0]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must end with a field name");
            assertThatThrownBy(() -> value("schema.mode", "declared", "schema.declared", "a:int99"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.declared")
                .hasMessageContaining("unknown type 'int99'");
        }

        @Test
        void arrayElementsNeedSchemalessOutput() {
            assertThatThrownBy(() -> value("field", "items[0].payload"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("field")
                .hasMessageContaining("goes through an array element")
                .hasMessageContaining("set output=schemaless")
                .hasMessageNotContaining("\n");
            assertThatThrownBy(() -> value("field", "payload", "target.field", "items[0].parsed"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("target.field")
                .hasMessageContaining("goes through an array element");
        }

        @Test
        void findsTheParentOfQuotedNames() {
            assertThat(ParseJson.parentOf(dev.spillway.connect.smt.field.FieldPath.parse("a.`b.c`.d"))
                .toString()).isEqualTo("a.`b.c`");
        }
    }

    /** Hostile documents fail as one malformed record, naming the setting, like any invalid JSON. */
    @Nested
    class Limits {

        @Test
        void deeplyNestedDocumentsFailNamingTheLimit() {
            String deep = "[".repeat(100_000);
            assertThatThrownBy(() -> value().apply(record(Schema.STRING_SCHEMA, deep)))
                .isInstanceOf(DataException.class)
                .hasMessage("ParseJson could not parse the record value of " + COORDINATES + ": not valid JSON:"
                    + " it nests deeper than json.max.nesting.depth=500");
            assertThatThrownBy(() -> value("json.max.nesting.depth", "3").apply(record(null, "[[[[1]]]]")))
                .isInstanceOf(DataException.class).hasMessageContaining("json.max.nesting.depth=3");
            String fine = "[".repeat(500) + "]".repeat(500);
            assertThat(value("output", "schemaless").apply(record(null, fine)).value()).isInstanceOf(List.class);
            assertThat(value().apply(record(null, fine)).valueSchema().type()).isEqualTo(Schema.Type.ARRAY);
        }

        @Test
        void longNumbersAndHugeExponentsFail() {
            assertThatThrownBy(() -> value().apply(record(null, "{\"n\": " + "9".repeat(1001) + "}")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("not valid JSON: a number is longer than json.max.number.length=1000"
                    + " characters");
            for (String number : new String[] {"1e1000000000", "1e-1000000000", "1.5E+1002"}) {
                for (String numbers : new String[] {"decimal", "float64"}) {
                    assertThatThrownBy(() -> value("infer.numbers", numbers)
                        .apply(record(null, "{\"n\": " + number + "}")))
                        .as(number).isInstanceOf(DataException.class)
                        .hasMessageContaining("not valid JSON: a number has an exponent beyond"
                            + " json.max.number.length=1000");
                }
                assertThatThrownBy(() -> value("output", "schemaless").apply(record(null, "[" + number + "]")))
                    .isInstanceOf(DataException.class).hasMessageContaining("json.max.number.length");
            }
            Struct parsed = (Struct) value("infer.numbers", "decimal").apply(record(null, "{\"n\": 1e-999}"))
                .value();
            assertThat(parsed.schema().field("n").schema().parameters()).containsEntry("scale", "999");
        }

        @Test
        void longStringsFail() {
            String text = "{\"s\": \"" + "x".repeat(101) + "\"}";
            assertThatThrownBy(() -> value("json.max.string.length", "100").apply(record(null, text)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("not valid JSON: a string or name is longer than json.max.string.length=100"
                    + " characters");
            String name = "{\"" + "k".repeat(101) + "\": 1}";
            assertThatThrownBy(() -> value("json.max.string.length", "100").apply(record(null, name)))
                .isInstanceOf(DataException.class).hasMessageContaining("json.max.string.length=100");
        }

        @Test
        void quotedTokensAreCleanAndShort() {
            String hostile = "{\"a\": tru\u001b]0;owned\u0007}";
            assertThatThrownBy(() -> value().apply(record(null, hostile)))
                .isInstanceOf(DataException.class)
                .hasMessageNotContaining("\u001b").hasMessageContaining("Unrecognized token 'tru\\u001b'");
            String long_ = "{\"a\": " + "x".repeat(5000) + "}";
            assertThatThrownBy(() -> value().apply(record(null, long_)))
                .isInstanceOf(DataException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
        }

        @Test
        void limitsAreValidated() {
            assertThatThrownBy(() -> value("json.max.nesting.depth", "0"))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
                .hasMessageContaining("json.max.nesting.depth");
            assertThatThrownBy(() -> value("json.max.nesting.depth", "1001"))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
                .hasMessageContaining("json.max.nesting.depth");
        }

        @Test
        void theDeepestAllowedDocumentsAreParsedWithSchemaAndWithout() {
            String arrays = "[".repeat(1000) + "]".repeat(1000);
            String objects = "{\"a\":".repeat(999) + "1" + "}".repeat(999);
            for (String doc : new String[] {arrays, objects}) {
                assertThat(value("json.max.nesting.depth", "1000").apply(record(null, doc)).value()).isNotNull();
                assertThat(value("json.max.nesting.depth", "1000", "output", "schemaless", "infer.numbers",
                    "decimal").apply(record(null, doc)).value()).isNotNull();
            }
        }

        @Test
        void aGuardRoutesTheRecordToItsErrorTopic() {
            Guard<SinkRecord> guard = new Guard<>();
            guard.configure(props("transforms", "parse", "transforms.parse.type", ParseJson.Value.class.getName(),
                "error.topic", "orders-errors"));
            transforms.add(guard);
            SinkRecord routed = guard.apply(record(Schema.STRING_SCHEMA, "[".repeat(100_000)));
            assertThat(routed.topic()).isEqualTo("orders-errors");
            assertThat(routed.headers().lastWithName("__connect.errors.exception.message").value().toString())
                .contains("json.max.nesting.depth=500");
        }
    }
}
