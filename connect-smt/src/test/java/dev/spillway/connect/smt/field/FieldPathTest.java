package dev.spillway.connect.smt.field;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldPathTest {

    private static PathStep.Name name(String name) {
        return new PathStep.Name(name);
    }

    private static PathStep.Index index(int index) {
        return new PathStep.Index(index);
    }

    private static PathStep.AnyIndex any() {
        return new PathStep.AnyIndex();
    }

    private static List<PathStep> steps(String path) {
        return FieldPath.parse(path).steps();
    }

    private static List<PathStep> names(String... names) {
        return Arrays.stream(names).<PathStep>map(PathStep.Name::new).toList();
    }

    @Nested
    class ParsingLikeKip821 {

        @Test
        void splitsOnDots() {
            assertThat(steps("foobarbaz")).isEqualTo(names("foobarbaz"));
            assertThat(steps("foo.bar.baz")).isEqualTo(names("foo", "bar", "baz"));
        }

        @Test
        void backticksWrapNamesWithDots() {
            assertThat(steps("`foo.bar.baz`")).isEqualTo(names("foo.bar.baz"));
            assertThat(steps("foo.`bar.baz`")).isEqualTo(names("foo", "bar.baz"));
            assertThat(steps("`foo.bar`.baz")).isEqualTo(names("foo.bar", "baz"));
            assertThat(steps("foo.`bar`.baz")).isEqualTo(names("foo", "bar", "baz"));
        }

        @Test
        void backticksThatDoNotWrapAreLiteral() {
            assertThat(steps("foo`bar`baz")).isEqualTo(names("foo`bar`baz"));
            assertThat(steps("foo.``bar.baz`")).isEqualTo(names("foo", "`bar.baz"));
            assertThat(steps("foo.`bar.baz``")).isEqualTo(names("foo", "bar.baz`"));
            assertThat(steps("foo.`ba`r.baz`")).isEqualTo(names("foo", "ba`r.baz"));
            assertThat(steps("foo.ba`r.baz")).isEqualTo(names("foo", "ba`r", "baz"));
            assertThat(steps("foo.``bar``.baz")).isEqualTo(names("foo", "`bar`", "baz"));
            assertThat(steps("``foo.bar.baz``")).isEqualTo(names("`foo.bar.baz`"));
        }

        @Test
        void backslashEscapesBacktickInClosingPosition() {
            assertThat(steps("foo.`bar\\`.baz`")).isEqualTo(names("foo", "bar`.baz"));
            assertThat(steps("foo.`bar.`baz`")).isEqualTo(names("foo", "bar.`baz"));
            assertThat(steps("foo.`bar\\`.`baz`")).isEqualTo(names("foo", "bar`.`baz"));
            // Only the backslash directly before an escaped backtick is dropped; others are literal.
            assertThat(steps("foo.`bar\\\\`.\\`baz`")).isEqualTo(names("foo", "bar\\`.\\`baz"));
            assertThat(steps("a\\b.c")).isEqualTo(names("a\\b", "c"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "`foo.bar.baz|0",
            "foo.`bar.baz|4",
            "foo.bar.`baz|8",
            "foo.bar.`baz\\`|8",
            "`a`b|0",
        })
        void rejectsUnclosedBackticks(String path, int position) {
            assertThatThrownBy(() -> FieldPath.parse(path))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("\"" + path + "\"")
                .hasMessageContaining("backtick that opens a field name is not closed")
                .hasMessageContaining("at position " + position);
        }
    }

    @Nested
    class ParsingExtensions {

        @Test
        void parsesArrayIndexesAndWildcards() {
            assertThat(steps("items[0].sku")).containsExactly(name("items"), index(0), name("sku"));
            assertThat(steps("items[*].sku")).containsExactly(name("items"), any(), name("sku"));
            assertThat(steps("matrix[12][*]")).containsExactly(name("matrix"), index(12), any());
            assertThat(steps("a[007]")).containsExactly(name("a"), index(7));
        }

        @Test
        void indexesFollowQuotedNames() {
            assertThat(steps("`a.b`[2].c")).containsExactly(name("a.b"), index(2), name("c"));
            assertThat(steps("`a\\`[0]`")).containsExactly(name("a`[0]"));
        }

        @Test
        void bracketsInsideBackticksArePartOfTheName() {
            assertThat(steps("`a[0]`")).isEqualTo(names("a[0]"));
            assertThat(steps("x.`]`")).isEqualTo(names("x", "]"));
        }

        @Test
        void emptyNamesNeedBackticks() {
            assertThat(steps("``")).isEqualTo(names(""));
            assertThat(steps("a.``.b")).isEqualTo(names("a", "", "b"));
        }

        @Test
        void keepsWhitespaceInNames() {
            assertThat(steps(" a . b ")).isEqualTo(names(" a ", " b "));
        }
    }

    @Nested
    class ParsingErrors {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "a..b|empty field name|2",
            ".a|empty field name|0",
            "a.|the path ends with '.'|1",
            "[0]|missing field name before '['|0",
            "a.[0]|missing field name before '['|2",
            "a[|'[' is not closed by ']'|1",
            "a[0|'[' is not closed by ']'|1",
            "a[]|empty array index|1",
            "a[x]|must be a non-negative integer or '*' but was 'x'|2",
            "a[-1]|must be a non-negative integer or '*' but was '-1'|2",
            "a[ 1]|must be a non-negative integer or '*' but was ' 1'|2",
            "a[99999999999]|is larger than 2147483647|2",
            "a]|unexpected ']'|1",
            "a[0]b|expected '.', '[' or the end of the path but found 'b'|4",
            "`a`x.b|backtick that opens a field name is not closed|0",
        })
        void saysWhatIsWrongAndWhere(String path, String problem, int position) {
            assertThatThrownBy(() -> FieldPath.parse(path))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid field path \"" + path + "\": ")
                .hasMessageContaining(problem)
                .hasMessageContaining("at position " + position + ",");
            assertThatThrownBy(() -> FieldPath.parse(path))
                .isInstanceOfSatisfying(InvalidFieldPathException.class, e -> {
                    assertThat(e.problem()).contains(problem).doesNotContain("counting from 0");
                    assertThat(e.position()).hasValue(position);
                });
        }

        @Test
        void rejectsEmptyAndNullPaths() {
            assertThatThrownBy(() -> FieldPath.parse("")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("the path is empty");
            assertThatThrownBy(() -> FieldPath.parse(null)).isInstanceOf(ConfigException.class)
                .hasMessage("Invalid field path: the path is missing (null)");
            assertThatThrownBy(() -> FieldPath.parse(""))
                .isInstanceOfSatisfying(InvalidFieldPathException.class, e -> assertThat(e.position()).isEmpty());
        }
    }

    @Nested
    class ValueSemantics {

        @Test
        void equalWhenStepsAreEqualHoweverWritten() {
            FieldPath plain = FieldPath.parse("a.b");
            FieldPath quoted = FieldPath.parse("`a`.`b`");
            assertThat(plain).isEqualTo(quoted).hasSameHashCodeAs(quoted);
            assertThat(plain).isNotEqualTo(FieldPath.parse("`a.b`"));
        }

        @Test
        void printsTheTextItWasParsedFrom() {
            assertThat(FieldPath.parse("`a`.b[*]")).hasToString("`a`.b[*]");
        }

        @Test
        void stepsAreImmutable() {
            List<PathStep> steps = FieldPath.parse("a.b").steps();
            assertThatThrownBy(() -> steps.add(name("c"))).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void knowsWhetherItHasAWildcard() {
            assertThat(FieldPath.parse("a[*].b").hasWildcard()).isTrue();
            assertThat(FieldPath.parse("a[0].b").hasWildcard()).isFalse();
        }
    }

    @Nested
    class LookupInStructs {

        private final Schema line = SchemaBuilder.struct().name("Line")
            .field("sku", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
        private final Schema schema = SchemaBuilder.struct().name("Order")
            .field("id", Schema.INT64_SCHEMA)
            .field("address", SchemaBuilder.struct().name("Address").optional()
                .field("city", Schema.OPTIONAL_STRING_SCHEMA)
                .field("zip", SchemaBuilder.string().optional().defaultValue("00000").build())
                .build())
            .field("lines", SchemaBuilder.array(line).optional().build())
            .field("attributes", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).optional()
                .build())
            .field("scores", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).optional().build())
            .build();

        private Struct order() {
            Map<String, String> attributes = new HashMap<>();
            attributes.put("color", "red");
            attributes.put("size", null);
            return new Struct(schema)
                .put("id", 7L)
                .put("address", new Struct(schema.field("address").schema()).put("city", "Paris"))
                .put("lines", Arrays.asList(
                    new Struct(line).put("sku", "A-1"),
                    new Struct(line),
                    new Struct(line).put("sku", "C-3")))
                .put("attributes", attributes)
                .put("scores", Map.of(1, "gold"));
        }

        @Test
        void tellsMissingFieldsFromNullOnes() {
            Struct order = order();
            for (String present : new String[] {"id", "address.city", "address.zip", "lines[*].sku", "lines[7].sku",
                "attributes.size", "attributes.color", "scores.1"}) {
                assertThat(FieldPath.parse(present).isMissingIn(order)).as(present).isFalse();
            }
            for (String missing : new String[] {"email", "address.street", "lines[*].price", "attributes.weight",
                "id.value", "scores.2"}) {
                assertThat(FieldPath.parse(missing).isMissingIn(order)).as(missing).isTrue();
            }
            Struct noAddress = order().put("address", null).put("lines", null);
            assertThat(FieldPath.parse("address.street").isMissingIn(noAddress)).as("under a null parent").isFalse();
            assertThat(FieldPath.parse("lines[*].price").isMissingIn(noAddress)).isFalse();
        }

        @Test
        void findsNestedFields() {
            assertThat(FieldPath.parse("id").valuesIn(order())).containsExactly(7L);
            assertThat(FieldPath.parse("address.city").valuesIn(order())).containsExactly("Paris");
        }

        @Test
        void appliesDefaults() {
            assertThat(FieldPath.parse("address.zip").valuesIn(order())).containsExactly("00000");
        }

        @Test
        void distinguishesAbsentFromNull() {
            Struct order = order();
            order.put("address", null);
            assertThat(FieldPath.parse("nope").valuesIn(order)).isEmpty();
            assertThat(FieldPath.parse("address.nope").valuesIn(order())).isEmpty();
            assertThat(FieldPath.parse("address").valuesIn(order)).containsExactly((Object) null);
            assertThat(FieldPath.parse("address").isPresentIn(order)).isTrue();
            assertThat(FieldPath.parse("address.city").valuesIn(order)).isEmpty();
            assertThat(FieldPath.parse("address.city").isPresentIn(order)).isFalse();
        }

        @Test
        void findsArrayElements() {
            assertThat(FieldPath.parse("lines[0].sku").valuesIn(order())).containsExactly("A-1");
            assertThat(FieldPath.parse("lines[1].sku").valuesIn(order())).containsExactly((Object) null);
            assertThat(FieldPath.parse("lines[3].sku").valuesIn(order())).isEmpty();
            assertThat(FieldPath.parse("lines[*].sku").valuesIn(order())).containsExactly("A-1", null, "C-3");
            assertThat(FieldPath.parse("lines[*]").valuesIn(order())).hasSize(3);
        }

        @Test
        void findsMapEntriesByKeyText() {
            assertThat(FieldPath.parse("attributes.color").valuesIn(order())).containsExactly("red");
            assertThat(FieldPath.parse("attributes.size").valuesIn(order())).containsExactly((Object) null);
            assertThat(FieldPath.parse("attributes.weight").valuesIn(order())).isEmpty();
            assertThat(FieldPath.parse("scores.1").valuesIn(order())).containsExactly("gold");
        }

        @Test
        void findsNothingWhereShapesDoNotFit() {
            assertThat(FieldPath.parse("id.x").valuesIn(order())).isEmpty();
            assertThat(FieldPath.parse("address[0]").valuesIn(order())).isEmpty();
            assertThat(FieldPath.parse("lines.sku").valuesIn(order())).isEmpty();
            assertThat(FieldPath.parse("a").valuesIn(null)).isEmpty();
            assertThat(FieldPath.parse("a").valuesIn("a string")).isEmpty();
        }

        @Test
        void resultIsUnmodifiable() {
            List<Object> values = FieldPath.parse("id").valuesIn(order());
            assertThatThrownBy(() -> values.add(1L)).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void resolvesLeafSchemas() {
            assertThat(FieldPath.parse("address.city").schemaIn(schema)).contains(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(FieldPath.parse("lines[*].sku").schemaIn(schema)).contains(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(FieldPath.parse("lines[4]").schemaIn(schema)).contains(line);
            assertThat(FieldPath.parse("attributes.anything").schemaIn(schema))
                .contains(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(FieldPath.parse("address").schemaIn(schema)).contains(schema.field("address").schema());
        }

        @Test
        void resolvesNoSchemaWhereShapesDoNotFit() {
            assertThat(FieldPath.parse("nope").schemaIn(schema)).isEmpty();
            assertThat(FieldPath.parse("id.x").schemaIn(schema)).isEmpty();
            assertThat(FieldPath.parse("address[0]").schemaIn(schema)).isEmpty();
            assertThat(FieldPath.parse("lines.sku").schemaIn(schema)).isEmpty();
        }
    }

    @Nested
    class LookupInSchemalessData {

        private Map<String, Object> order() {
            Map<String, Object> customer = new LinkedHashMap<>();
            customer.put("name", "Ada");
            customer.put("email", null);
            customer.put("a.b", "dotted");
            List<Object> items = new ArrayList<>();
            items.add(Map.of("sku", "A-1"));
            items.add(Map.of("qty", 2));
            items.add(Map.of("sku", "C-3"));
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("customer", customer);
            order.put("items", items);
            order.put("matrix", List.of(List.of(1, 2), List.of(3, 4)));
            return order;
        }

        @Test
        void findsNestedKeys() {
            assertThat(FieldPath.parse("customer.name").valuesIn(order())).containsExactly("Ada");
            assertThat(FieldPath.parse("customer.`a.b`").valuesIn(order())).containsExactly("dotted");
        }

        @Test
        void distinguishesAbsentFromNull() {
            assertThat(FieldPath.parse("customer.email").valuesIn(order())).containsExactly((Object) null);
            assertThat(FieldPath.parse("customer.phone").valuesIn(order())).isEmpty();
            assertThat(FieldPath.parse("customer.email.domain").valuesIn(order())).isEmpty();
        }

        @Test
        void wildcardSkipsElementsWithoutTheField() {
            assertThat(FieldPath.parse("items[*].sku").valuesIn(order())).containsExactly("A-1", "C-3");
            assertThat(FieldPath.parse("items[1].sku").valuesIn(order())).isEmpty();
            assertThat(FieldPath.parse("matrix[*][1]").valuesIn(order())).containsExactly(2, 4);
        }

        @Test
        void matchesNonStringKeysByText() {
            Map<Object, Object> mixed = new HashMap<>();
            mixed.put(1, "int key");
            assertThat(FieldPath.parse("m.1").valuesIn(Map.of("m", mixed))).containsExactly("int key");
            // A sorted map of integers would throw on get("1"); lookups never call it.
            Map<Integer, String> sorted = new TreeMap<>(Map.of(2, "two"));
            assertThat(FieldPath.parse("m.2").valuesIn(Map.of("m", sorted))).containsExactly("two");
        }

        @Test
        void startsFromAList() {
            assertThat(FieldPath.parse("sku").valuesIn(List.of(Map.of("sku", "x")))).isEmpty();
        }
    }
}
