package dev.spillway.connect.smt;

import dev.spillway.connect.smt.field.FieldPath;
import dev.spillway.connect.common.version.PluginVersion;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaskTest {

    private static final String TOPIC = "orders";
    private static final String COORDINATES = "topic 'orders' partition 3 offset 42";

    /** SHA-256("abc"), the FIPS 180-2 example. */
    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String SHA256_ABC_BASE64 = "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=";
    /** HMAC-SHA-256, RFC 4231 test case 2. */
    private static final String HMAC_KEY = "Jefe";
    private static final String HMAC_DATA = "what do ya want for nothing?";
    private static final String HMAC_EXPECTED = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    private static final String SHA256_SALTABC = "3681099918be28c95b81e27e7e5c2e4c6a6dea566d2d10e7f49139ebb779eb6f";
    private static final String HMAC_JEFE_PEPPERABC =
        "f8e905ee4eef38eac483bc5e9a7ecc83aa8803de7d243a5fa00a249d37b27785";
    private static final String SHA256_42 = "73475cb40a568e8da8a045ced110137e159f890ac4da883b6b17dc651b3a8049";
    private static final String SHA256_2024_05_31 = "06b38c1691989f768249b99fc33208e5cd2e4fe048c53a21a2b4e56406c96079";

    private static final java.util.Date MAY_31 = java.util.Date.from(Instant.parse("2024-05-31T00:00:00Z"));
    private static final java.util.Date EPOCH = new java.util.Date(0L);

    private final List<Transformation<?>> transforms = new ArrayList<>();

    @AfterEach
    void closeTransforms() {
        transforms.forEach(Transformation::close);
    }

    private Mask<SinkRecord> valueMask(String... keysAndValues) {
        Mask<SinkRecord> mask = new Mask.Value<>();
        mask.configure(props(keysAndValues));
        transforms.add(mask);
        return mask;
    }

    private Mask<SinkRecord> keyMask(String... keysAndValues) {
        Mask<SinkRecord> mask = new Mask.Key<>();
        mask.configure(props(keysAndValues));
        transforms.add(mask);
        return mask;
    }

    static Map<String, String> props(String... keysAndValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord(TOPIC, 3, Schema.STRING_SCHEMA, "key", schema, value, 42L);
    }

    private static Struct struct(Schema schema, Object... fieldsAndValues) {
        Struct struct = new Struct(schema);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            struct.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return struct;
    }

    private static Struct maskedStruct(Mask<SinkRecord> mask, Struct value) {
        Struct masked = (Struct) mask.apply(record(value.schema(), value)).value();
        masked.validate();
        return masked;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> maskedMap(Mask<SinkRecord> mask, Map<String, Object> value) {
        return (Map<String, Object>) mask.apply(record(null, value)).value();
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static final Schema ADDRESS = SchemaBuilder.struct().name("Address").optional()
        .field("street", Schema.STRING_SCHEMA)
        .field("city", Schema.OPTIONAL_STRING_SCHEMA)
        .build();
    private static final Schema LINE = SchemaBuilder.struct().name("Line")
        .field("sku", Schema.STRING_SCHEMA)
        .field("price", Schema.FLOAT64_SCHEMA)
        .build();
    private static final Schema ORDER = SchemaBuilder.struct().name("Order")
        .field("id", Schema.INT64_SCHEMA)
        .field("email", Schema.STRING_SCHEMA)
        .field("phone", Schema.OPTIONAL_STRING_SCHEMA)
        .field("address", ADDRESS)
        .field("lines", SchemaBuilder.array(LINE).build())
        .field("attributes", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).optional().build())
        .build();

    private static Struct order() {
        return struct(ORDER,
            "id", 1001L,
            "email", "ada@example.com",
            "phone", null,
            "address", struct(ADDRESS, "street", "1 Main St", "city", "Paris"),
            "lines", List.of(struct(LINE, "sku", "A-1", "price", 9.5), struct(LINE, "sku", "B-2", "price", 20.0)),
            "attributes", new LinkedHashMap<>(Map.of("secret", "s3cr3t")));
    }

    private static Map<String, Object> schemalessOrder() {
        List<Object> lines = new ArrayList<>();
        lines.add(map("sku", "A-1", "price", 9.5));
        lines.add(map("sku", "B-2", "price", 20.0));
        return map(
            "id", 1001L,
            "email", "ada@example.com",
            "phone", null,
            "address", map("street", "1 Main St", "city", "Paris"),
            "lines", lines,
            "attributes", map("secret", "s3cr3t"));
    }

    @Nested
    class Common {

        @Test
        void passesTombstonesThrough() {
            Mask<SinkRecord> mask = valueMask("fields", "email");
            SinkRecord withSchema = record(ORDER, null);
            SinkRecord schemaless = record(null, null);
            assertThat(mask.apply(withSchema)).isSameAs(withSchema);
            assertThat(mask.apply(schemaless)).isSameAs(schemaless);
        }

        @Test
        void passesNullKeysThrough() {
            SinkRecord record = new SinkRecord(TOPIC, 0, null, null, ORDER, order(), 1L);
            assertThat(keyMask("fields", "email").apply(record)).isSameAs(record);
        }

        @Test
        void masksKeys() {
            Schema keySchema = SchemaBuilder.struct().field("customerId", Schema.STRING_SCHEMA).build();
            Struct key = struct(keySchema, "customerId", "abc");
            SinkRecord record = new SinkRecord(TOPIC, 0, keySchema, key, ORDER, order(), 1L);

            SinkRecord masked = keyMask("fields", "customerId", "mode", "hash").apply(record);

            assertThat(((Struct) masked.key()).get("customerId")).isEqualTo(SHA256_ABC);
            assertThat(masked.value()).isSameAs(record.value());
            assertThat(masked.valueSchema()).isSameAs(ORDER);
        }

        @Test
        void returnsTheRecordWhenNoPathMatches() {
            SinkRecord withSchema = record(ORDER, order());
            SinkRecord schemaless = record(null, schemalessOrder());
            Mask<SinkRecord> mask = valueMask("fields", "missing,address.missing,lines[7].sku,phone");
            assertThat(mask.apply(withSchema)).isSameAs(withSchema);
            assertThat(mask.apply(schemaless)).isSameAs(schemaless);
        }

        @Test
        void aSortedMapOfOtherKeysIsWalkedPastNotAClassCastException() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("codes", new java.util.TreeMap<>(Map.of(1, "one", 2, "two")));
            value.put("email", "a@example.com");
            Map<String, Object> masked = maskedMap(valueMask("fields", "codes.name,email", "mode", "null"), value);
            assertThat(masked.get("codes")).isEqualTo(Map.of(1, "one", 2, "two"));
            assertThat(masked.get("email")).isNull();
        }

        @Test
        void neverModifiesTheIncomingValue() {
            Struct original = order();
            Map<String, Object> schemaless = schemalessOrder();
            String fields = "email,address.city,lines[*].sku,attributes.secret";

            maskedStruct(valueMask("fields", fields, "mode", "null"), original);
            maskedMap(valueMask("fields", fields, "mode", "hash"), schemaless);

            assertThat(original).isEqualTo(order());
            assertThat(schemaless).isEqualTo(schemalessOrder());
        }

        @Test
        void theOutputKeepsTheOrderAndDoesNotFollowLaterChangesToTheInput() {
            String fields = "email,address.city";
            Struct original = order();
            Struct maskedStruct = maskedStruct(valueMask("fields", fields), original);
            Struct expectedStruct = maskedStruct(valueMask("fields", fields), order());
            original.put("id", 7L).put("phone", "later");
            original.getStruct("address").put("street", "later");
            assertThat(maskedStruct).isEqualTo(expectedStruct);

            for (Map<String, Object> input : List.of(schemalessOrder(), new HashMap<>(schemalessOrder()))) {
                List<String> order = List.copyOf(input.keySet());
                Map<String, Object> masked = maskedMap(valueMask("fields", fields), input);
                Map<String, Object> snapshot = new LinkedHashMap<>(masked);
                assertThat(masked.keySet()).containsExactlyElementsOf(order);
                input.put("id", 7L);
                input.remove("phone");
                input.put("added", "later");
                assertThat(masked).containsExactlyEntriesOf(snapshot);
                masked.put("email", "changed downstream");
                masked.put("more", "added downstream");
                assertThat(input).containsEntry("email", "ada@example.com").doesNotContainKey("more");
            }
        }

        @Test
        void keepsEverythingElseOfTheRecord() {
            SinkRecord record = new SinkRecord(TOPIC, 3, Schema.STRING_SCHEMA, "key", ORDER, order(), 42L,
                1_700_000_000_000L, org.apache.kafka.common.record.TimestampType.CREATE_TIME);
            record.headers().addString("trace", "t-1");

            SinkRecord masked = valueMask("fields", "email").apply(record);

            assertThat(masked.topic()).isEqualTo(TOPIC);
            assertThat(masked.kafkaPartition()).isEqualTo(3);
            assertThat(masked.kafkaOffset()).isEqualTo(42L);
            assertThat(masked.timestamp()).isEqualTo(1_700_000_000_000L);
            assertThat(masked.key()).isEqualTo("key");
            assertThat(masked.headers().lastWithName("trace").value()).isEqualTo("t-1");
        }

        @Test
        void schemalessValueMustBeAMap() {
            assertThatThrownBy(() -> valueMask("fields", "email").apply(record(null, "plain text")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(COORDINATES)
                .hasMessageContaining("only Map values")
                .hasMessageContaining("java.lang.String");
        }

        @Test
        void valueWithSchemaMustBeAStruct() {
            assertThatThrownBy(() -> valueMask("fields", "email").apply(record(Schema.STRING_SCHEMA, "text")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(COORDINATES)
                .hasMessageContaining("only Struct values");
        }

        @Test
        void errorsForSourceRecordsNameTopicAndPartition() {
            SourceRecord record = new SourceRecord(null, null, "events", 1, null, List.of("not a map"));
            Mask<SourceRecord> mask = new Mask.Value<>();
            mask.configure(props("fields", "a"));
            transforms.add(mask);
            assertThatThrownBy(() -> mask.apply(record))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("record value of topic 'events' partition 1:");
        }

        @Test
        void reportsTheModuleVersion() {
            assertThat(valueMask("fields", "a").version()).isEqualTo(PluginVersion.get()).isNotEqualTo("unknown");
        }

        @Test
        void exposesItsConfigDef() {
            assertThat(new Mask.Value<SinkRecord>().config().names()).contains(MaskConfig.FIELDS_CONFIG,
                MaskConfig.MODE_CONFIG, MaskConfig.HASH_KEY_CONFIG, MaskConfig.PARTIAL_REGEX_CONFIG);
        }

        @Test
        void closesWithoutBeingConfigured() {
            new Mask.Key<SinkRecord>().close();
        }
    }

    @Nested
    class ReplaceMode {

        private final Schema everyType = SchemaBuilder.struct()
            .field("int8", Schema.INT8_SCHEMA)
            .field("int16", Schema.INT16_SCHEMA)
            .field("int32", Schema.INT32_SCHEMA)
            .field("int64", Schema.INT64_SCHEMA)
            .field("float32", Schema.FLOAT32_SCHEMA)
            .field("float64", Schema.FLOAT64_SCHEMA)
            .field("boolean", Schema.BOOLEAN_SCHEMA)
            .field("string", Schema.STRING_SCHEMA)
            .field("bytes", Schema.BYTES_SCHEMA)
            .field("buffer", Schema.BYTES_SCHEMA)
            .field("decimal", Decimal.schema(2))
            .field("date", Date.SCHEMA)
            .field("time", Time.SCHEMA)
            .field("timestamp", Timestamp.SCHEMA)
            .field("array", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("map", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
            .field("optional", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
        private final String allFields = String.join(",", everyType.fields().stream().map(f -> f.name()).toList());

        private Struct everyValue() {
            return struct(everyType,
                "int8", (byte) 8, "int16", (short) 16, "int32", 32, "int64", 64L,
                "float32", 3.2f, "float64", 6.4, "boolean", true, "string", "secret",
                "bytes", "raw".getBytes(StandardCharsets.UTF_8),
                "buffer", ByteBuffer.wrap("raw".getBytes(StandardCharsets.UTF_8)),
                "decimal", new BigDecimal("12.34"), "date", MAY_31, "time", new java.util.Date(49_500_000L),
                "timestamp", MAY_31, "array", List.of("a", "b"), "map", Map.of("a", 1), "optional", null);
        }

        @Test
        void replacesEveryTypeWithAValueOfThatType() {
            Mask<SinkRecord> mask = valueMask("fields", allFields);
            SinkRecord masked = mask.apply(record(everyType, everyValue()));
            Struct value = (Struct) masked.value();

            value.validate();
            assertThat(masked.valueSchema()).isSameAs(everyType);
            assertThat(value.get("int8")).isEqualTo((byte) 0);
            assertThat(value.get("int16")).isEqualTo((short) 0);
            assertThat(value.get("int32")).isEqualTo(0);
            assertThat(value.get("int64")).isEqualTo(0L);
            assertThat(value.get("float32")).isEqualTo(0f);
            assertThat(value.get("float64")).isEqualTo(0d);
            assertThat(value.get("boolean")).isEqualTo(false);
            assertThat(value.get("string")).isEqualTo("****");
            assertThat(value.getBytes("bytes")).isEmpty();
            assertThat(value.get("buffer")).isEqualTo(ByteBuffer.allocate(0));
            assertThat(value.get("decimal")).isEqualTo(new BigDecimal("0.00"));
            assertThat(value.get("date")).isEqualTo(EPOCH);
            assertThat(value.get("time")).isEqualTo(EPOCH);
            assertThat(value.get("timestamp")).isEqualTo(EPOCH);
            assertThat(value.getArray("array")).isEmpty();
            assertThat(value.getMap("map")).isEmpty();
            assertThat(value.get("optional")).isNull();
        }

        @Test
        void usesTheReplacementForNumbersWhenItParses() {
            Struct value = maskedStruct(valueMask("fields", allFields, "replacement", "-1"), everyValue());

            assertThat(value.get("string")).isEqualTo("-1");
            assertThat(value.get("int8")).isEqualTo((byte) -1);
            assertThat(value.get("int16")).isEqualTo((short) -1);
            assertThat(value.get("int32")).isEqualTo(-1);
            assertThat(value.get("int64")).isEqualTo(-1L);
            assertThat(value.get("float32")).isEqualTo(-1f);
            assertThat(value.get("float64")).isEqualTo(-1d);
            assertThat(value.get("decimal")).isEqualTo(new BigDecimal("-1.00"));
            assertThat(value.get("boolean")).isEqualTo(false);
        }

        @Test
        void parsesTheReplacementPerType() {
            Struct value = maskedStruct(valueMask("fields", allFields, "replacement", "12.345"), everyValue());

            assertThat(value.get("int32")).isEqualTo(0);
            assertThat(value.get("int64")).isEqualTo(0L);
            assertThat(value.get("float32")).isEqualTo(12.345f);
            assertThat(value.get("float64")).isEqualTo(12.345d);
            assertThat(value.get("decimal")).isEqualTo(new BigDecimal("12.35"));
            assertThat(value.get("int8")).isEqualTo((byte) 0);
        }

        @Test
        void replacesNestedArrayAndMapValues() {
            Struct value = maskedStruct(valueMask("fields", "email,address.city,lines[*].sku,lines[1].price,"
                + "attributes.secret"), order());

            assertThat(value.get("email")).isEqualTo("****");
            assertThat(value.getStruct("address").get("city")).isEqualTo("****");
            assertThat(value.getStruct("address").get("street")).isEqualTo("1 Main St");
            assertThat(value.<Struct>getArray("lines")).extracting(line -> line.get("sku"))
                .containsExactly("****", "****");
            assertThat(value.<Struct>getArray("lines")).extracting(line -> line.get("price"))
                .containsExactly(9.5, 0.0);
            assertThat(value.getMap("attributes")).containsExactly(Map.entry("secret", "****"));
        }

        @Test
        void replacesEveryJavaTypeWithoutSchema() {
            Map<String, Object> value = map(
                "int8", (byte) 8, "int16", (short) 16, "int32", 32, "int64", 64L, "float32", 3.2f, "float64", 6.4,
                "boolean", true, "string", "secret", "bytes", new byte[] {1}, "buffer", ByteBuffer.wrap(new byte[1]),
                "decimal", new BigDecimal("1.234"), "date", MAY_31, "list", List.of(1), "map", Map.of("a", 1),
                "null", null);
            String fields = String.join(",", value.keySet());

            Map<String, Object> masked = maskedMap(valueMask("fields", fields, "replacement", "7"), value);

            assertThat(masked).containsEntry("int8", (byte) 7).containsEntry("int16", (short) 7)
                .containsEntry("int32", 7).containsEntry("int64", 7L).containsEntry("float32", 7f)
                .containsEntry("float64", 7d).containsEntry("boolean", false).containsEntry("string", "7")
                .containsEntry("buffer", ByteBuffer.allocate(0)).containsEntry("decimal", new BigDecimal("7.000"))
                .containsEntry("date", EPOCH).containsEntry("list", List.of()).containsEntry("map", Map.of())
                .containsEntry("null", null);
            assertThat((byte[]) masked.get("bytes")).isEmpty();
        }

        @Test
        void replacesNestedSchemalessValues() {
            Map<String, Object> masked = maskedMap(valueMask("fields", "address.city,lines[*].sku,attributes.secret"),
                schemalessOrder());

            assertThat(masked.get("address")).isEqualTo(map("street", "1 Main St", "city", "****"));
            assertThat(masked.get("lines")).isEqualTo(List.of(map("sku", "****", "price", 9.5),
                map("sku", "****", "price", 20.0)));
            assertThat(masked.get("attributes")).isEqualTo(map("secret", "****"));
        }

        @Test
        void cannotReplaceAStruct() {
            assertThatThrownBy(() -> valueMask("fields", "address").apply(record(ORDER, order())))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(COORDINATES)
                .hasMessageContaining("\"address\"")
                .hasMessageContaining("mode=null");
        }

        @Test
        void cannotReplaceUnknownSchemalessTypes() {
            assertThatThrownBy(() -> maskedMap(valueMask("fields", "odd"), map("odd", new StringBuilder("x"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("\"odd\"")
                .hasMessageContaining("java.lang.StringBuilder");
        }
    }

    @Nested
    class NullMode {

        @Test
        void nullsOptionalFieldsKeepingTheSchema() {
            Schema schema = SchemaBuilder.struct().field("phone", Schema.OPTIONAL_STRING_SCHEMA)
                .field("other", Schema.INT32_SCHEMA).build();
            SinkRecord masked = valueMask("fields", "phone", "mode", "null")
                .apply(record(schema, struct(schema, "phone", "555", "other", 1)));

            assertThat(masked.valueSchema()).isSameAs(schema);
            assertThat(((Struct) masked.value()).get("phone")).isNull();
            assertThat(((Struct) masked.value()).get("other")).isEqualTo(1);
        }

        @Test
        void makesRequiredFieldsOptionalInACachedSchema() {
            Mask<SinkRecord> mask = valueMask("fields", "email,address,lines[*].sku", "mode", "null");

            SinkRecord first = mask.apply(record(ORDER, order()));
            SinkRecord second = mask.apply(record(ORDER, order()));

            Schema schema = first.valueSchema();
            assertThat(schema).isNotSameAs(ORDER);
            assertThat(schema.field("email").schema().isOptional()).isTrue();
            assertThat(schema.field("id").schema()).isSameAs(ORDER.field("id").schema());
            assertThat(schema.field("lines").schema().valueSchema().field("sku").schema().isOptional()).isTrue();
            assertThat(second.valueSchema()).isSameAs(schema);
            Struct value = (Struct) first.value();
            value.validate();
            assertThat(value.get("email")).isNull();
            assertThat(value.get("address")).isNull();
            assertThat(value.<Struct>getArray("lines")).extracting(line -> line.get("sku")).containsOnlyNulls();
            assertThat(value.<Struct>getArray("lines")).extracting(line -> line.get("price"))
                .containsExactly(9.5, 20.0);
        }

        @Test
        void cachesByEqualSchemasNotJustTheSameInstance() {
            Mask<SinkRecord> mask = valueMask("fields", "email", "mode", "null");
            Schema copy = SchemaBuilder.struct().name("Order").field("email", Schema.STRING_SCHEMA).build();
            Schema equalCopy = SchemaBuilder.struct().name("Order").field("email", Schema.STRING_SCHEMA).build();

            Schema first = mask.apply(record(copy, struct(copy, "email", "a"))).valueSchema();
            Schema second = mask.apply(record(equalCopy, struct(equalCopy, "email", "b"))).valueSchema();

            assertThat(second).isSameAs(first);
        }

        @Test
        void dropsDefaultsSoConsumersSeeTheNull() {
            Schema schema = SchemaBuilder.struct()
                .field("code", SchemaBuilder.string().optional().defaultValue("none").build()).build();
            SinkRecord masked = valueMask("fields", "code", "mode", "null")
                .apply(record(schema, struct(schema, "code", "X")));

            assertThat(masked.valueSchema().field("code").schema().defaultValue()).isNull();
            assertThat(((Struct) masked.value()).get("code")).isNull();
        }

        @Test
        void nullsOneArrayElementMakingAllElementsOptional() {
            SinkRecord masked = valueMask("fields", "lines[0]", "mode", "null").apply(record(ORDER, order()));

            Schema elements = masked.valueSchema().field("lines").schema().valueSchema();
            assertThat(elements.isOptional()).isTrue();
            Struct value = (Struct) masked.value();
            value.validate();
            List<Struct> lines = value.getArray("lines");
            assertThat(lines.get(0)).isNull();
            assertThat(lines.get(1).schema()).isSameAs(elements);
            assertThat(lines.get(1).get("sku")).isEqualTo("B-2");
        }

        @Test
        void nullsSchemalessValuesKeepingTheKey() {
            Map<String, Object> masked = maskedMap(valueMask("fields", "email,lines[0]", "mode", "null"),
                schemalessOrder());

            assertThat(masked).containsEntry("email", null);
            assertThat((List<?>) masked.get("lines")).hasSize(2).first().isNull();
        }
    }

    @Nested
    class HashMode {

        private final Schema stringSchema = SchemaBuilder.struct().field("s", Schema.STRING_SCHEMA).build();

        private Object hashed(Mask<SinkRecord> mask, String input) {
            return ((Struct) mask.apply(record(stringSchema, struct(stringSchema, "s", input))).value()).get("s");
        }

        @Test
        void matchesTheSha256TestVector() {
            assertThat(hashed(valueMask("fields", "s", "mode", "hash"), "abc")).isEqualTo(SHA256_ABC);
            assertThat(hashed(valueMask("fields", "s", "mode", "hash", "hash.encoding", "base64"), "abc"))
                .isEqualTo(SHA256_ABC_BASE64);
        }

        @Test
        void matchesTheHmacSha256TestVector() {
            Mask<SinkRecord> mask = valueMask("fields", "s", "mode", "hash", "hash.algorithm", "HMAC-SHA-256",
                "hash.key", HMAC_KEY);
            assertThat(hashed(mask, HMAC_DATA)).isEqualTo(HMAC_EXPECTED);
        }

        @Test
        void hashesTheSaltFollowedByTheValue() {
            assertThat(hashed(valueMask("fields", "s", "mode", "hash", "hash.salt", "salt"), "abc"))
                .isEqualTo(SHA256_SALTABC);
            assertThat(hashed(valueMask("fields", "s", "mode", "hash", "hash.algorithm", "HMAC-SHA-256",
                "hash.key", HMAC_KEY, "hash.salt", "pepper"), "abc")).isEqualTo(HMAC_JEFE_PEPPERABC);
        }

        @Test
        void isDeterministicAcrossRecordsAndInstances() {
            String[] config = {"fields", "s", "mode", "hash", "hash.algorithm", "HMAC-SHA-256", "hash.key", "k"};
            Mask<SinkRecord> one = valueMask(config);
            Mask<SinkRecord> other = valueMask(config);
            Object first = hashed(one, "customer-17");
            assertThat(hashed(one, "customer-17")).isEqualTo(first);
            assertThat(hashed(other, "customer-17")).isEqualTo(first);
            assertThat(hashed(one, "customer-18")).isNotEqualTo(first);
        }

        @Test
        void hashesEqualNumbersAlikeWhateverTheirType() {
            Schema schema = SchemaBuilder.struct()
                .field("int32", Schema.INT32_SCHEMA)
                .field("int64", Schema.INT64_SCHEMA)
                .field("float64", Schema.FLOAT64_SCHEMA)
                .field("decimal", Decimal.schema(2))
                .field("string", Schema.STRING_SCHEMA)
                .build();
            Struct value = maskedStruct(valueMask("fields", "int32,int64,float64,decimal,string", "mode", "hash"),
                struct(schema, "int32", 42, "int64", 42L, "float64", 42.0, "decimal", new BigDecimal("42.00"),
                    "string", "42"));

            assertThat(List.of(value.get("int32"), value.get("int64"), value.get("float64"), value.get("decimal"),
                value.get("string"))).containsOnly(SHA256_42);
        }

        @Test
        void hashesBytesRawAndDatesAsIsoText() {
            Schema schema = SchemaBuilder.struct()
                .field("bytes", Schema.BYTES_SCHEMA)
                .field("date", Date.SCHEMA)
                .build();
            Struct value = maskedStruct(valueMask("fields", "bytes,date", "mode", "hash"),
                struct(schema, "bytes", "abc".getBytes(StandardCharsets.US_ASCII), "date", MAY_31));

            assertThat(value.get("bytes")).isEqualTo(SHA256_ABC);
            assertThat(value.get("date")).isEqualTo(SHA256_2024_05_31);
        }

        @Test
        void turnsHashedFieldsIntoStringsKeepingOptionality() {
            Schema plainString = Schema.STRING_SCHEMA;
            Schema schema = SchemaBuilder.struct()
                .field("required", SchemaBuilder.int64().defaultValue(5L).doc("an id").build())
                .field("optional", Schema.OPTIONAL_INT32_SCHEMA)
                .field("string", plainString)
                .field("decimal", Decimal.builder(2).optional().build())
                .field("untouched", Schema.INT32_SCHEMA)
                .build();
            Mask<SinkRecord> mask = valueMask("fields", "required,optional,string,decimal", "mode", "hash");

            SinkRecord first = mask.apply(record(schema, struct(schema, "required", 1L, "optional", null,
                "string", "abc", "decimal", new BigDecimal("1.00"), "untouched", 9)));
            SinkRecord second = mask.apply(record(schema, struct(schema, "required", 2L, "string", "def",
                "untouched", 10)));

            Schema output = first.valueSchema();
            assertThat(output.field("required").schema().type()).isEqualTo(Schema.Type.STRING);
            assertThat(output.field("required").schema().isOptional()).isFalse();
            assertThat(output.field("required").schema().defaultValue()).isNull();
            assertThat(output.field("required").schema().doc()).isEqualTo("an id");
            assertThat(output.field("optional").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(output.field("string").schema()).isSameAs(plainString);
            assertThat(output.field("decimal").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(output.field("untouched").schema()).isSameAs(Schema.INT32_SCHEMA);
            assertThat(second.valueSchema()).isSameAs(output);
            Struct value = (Struct) first.value();
            value.validate();
            assertThat(value.get("optional")).isNull();
            assertThat(value.get("untouched")).isEqualTo(9);
            assertThat(value.getString("required")).hasSize(64);
        }

        @Test
        void hashesArrayElementsIntoAStringArray() {
            Schema schema = SchemaBuilder.struct()
                .field("ids", SchemaBuilder.array(Schema.INT32_SCHEMA).build()).build();
            SinkRecord masked = valueMask("fields", "ids[*]", "mode", "hash")
                .apply(record(schema, struct(schema, "ids", List.of(42, 42))));

            assertThat(masked.valueSchema().field("ids").schema().valueSchema().type())
                .isEqualTo(Schema.Type.STRING);
            assertThat(((Struct) masked.value()).getArray("ids")).containsExactly(SHA256_42, SHA256_42);
        }

        @Test
        void hashesSchemalessValues() {
            Map<String, Object> masked = maskedMap(valueMask("fields", "id,lines[*].sku,phone", "mode", "hash"),
                schemalessOrder());

            // SHA-256 of "1001" and of "A-1".
            assertThat(masked.get("id")).isEqualTo("fe675fe7aaee830b6fed09b64e034f84dcbdaeb429d9cccd4ebb90e15af8dd71");
            assertThat(FieldPath.parse("lines[0].sku").valuesIn(masked))
                .containsExactly("bc4e7be982ab79ec4fb6388a6153e03ba1c5e60486b2119062654c326bf5db5c");
            assertThat(masked).containsEntry("phone", null);
        }

        @Test
        void cannotHashContainers() {
            assertThatThrownBy(() -> valueMask("fields", "lines", "mode", "hash").apply(record(ORDER, order())))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(COORDINATES)
                .hasMessageContaining("\"lines\"")
                .hasMessageContaining("[*]");
            assertThatThrownBy(() -> maskedMap(valueMask("fields", "address", "mode", "hash"), schemalessOrder()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("\"address\"");
        }

        @Test
        void neverRevealsTheKeyOrSalt() {
            String key = "super-secret-hmac-key";
            String salt = "super-secret-salt";
            Map<String, String> props = props("fields", "address", "mode", "hash", "hash.algorithm",
                "HMAC-SHA-256", "hash.key", key, "hash.salt", salt);
            Mask<SinkRecord> mask = valueMask(props.entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new));
            MaskConfig config = new MaskConfig(props);

            assertThatThrownBy(() -> mask.apply(record(ORDER, order())))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key).doesNotContain(salt));
            assertThat(mask.toString()).doesNotContain(key);
            assertThat(config.values().toString()).doesNotContain(key).doesNotContain(salt);
            assertThat(config.hashKey()).hasValueSatisfying(password ->
                assertThat(password.toString()).isEqualTo("[hidden]"));
        }

        @Test
        void isSafeToUseFromSeveralThreads() throws Exception {
            Mask<SinkRecord> mask = valueMask("fields", "s", "mode", "hash", "hash.algorithm", "HMAC-SHA-256",
                "hash.key", HMAC_KEY);
            ExecutorService executor = Executors.newFixedThreadPool(4);
            try {
                List<Callable<List<Object>>> tasks = new ArrayList<>();
                for (int thread = 0; thread < 4; thread++) {
                    tasks.add(() -> {
                        List<Object> results = new ArrayList<>();
                        for (int i = 0; i < 200; i++) {
                            results.add(hashed(mask, HMAC_DATA));
                        }
                        return results;
                    });
                }
                for (Future<List<Object>> future : executor.invokeAll(tasks)) {
                    assertThat(future.get()).containsOnly(HMAC_EXPECTED);
                }
            } finally {
                executor.shutdownNow();
            }
        }
    }

    @Nested
    class PartialMode {

        private final Schema schema = SchemaBuilder.struct()
            .field("s", Schema.OPTIONAL_STRING_SCHEMA)
            .field("n", Schema.OPTIONAL_INT32_SCHEMA)
            .build();

        private Object masked(String input, String... config) {
            List<String> props = new ArrayList<>(Arrays.asList(config));
            props.addAll(List.of("fields", "s", "mode", "partial"));
            Mask<SinkRecord> mask = valueMask(props.toArray(String[]::new));
            return ((Struct) mask.apply(record(schema, struct(schema, "s", input))).value()).get("s");
        }

        @Test
        void keepsTheFirstAndLastCharacters() {
            assertThat(masked("4111111111111111", "partial.keep.last", "4")).isEqualTo("************1111");
            assertThat(masked("abcdefgh", "partial.keep.first", "2", "partial.keep.last", "2"))
                .isEqualTo("ab****gh");
            assertThat(masked("abcdefgh")).isEqualTo("********");
        }

        @Test
        void masksShortValuesCompletely() {
            assertThat(masked("abc", "partial.keep.last", "4")).isEqualTo("***");
            assertThat(masked("abcd", "partial.keep.first", "2", "partial.keep.last", "2")).isEqualTo("****");
            assertThat(masked("", "partial.keep.last", "4")).isEqualTo("");
        }

        @Test
        void countsCodePointsNotChars() {
            assertThat(masked("😀😀😀abc", "partial.keep.first", "1", "partial.keep.last", "1"))
                .isEqualTo("😀****c");
            assertThat(masked("ab", "partial.mask.char", "😀")).isEqualTo("😀😀");
        }

        @Test
        void usesTheMaskCharacter() {
            assertThat(masked("secret", "partial.mask.char", "#", "partial.keep.first", "1")).isEqualTo("s#####");
        }

        @Test
        void replacesRegexMatches() {
            assertThat(masked("4111-1111-1111-1234", "partial.regex", "\\d(?=.{4})")).isEqualTo("****-****-****-1234");
            assertThat(masked("ada@example.com", "partial.regex", "^(.)[^@]*(@.*)$", "partial.regex.replacement",
                "$1***$2")).isEqualTo("a***@example.com");
            assertThat(masked("a1b2", "partial.regex", "\\d", "partial.mask.char", "$")).isEqualTo("a$b$");
        }

        @Test
        void leavesNullsAlone() {
            assertThat(masked(null, "partial.keep.last", "4")).isNull();
        }

        @Test
        void masksArrayElementsAndSchemalessStrings() {
            Map<String, Object> masked = maskedMap(valueMask("fields", "lines[*].sku,email", "mode", "partial",
                "partial.keep.first", "1"), schemalessOrder());
            assertThat(masked.get("email")).isEqualTo("a**************");
            assertThat(FieldPath.parse("lines[*].sku").valuesIn(masked)).containsExactly("A**", "B**");
        }

        @Test
        void rejectsOtherTypes() {
            assertThatThrownBy(() -> valueMask("fields", "n", "mode", "partial")
                .apply(record(schema, struct(schema, "n", 5))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(COORDINATES)
                .hasMessageContaining("\"n\"")
                .hasMessageContaining("only string fields");
            assertThatThrownBy(() -> maskedMap(valueMask("fields", "id", "mode", "partial"), schemalessOrder()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("\"id\"")
                .hasMessageContaining("java.lang.Long");
        }
    }

    @Nested
    class Serialization {

        /** Masked records must still serialize: schema and value have to agree everywhere. */
        private void assertRoundTrips(SinkRecord masked) {
            JsonConverter converter = new JsonConverter();
            converter.configure(Map.of("schemas.enable", "true"), false);
            byte[] json = converter.fromConnectData(TOPIC, masked.valueSchema(), masked.value());
            SchemaAndValue back = converter.toConnectData(TOPIC, json);
            assertThat(back.value()).isEqualTo(masked.value());
        }

        @Test
        void nullMaskedRecordsRoundTrip() {
            assertRoundTrips(valueMask("fields", "email,address.street,lines[*].price,attributes.secret",
                "mode", "null").apply(record(ORDER, order())));
        }

        @Test
        void hashedRecordsRoundTrip() {
            assertRoundTrips(valueMask("fields", "id,email,lines[*].price", "mode", "hash")
                .apply(record(ORDER, order())));
        }

        @Test
        void replacedRecordsRoundTrip() {
            assertRoundTrips(valueMask("fields", "id,email,lines[*].price,attributes", "replacement", "x")
                .apply(record(ORDER, order())));
        }
    }

    /** A renamed upstream field must not ship personal data silently. */
    @Nested
    class MissingFields {

        private final Schema renamed = SchemaBuilder.struct().name("Order")
            .field("id", Schema.INT64_SCHEMA)
            .field("e_mail", Schema.STRING_SCHEMA)
            .field("address", ADDRESS)
            .build();

        private Struct renamedOrder() {
            return struct(renamed, "id", 1L, "e_mail", "ada@example.com", "address",
                struct(ADDRESS, "street", "1 Main St", "city", "Paris"));
        }

        @Test
        void areIgnoredByDefaultButCounted() {
            Mask<SinkRecord> mask = valueMask("fields", "email,address.city,address.zip");
            Struct masked = maskedStruct(mask, renamedOrder());
            assertThat(masked.getString("e_mail")).isEqualTo("ada@example.com");
            assertThat(masked.getStruct("address").getString("city")).isEqualTo("****");
            assertThat(mask.missingCount()).isEqualTo(2);
            maskedMap(mask, map("email", "x", "address", map("city", "Paris")));
            assertThat(mask.missingCount()).as("schemaless: address.zip").isEqualTo(3);
        }

        @Test
        void failTheRecordNamingTheField() {
            Mask<SinkRecord> mask = valueMask("fields", "email", "missing.field.action", "fail");
            assertThatThrownBy(() -> mask.apply(record(renamed, renamedOrder())))
                .isInstanceOf(DataException.class)
                .hasMessage("Mask could not process the record value of topic '" + TOPIC + "' partition 3 offset 42:"
                    + " the field \"email\" to mask is missing, and missing.field.action=fail")
                .hasMessageNotContaining("ada@example.com");
            assertThatThrownBy(() -> maskedMap(mask, map("e_mail", "ada@example.com")))
                .isInstanceOf(DataException.class).hasMessageContaining("the field \"email\" to mask is missing");
            assertThat(mask.missingCount()).isEqualTo(2);
            assertThat(maskedMap(mask, map("email", "ada@example.com"))).containsEntry("email", "****");
        }

        @Test
        void presentNullsNullParentsAndShortArraysAreNotMissing() {
            Mask<SinkRecord> mask = valueMask("fields", "phone,address.city,lines[5].sku,lines[*].sku,"
                + "attributes.secret", "missing.field.action", "fail");
            maskedStruct(mask, order());
            Struct noAddress = order().put("address", null).put("attributes", null);
            maskedStruct(mask, noAddress);
            maskedMap(mask, map("phone", null, "address", null, "lines", List.of(), "attributes", null));
            assertThat(mask.missingCount()).isZero();
        }

        @Test
        void aMapWithoutTheKeyOrAnElementWithoutTheFieldIsMissing() {
            Mask<SinkRecord> mask = valueMask("fields", "lines[*].sku", "missing.field.action", "fail");
            List<Object> lines = new ArrayList<>();
            lines.add(map("sku", "A-1"));
            lines.add(map("SKU", "B-2"));
            assertThatThrownBy(() -> maskedMap(mask, map("lines", lines)))
                .isInstanceOf(DataException.class).hasMessageContaining("\"lines[*].sku\" to mask is missing");
            Mask<SinkRecord> attributes = valueMask("fields", "attributes.secret", "missing.field.action", "fail");
            assertThatThrownBy(() -> maskedStruct(attributes, order().put("attributes", new LinkedHashMap<>())))
                .isInstanceOf(DataException.class);
            Mask<SinkRecord> plain = valueMask("fields", "email.local", "missing.field.action", "fail");
            assertThatThrownBy(() -> maskedStruct(plain, order()))
                .as("a plain value where the path goes on").isInstanceOf(DataException.class);
        }

        @Test
        void aGuardSendsTheRecordToItsErrorTopicUnmasked() {
            Guard<SinkRecord> guard = new Guard<>();
            guard.configure(props("transforms", "mask", "transforms.mask.type", Mask.Value.class.getName(),
                "transforms.mask.fields", "email", "transforms.mask.missing.field.action", "fail",
                "error.topic", "orders-pii-errors"));
            transforms.add(guard);
            SinkRecord routed = guard.apply(record(renamed, renamedOrder()));
            assertThat(routed.topic()).isEqualTo("orders-pii-errors");
            assertThat(routed.headers().lastWithName("__connect.errors.exception.message").value().toString())
                .contains("the field \"email\" to mask is missing");
            assertThat(routed.headers().lastWithName("__spillway.errors.transform.alias").value()).isEqualTo("mask");
            SinkRecord fine = guard.apply(record(ORDER, order()));
            assertThat(fine.topic()).isEqualTo(TOPIC);
            assertThat(((Struct) fine.value()).getString("email")).isEqualTo("****");
        }

        @Test
        void rejectsUnknownActions() {
            assertThatThrownBy(() -> valueMask("fields", "email", "missing.field.action", "route"))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
                .hasMessageContaining("missing.field.action");
        }
    }
}
