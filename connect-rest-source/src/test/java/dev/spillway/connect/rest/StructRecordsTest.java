package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.json.InferConflicts;
import dev.spillway.connect.json.InferNumbers;
import dev.spillway.connect.rest.extract.Item;
import dev.spillway.connect.rest.extract.ItemStructs;
import dev.spillway.connect.rest.extract.JsonPointers;
import dev.spillway.connect.rest.extract.PageHeaders;
import dev.spillway.connect.rest.extract.PageParser;
import dev.spillway.connect.rest.extract.ResponseFormat;
import dev.spillway.connect.rest.net.MalformedPageException;
import dev.spillway.connect.rest.pagination.PagePosition;
import dev.spillway.connect.rest.pagination.PageState;
import dev.spillway.testcluster.converters.ConverterRoundTrip;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** value.format=struct: schemas inferred per item shape by connect-json-data, as ParseJson infers them. */
class StructRecordsTest {

    private static final Endpoint ENDPOINT = new Endpoint("orders", URI.create("http://127.0.0.1/orders"),
        "rest.orders", JsonPointers.parse("/items"));
    private static final PageState PAGE = PageState.of("cursor", "c1");

    private static List<Item> items(String json, ResponseFormat format) {
        try {
            return new PageParser(JsonPointers.parse("/items"), List.of(), format)
                .parse(ENDPOINT.url(), json.getBytes(StandardCharsets.UTF_8), HttpHeaders.of(Map.of(), (a, b) -> true))
                .items();
        } catch (MalformedPageException e) {
            throw new AssertionError(e);
        }
    }

    private static RecordFactory factory(InferNumbers numbers, InferConflicts conflicts) {
        return new RecordFactory(ENDPOINT, "cursor", Optional.of(JsonPointers.parse("/id")), ValueFormat.STRUCT,
            Optional.empty(), new ItemStructs(numbers, conflicts), PageHeaders.NONE);
    }

    private static SourceRecord record(RecordFactory factory, Item item) {
        return factory.record(item, 0, PAGE, new PagePosition(PAGE, 1), 1L);
    }

