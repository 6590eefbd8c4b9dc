package dev.spillway.connect.smt.field;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldPathsTest {

    private static final LeafSchemaUpdater TO_OPTIONAL_STRING = (path, schema) ->
        schema.type() == Schema.Type.STRING && schema.isOptional() ? schema : Schema.OPTIONAL_STRING_SCHEMA;
    private static final LeafSchemaUpdater MAKE_OPTIONAL = (path, schema) -> schema.isOptional() ? schema
        : SchemaBuilder.type(schema.type()).optional().build();
    private static final LeafSchemaUpdater UNCHANGED_SCHEMA = (path, schema) -> schema;

    private static FieldPaths paths(String... texts) {
        return FieldPaths.parse(Arrays.asList(texts));
    }

    /** Records every value it is given, and returns it in upper case (strings) or as text (others). */
    private static final class RecordingUpdater implements LeafValueUpdater {
        final List<Object> seen = new ArrayList<>();
        final List<FieldPath> paths = new ArrayList<>();

        @Override
        public Object update(FieldPath path, Schema schema, Object value) {
            seen.add(value);
            paths.add(path);
            if (value == null) {
                return null;
            }
            return value instanceof String text ? text.toUpperCase() : String.valueOf(value);
        }
    }

    @Nested
    class Construction {

        @Test
        void dropsDuplicatesAndKeepsOrder() {
            assertThat(paths("b", "a", "`b`").paths()).containsExactly(FieldPath.parse("b"), FieldPath.parse("a"));
        }

        @Test
        void needsAtLeastOnePath() {
            assertThatThrownBy(() -> FieldPaths.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void equalWhenPathsAreEqual() {
            assertThat(paths("a", "b")).isEqualTo(paths("a", "`b`")).hasSameHashCodeAs(paths("a", "b"));
        }
    }

    /** The same cases with every struct field copied by a validating put, as where StructValues is unavailable. */
    @Nested
    class StructsCopiedByPut extends Structs {
        @Override
        FieldPaths paths(String... texts) {
            return FieldPathsTest.paths(texts).withValidatedStructCopies();
        }
    }

    @Nested
    class Structs {

        FieldPaths paths(String... texts) {
            return FieldPathsTest.paths(texts);
        }

        private final Schema address = SchemaBuilder.struct().name("Address").optional()
            .field("city", Schema.STRING_SCHEMA)
            .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
            .build();
        private final Schema untouched = SchemaBuilder.struct().name("Untouched").optional()
            .field("flag", Schema.BOOLEAN_SCHEMA)
            .build();
        private final Schema schema = SchemaBuilder.struct().name("Customer").version(3).doc("A customer")
            .field("name", Schema.STRING_SCHEMA)
            .field("age", Schema.INT32_SCHEMA)
            .field("address", address)
            .field("other", untouched)
            .build();

        private Struct customer() {
            return new Struct(schema)
                .put("name", "ada")
                .put("age", 36)
                .put("address", new Struct(address).put("city", "paris").put("zip", 75001))
                .put("other", new Struct(untouched).put("flag", true));
        }

        @Test
        void derivesSchemaOnlyAlongThePaths() {
            Schema updated = paths("age", "address.zip").updateSchema(schema, TO_OPTIONAL_STRING);

            assertThat(updated.field("age").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(updated.field("address").schema().field("zip").schema())
                .isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(updated.field("name").schema()).isSameAs(schema.field("name").schema());
            assertThat(updated.field("other").schema()).isSameAs(untouched);
            assertThat(updated.field("address").schema().field("city").schema()).isSameAs(Schema.STRING_SCHEMA);
            assertThat(updated.name()).isEqualTo("Customer");
            assertThat(updated.version()).isEqualTo(3);
            assertThat(updated.doc()).isEqualTo("A customer");
            assertThat(updated.field("address").schema().isOptional()).isTrue();
            assertThat(updated.field("address").schema().name()).isEqualTo("Address");
        }

        @Test
        void returnsTheSameSchemaWhenNothingChanges() {
            assertThat(paths("name").updateSchema(schema, UNCHANGED_SCHEMA)).isSameAs(schema);
            assertThat(paths("missing", "name.deeper", "address.missing").updateSchema(schema, TO_OPTIONAL_STRING))
                .isSameAs(schema);
        }

        @Test
        void updatesNestedValuesIntoTheDerivedSchema() {
            FieldPaths paths = paths("name", "age", "address.city");
            Schema updatedSchema = paths.updateSchema(schema, TO_OPTIONAL_STRING);
            Struct original = customer();
            Struct copyOfOriginal = customer();

            Struct updated = (Struct) paths.updateValue(original, schema, updatedSchema, new RecordingUpdater());

            updated.validate();
            assertThat(updated.schema()).isSameAs(updatedSchema);
            assertThat(updated.get("name")).isEqualTo("ADA");
            assertThat(updated.get("age")).isEqualTo("36");
            assertThat(updated.getStruct("address").get("city")).isEqualTo("PARIS");
            assertThat(updated.getStruct("address").get("zip")).isEqualTo(75001);
            assertThat(updated.get("other")).isSameAs(original.get("other"));
            assertThat(original).isEqualTo(copyOfOriginal);
        }

        @Test
        void returnsTheSameValueWhenNothingChanges() {
            Struct original = customer();
            FieldPaths missing = paths("missing", "address.missing", "name.deeper");
            assertThat(missing.updateValue(original, schema, schema, new RecordingUpdater())).isSameAs(original);

            LeafValueUpdater identity = (path, leafSchema, value) -> value;
            assertThat(paths("name", "address.city").updateValue(original, schema, schema, identity))
                .isSameAs(original);
        }

        @Test
        void passesPresentNullsAndSkipsNullParents() {
            Struct original = customer().put("address", null);
            RecordingUpdater updater = new RecordingUpdater();
            paths("address.city").updateValue(original, schema, schema, updater);
            assertThat(updater.seen).isEmpty();

            Struct withNullZip = customer();
            withNullZip.getStruct("address").put("zip", null);
            paths("address.zip").updateValue(withNullZip, schema, schema, updater);
            assertThat(updater.seen).containsExactly((Object) null);
        }

        @Test
        void readsAddressedFieldsWithTheirDefault() {
            Schema withDefault = SchemaBuilder.struct()
                .field("code", SchemaBuilder.string().defaultValue("n/a").build())
                .field("note", SchemaBuilder.string().optional().defaultValue("none").build())
                .build();
            Struct original = new Struct(withDefault);
            RecordingUpdater updater = new RecordingUpdater();

            Struct updated = (Struct) paths("code").updateValue(original, withDefault, withDefault, updater);

            assertThat(updater.seen).containsExactly("n/a");
            assertThat(updated.get("code")).isEqualTo("N/A");
            // Unaddressed fields are copied as stored: still null, so consumers keep seeing the default.
            assertThat(updated.getWithoutDefault("note")).isNull();
        }

        @Test
        void aNullResultLeavesTheFieldUnsetInTheCopy() {
            Schema withDefault = SchemaBuilder.struct()
                .field("code", SchemaBuilder.string().defaultValue("n/a").build())
                .field("kept", Schema.STRING_SCHEMA)
                .build();
            Struct original = new Struct(withDefault).put("code", "secret").put("kept", "k");

            Struct updated = (Struct) paths("code").updateValue(original, withDefault, withDefault,
                (path, leafSchema, value) -> null);

            assertThat(updated.getWithoutDefault("code")).isNull();
            assertThat(updated.get("code")).isEqualTo("n/a");
            assertThat(updated.get("kept")).isEqualTo("k");
            assertThat(original.get("code")).isEqualTo("secret");
        }

        @Test
        void copiesEveryFieldOfAWideStructAndStaysIndependentOfTheInput() {
            SchemaBuilder builder = SchemaBuilder.struct().name("Wide");
            for (int i = 0; i < 40; i++) {
                builder.field("f" + i, i % 2 == 0 ? Schema.OPTIONAL_STRING_SCHEMA : Schema.INT64_SCHEMA);
            }
            Schema wide = builder.build();
            Struct original = new Struct(wide);
            for (int i = 0; i < 40; i++) {
                if (i % 2 == 1) {
                    original.put("f" + i, (long) i);
                } else if (i % 4 == 0) {
                    original.put("f" + i, "v" + i);
                }
            }
            // f1 changes type, so the copy has a new schema from the start.
            FieldPaths paths = paths("f1", "f4", "f30");
            Schema updatedSchema = paths.updateSchema(wide, TO_OPTIONAL_STRING);

            Struct updated = (Struct) paths.updateValue(original, wide, updatedSchema, new RecordingUpdater());
            original.put("f1", 99L).put("f8", "changed later");

            updated.validate();
            for (int i = 0; i < 40; i++) {
                Object expected = i == 1 ? "1" : i == 4 ? "V4" : i == 30 ? null
                    : i % 2 == 1 ? (Object) (long) i : i % 4 == 0 ? "v" + i : null;
                assertThat(updated.get("f" + i)).as("f" + i).isEqualTo(expected);
            }
        }

        @Test
        void copiesNestedStructsWhoseSchemaIsEqualButNotTheSame() {
            Schema sameAddress = SchemaBuilder.struct().name("Address").optional()
                .field("city", Schema.STRING_SCHEMA)
                .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
                .build();
            Struct original = customer().put("address", new Struct(sameAddress).put("city", "lyon").put("zip", 69001));
            FieldPaths paths = paths("address.city");
            Schema updatedSchema = paths.updateSchema(schema, TO_OPTIONAL_STRING);

            Struct updated = (Struct) paths.updateValue(original, schema, updatedSchema, new RecordingUpdater());

            updated.validate();
            assertThat(updated.getStruct("address").get("city")).isEqualTo("LYON");
            assertThat(updated.getStruct("address").get("zip")).isEqualTo(69001);
        }

        @Test
        void shorterOfOverlappingPathsWins() {
            RecordingUpdater updater = new RecordingUpdater();
            FieldPaths paths = paths("address.city", "address");
            Schema updatedSchema = paths.updateSchema(schema, UNCHANGED_SCHEMA);
            paths.updateValue(customer(), schema, updatedSchema, (path, leafSchema, value) -> {
                updater.update(path, leafSchema, "seen");
                return null;
            });
            assertThat(updater.paths).containsExactly(FieldPath.parse("address"));
        }

        @Test
        void rejectsValuesThatDoNotMatchTheSchema() {
            Schema declared = SchemaBuilder.struct().field("inner", address).build();
            Schema actual = SchemaBuilder.struct().field("inner",
                SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).optional().build()).build();
            Struct mismatched = new Struct(actual).put("inner", Map.of("city", "x"));
            FieldPaths paths = paths("inner.city");

            assertThatThrownBy(() -> paths.updateValue(mismatched, declared,
                paths.updateSchema(declared, TO_OPTIONAL_STRING), new RecordingUpdater()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("expected a Struct")
                .hasMessageContaining("java.util");
        }
    }

    @Nested
    class Arrays_ {

        private final Schema line = SchemaBuilder.struct().name("Line")
            .field("sku", Schema.STRING_SCHEMA)
            .field("qty", Schema.INT32_SCHEMA)
            .build();
        private final Schema schema = SchemaBuilder.struct()
            .field("lines", SchemaBuilder.array(line).build())
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
            .build();

        private Struct order() {
            return new Struct(schema)
                .put("lines", List.of(
                    new Struct(line).put("sku", "a").put("qty", 1),
                    new Struct(line).put("sku", "b").put("qty", 2),
                    new Struct(line).put("sku", "c").put("qty", 3)))
                .put("tags", List.of("x", "y"));
        }

        @Test
        void wildcardUpdatesEveryElement() {
            FieldPaths paths = paths("lines[*].sku", "tags[*]");
            Schema updatedSchema = paths.updateSchema(schema, TO_OPTIONAL_STRING);
            Struct updated = (Struct) paths.updateValue(order(), schema, updatedSchema, new RecordingUpdater());

            updated.validate();
            List<Struct> lines = updated.getArray("lines");
            assertThat(lines).extracting(lineStruct -> lineStruct.get("sku")).containsExactly("A", "B", "C");
            assertThat(lines).extracting(lineStruct -> lineStruct.get("qty")).containsExactly(1, 2, 3);
            assertThat(updated.getArray("tags")).containsExactly("X", "Y");
            assertThat(updatedSchema.field("tags").schema().isOptional()).isTrue();
        }

        @Test
        void indexUpdatesOneElementAndConformsTheOthers() {
            FieldPaths paths = paths("lines[1].sku");
            Schema updatedSchema = paths.updateSchema(schema, MAKE_OPTIONAL);
            Struct original = order();

            Struct updated = (Struct) paths.updateValue(original, schema, updatedSchema, new RecordingUpdater());

            updated.validate();
            List<Struct> lines = updated.getArray("lines");
            assertThat(lines).extracting(lineStruct -> lineStruct.get("sku")).containsExactly("a", "B", "c");
            assertThat(lines).allSatisfy(lineStruct ->
                assertThat(lineStruct.schema()).isSameAs(updatedSchema.field("lines").schema().valueSchema()));
            assertThat(original.<Struct>getArray("lines").get(1).get("sku")).isEqualTo("b");
        }

        @Test
        void indexBeyondTheEndChangesNothing() {
            Struct original = order();
            FieldPaths paths = paths("lines[9].sku", "tags[2]");
            assertThat(paths.updateValue(original, schema, paths.updateSchema(schema, UNCHANGED_SCHEMA),
                new RecordingUpdater())).isSameAs(original);
        }

        @Test
        void wildcardAndIndexUpdateAnElementOnce() {
            FieldPaths paths = paths("lines[*].sku", "lines[0].sku", "lines[0].qty");
            RecordingUpdater updater = new RecordingUpdater();
            Schema updatedSchema = paths.updateSchema(schema, UNCHANGED_SCHEMA);

            paths.updateValue(order(), schema, updatedSchema, (path, leafSchema, value) -> {
                updater.update(path, leafSchema, value);
                return value;
            });

            assertThat(updater.seen).containsExactly("a", 1, "b", "c");
        }

        @Test
        void refusesToChangeTheTypeOfSomeElementsOnly() {
            assertThatThrownBy(() -> paths("lines[0].qty").updateSchema(schema, TO_OPTIONAL_STRING))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("\"lines[0].qty\"")
                .hasMessageContaining("array elements different schemas (at qty: INT32 versus optional STRING)")
                .hasMessageContaining("[*]");
            assertThatThrownBy(() -> paths("lines[*].sku", "lines[0].qty").updateSchema(schema, TO_OPTIONAL_STRING))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("at qty: optional STRING versus INT32");
        }

        @Test
        void allowsTypeChangesThroughEveryIndexedVariantWhenWildcardCovers() {
            Schema updated = paths("lines[*].qty", "lines[0].qty").updateSchema(schema, TO_OPTIONAL_STRING);
            assertThat(updated.field("lines").schema().valueSchema().field("qty").schema())
                .isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        }

        @Test
        void wholeArrayIsOneValue() {
            List<Object> seen = new ArrayList<>();
            paths("tags").updateValue(order(), schema, schema, (path, leafSchema, value) -> {
                seen.add(value);
                return value;
            });
            assertThat(seen).containsExactly(List.of("x", "y"));
        }
    }

    @Nested
    class Maps {

        private final Schema schema = SchemaBuilder.struct()
            .field("attributes", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
            .field("byId", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).optional().build())
            .build();

        private Struct value() {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("color", "red");
            attributes.put("size", "xl");
            return new Struct(schema).put("attributes", attributes).put("byId", Map.of(7, "seven"));
        }

        @Test
        void updatesNamedEntries() {
            FieldPaths paths = paths("attributes.color", "byId.7", "attributes.missing");
            Schema updatedSchema = paths.updateSchema(schema, UNCHANGED_SCHEMA);
            Struct original = value();

            Struct updated = (Struct) paths.updateValue(original, schema, updatedSchema, new RecordingUpdater());

            assertThat(updated.getMap("attributes")).containsExactly(Map.entry("color", "RED"),
                Map.entry("size", "xl"));
            assertThat(updated.getMap("byId")).containsExactly(Map.entry(7, "SEVEN"));
            assertThat(original.getMap("attributes")).containsEntry("color", "red");
        }

        @Test
        void optionalValueSchemaIsWidenedForAllKeys() {
            FieldPaths paths = paths("attributes.color");
            Schema updatedSchema = paths.updateSchema(schema, MAKE_OPTIONAL);
            assertThat(updatedSchema.field("attributes").schema().valueSchema().isOptional()).isTrue();
            Struct updated = (Struct) paths.updateValue(value(), schema, updatedSchema,
                (path, leafSchema, leafValue) -> null);
            updated.validate();
            assertThat(updated.getMap("attributes")).containsEntry("color", null).containsEntry("size", "xl");
        }

        @Test
        void refusesToChangeTheTypeOfSomeValuesOnly() {
            Schema numbers = SchemaBuilder.struct()
                .field("m", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build()).build();
            assertThatThrownBy(() -> paths("m.a").updateSchema(numbers, TO_OPTIONAL_STRING))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("\"m.a\"")
                .hasMessageContaining("map values");
        }
    }

    @Nested
    class Schemaless {

        private Map<String, Object> order() {
            Map<String, Object> customer = new HashMap<>();
            customer.put("name", "ada");
            customer.put("email", null);
            List<Object> items = new ArrayList<>();
            items.add(new HashMap<>(Map.of("sku", "a", "qty", 1)));
            items.add(new HashMap<>(Map.of("qty", 2)));
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("customer", customer);
            order.put("items", items);
            order.put("id", 42);
            return order;
        }

        @Test
        void updatesNestedMapsAndLists() {
            Map<String, Object> original = order();
            FieldPaths paths = paths("customer.name", "items[*].sku", "id");

            @SuppressWarnings("unchecked")
            Map<String, Object> updated = (Map<String, Object>) paths.updateSchemaless(original,
                new RecordingUpdater());

            assertThat(updated).containsEntry("id", "42");
            assertThat(FieldPath.parse("customer.name").valuesIn(updated)).containsExactly("ADA");
            assertThat(FieldPath.parse("items[*].sku").valuesIn(updated)).containsExactly("A");
            assertThat(FieldPath.parse("items[1]").valuesIn(updated)).containsExactly(Map.of("qty", 2));
            assertThat(original).isEqualTo(order());
            assertThat(updated.keySet()).containsExactly("customer", "items", "id");
        }

        @Test
        void neverAddsAbsentKeysButPassesPresentNulls() {
            RecordingUpdater updater = new RecordingUpdater();
            Object updated = paths("customer.phone", "customer.email", "items[5].sku").updateSchemaless(order(),
                updater);
            assertThat(updater.seen).containsExactly((Object) null);
            assertThat(FieldPath.parse("customer.phone").isPresentIn(updated)).isFalse();
        }

        @Test
        void returnsTheSameValueWhenNothingChanges() {
            Map<String, Object> original = order();
            assertThat(paths("customer.phone", "id.x", "items[*].missing").updateSchemaless(original,
                new RecordingUpdater())).isSameAs(original);
            assertThat(paths("a").updateSchemaless(null, new RecordingUpdater())).isNull();
        }

        @Test
        void keysThatAreNotTextAreMatchedByTheirText() {
            Map<Object, Object> mixed = new LinkedHashMap<>();
            mixed.put("name", "ada");
            mixed.put(7, "seven");
            mixed.put(8L, "eight");
            @SuppressWarnings("unchecked")
            Map<Object, Object> updated = (Map<Object, Object>) paths("7", "name").updateSchemaless(mixed,
                new RecordingUpdater());
            assertThat(updated).containsExactly(Map.entry("name", "ADA"), Map.entry(7, "SEVEN"),
                Map.entry(8L, "eight"));
        }

        @Test
        void aKeyThatIsNotTextIsFoundBesideATextKeyOfTheSameText() {
            Map<Object, Object> both = new LinkedHashMap<>();
            both.put("7", "text");
            both.put(7, "number");
            both.put(true, "yes");
            @SuppressWarnings("unchecked")
            Map<Object, Object> updated = (Map<Object, Object>) paths("7", "true").updateSchemaless(both,
                new RecordingUpdater());
            assertThat(updated).containsExactly(Map.entry("7", "TEXT"), Map.entry(7, "NUMBER"),
                Map.entry(true, "YES"));
        }

        @Test
        void copiesKeepTheInputsIterationOrderAndAreModifiable() {
            Map<String, Object> plain = new HashMap<>(Map.of("a", "x", "b", "y"));
            @SuppressWarnings("unchecked")
            Map<String, Object> copy = (Map<String, Object>) paths("a").updateSchemaless(plain,
                new RecordingUpdater());
            assertThat(copy).isEqualTo(Map.of("a", "X", "b", "y"));
            assertThat(copy.keySet()).containsExactlyElementsOf(plain.keySet());
            copy.put("c", "z");
            assertThat(plain).isEqualTo(Map.of("a", "x", "b", "y"));
            Map<String, Object> ordered = new LinkedHashMap<>();
            ordered.put("z", "1");
            ordered.put("a", "2");
            @SuppressWarnings("unchecked")
            Map<String, Object> updated = (Map<String, Object>) paths("a").updateSchemaless(ordered,
                new RecordingUpdater());
            assertThat(updated.keySet()).containsExactly("z", "a");
        }
    }
}