    @Test
    void objectsBecomeStructsWithOneSchemaPerShape() throws Exception {
        List<Item> items = items("{\"items\":[{\"id\":\"a\",\"n\":1.5,\"tags\":[\"x\"],\"o\":{\"k\":1}},"
            + "{\"id\":\"b\",\"n\":2,\"tags\":[],\"o\":{\"k\":null}},{\"id\":\"c\",\"n\":2.5,\"tags\":[\"y\"],"
            + "\"o\":{\"k\":3}},{\"other\":true}]}", ResponseFormat.JSON);
        RecordFactory factory = factory(InferNumbers.FLOAT64, InferConflicts.FAIL);
        SourceRecord first = record(factory, items.get(0));
        Struct value = (Struct) first.value();
        assertThat(first.valueSchema().type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(first.valueSchema().fields()).extracting(field -> field.name())
            .containsExactly("id", "n", "tags", "o");
        assertThat(first.valueSchema().isOptional()).isTrue();
        assertThat(value.get("id")).isEqualTo("a");
        assertThat(value.get("n")).isEqualTo(1.5d);
        assertThat(value.get("tags")).isEqualTo(List.of("x"));
        assertThat(value.getStruct("o").get("k")).isEqualTo(1L);
        assertThat(first.key()).isEqualTo("a");
        // The same shape shares one schema instance, which converters cache by.
        assertThat(record(factory, items.get(2)).valueSchema()).isSameAs(first.valueSchema());
        // Another shape has another schema: "n" is an integer, tags and o.k say nothing about their types.
        assertThat(record(factory, items.get(1)).valueSchema().field("n").schema())
            .isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
        assertThat(record(factory, items.get(3)).valueSchema().fields()).hasSize(1);
        // Through JsonConverter with schemas and Avro (the last item has no key, which Avro gives back as null).
        for (int i = 0; i < items.size(); i++) {
            SourceRecord record = record(factory, items.get(i));
            ConverterRoundTrip.assertRoundTrips(record.valueSchema(), record.value(), false);
        }
    }

    @Test
    void decimalNumbersKeepEveryDigit() {
        Item item = items("{\"items\":[{\"id\":1,\"price\":12.50,\"big\":12345678901234567890}]}",
            ResponseFormat.JSON).get(0);
        SourceRecord record = record(factory(InferNumbers.DECIMAL, InferConflicts.FAIL), item);
        Struct value = (Struct) record.value();
        assertThat(record.valueSchema().field("price").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(value.get("price")).isEqualTo(new BigDecimal("12.50"));
        assertThat(value.get("big")).isEqualTo(new BigDecimal("12345678901234567890"));
        ConverterRoundTrip.assertRoundTrips(record);
    }

    @Test
    void itemsThatAreNotObjectsGetTheSchemaOfTheirType() {
        List<Item> items = items("{\"items\":[\"text\",42,[1,2],null,true]}", ResponseFormat.JSON);
        RecordFactory factory = new RecordFactory(ENDPOINT, "cursor", Optional.empty(), ValueFormat.STRUCT,
            Optional.empty(), new ItemStructs(InferNumbers.FLOAT64, InferConflicts.FAIL), PageHeaders.NONE);
        assertThat(record(factory, items.get(0)).valueSchema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(record(factory, items.get(0)).value()).isEqualTo("text");
        assertThat(record(factory, items.get(1)).value()).isEqualTo(42L);
        assertThat(record(factory, items.get(2)).valueSchema().type()).isEqualTo(Schema.Type.ARRAY);
        assertThat(record(factory, items.get(2)).value()).isEqualTo(List.of(1L, 2L));
        assertThat(record(factory, items.get(3)).value()).isNull();
        assertThat(record(factory, items.get(3)).valueSchema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(record(factory, items.get(4)).value()).isEqualTo(true);
    }

    @Test
    void conflictingTypesFailNamingThePlaceOrBecomeJsonText() {
        Item item = items("{\"items\":[{\"id\":\"a\",\"mixed\":[1,\"x\",{\"k\":2}]}]}", ResponseFormat.JSON).get(0);
        assertThatThrownBy(() -> record(factory(InferNumbers.FLOAT64, InferConflicts.FAIL), item))
            .isInstanceOf(DataException.class)
            .hasMessageContaining("Endpoint 'orders': item 0 of page cursor=c1 cannot become a Struct at 'mixed[1]'")
            .hasMessageContaining("value.struct.conflicts=string");
        Struct value = (Struct) record(factory(InferNumbers.FLOAT64, InferConflicts.STRING), item).value();
        assertThat(value.getArray("mixed")).containsExactly("1", "x", "{\"k\":2}");
    }

    @Test
    void itemsParseJsonWouldRefuseFailNamingTheWayOut() {
        Item repeated = items("{\"items\":[{\"id\":\"a\",\"id\":\"b\"}]}", ResponseFormat.JSON).get(0);
        assertThatThrownBy(() -> record(factory(InferNumbers.FLOAT64, InferConflicts.STRING), repeated))
            .isInstanceOf(DataException.class)
            .hasMessageStartingWith("Endpoint 'orders': item 0 of page cursor=c1 cannot become a Struct: not valid"
                + " JSON: Duplicate field 'id'")
            .hasMessageEndingWith("; use value.format=json-string for such items");
    }

    @Test
    void ndjsonItemsBecomeStructsToo() {
        List<Item> items = items("{\"id\":\"a\",\"n\":1}\n{\"id\":\"b\",\"n\":2}\n", ResponseFormat.NDJSON);
        RecordFactory factory = factory(InferNumbers.FLOAT64, InferConflicts.FAIL);
        assertThat(((Struct) record(factory, items.get(1)).value()).get("n")).isEqualTo(2L);
        assertThat(record(factory, items.get(1)).valueSchema()).isSameAs(record(factory, items.get(0)).valueSchema());
    }

    @Test
    void itemsOfAnotherEncodingAreReadFromTheirText() {
        Item item = new Item(Map.of("id", "z"), "{\"id\":\"z\",\"n\":1.25}");
        assertThat(((Struct) record(factory(InferNumbers.DECIMAL, InferConflicts.FAIL), item).value()).get("n"))
            .isEqualTo(new BigDecimal("1.25"));
    }
}
