package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.connect.json.InferConflicts;
import dev.spillway.connect.json.InferNumbers;
import dev.spillway.connect.rest.extract.Item;
import dev.spillway.connect.rest.extract.ItemStructs;
import dev.spillway.connect.rest.extract.PageHeaders;
import dev.spillway.connect.rest.extract.JsonPointers;
import dev.spillway.connect.rest.extract.PageParser;
import dev.spillway.connect.rest.pagination.PagePosition;
import dev.spillway.connect.rest.pagination.PageState;
import dev.spillway.testcluster.converters.ConverterRoundTrip;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class RecordFactoryTest {

    private static final Endpoint ENDPOINT = new Endpoint("orders", URI.create("http://127.0.0.1/orders"),
        "rest.orders", JsonPointers.parse("/items"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PageState PAGE = PageState.of("cursor", "c1");

    private static List<Item> items(String json) throws Exception {
        return new PageParser(JsonPointers.parse("/items"), List.of())
            .parse(ENDPOINT.url(), json.getBytes(StandardCharsets.UTF_8), HttpHeaders.of(Map.of(), (a, b) -> true))
            .items();
    }

    private static RecordFactory factory(ValueFormat format, String timestampPointer) {
        return new RecordFactory(ENDPOINT, "cursor", Optional.of(JsonPointers.parse("/id")), format,
            Optional.ofNullable(timestampPointer).map(JsonPointers::parse),
            new ItemStructs(InferNumbers.FLOAT64, InferConflicts.FAIL), PageHeaders.NONE);
    }

    @Test
    void jsonStringRecords() throws Exception {
        Item item = items("{\"items\":[{\"id\":\"a-1\",\"n\":1.50}]}").get(0);
        SourceRecord record = factory(ValueFormat.JSON_STRING, null)
            .record(item, 0, PAGE, new PagePosition(PAGE, 1), 1234L);
        assertThat(record.value()).isEqualTo("{\"id\":\"a-1\",\"n\":1.50}");
        assertThat(record.valueSchema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(record.key()).isEqualTo("a-1");
        assertThat(record.keySchema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(record.timestamp()).isEqualTo(1234L);
        assertThat(record.topic()).isEqualTo("rest.orders");
        assertThat(record.sourceOffset()).isEqualTo(Map.of("v", 1, "pagination", "cursor", "cursor", "c1", "skip", 1L));
    }

    /** Both value formats and the key through JsonConverter (schemas on and off) and, with a schema, Avro. */
    @Test
    void recordsRoundTripThroughConverters() throws Exception {
        String json = "{\"items\":[{\"id\":\"a-1\",\"n\":1.50,\"big\":12345678901234567890,\"i\":-7,"
            + "\"ok\":true,\"none\":null,\"text\":\"grüße 日本 🚀\",\"tags\":[\"x\",null],\"o\":{\"k\":[1,2]}}]}";
        Item item = items(json).get(0);
        SourceRecord text = factory(ValueFormat.JSON_STRING, null).record(item, 0, PAGE, new PagePosition(PAGE, 1), 1L);
        ConverterRoundTrip.assertRoundTrips(text);
        // The item travels as its exact JSON text: a JSON string (escaped, not nested JSON) on the topic.
        assertThat(JSON.readTree(ConverterRoundTrip.jsonText(text.valueSchema(), text.value(), false, Map.of()))
            .asText()).isEqualTo(text.value());

        SourceRecord schemaless = factory(ValueFormat.SCHEMALESS, null)
            .record(items(json).get(0), 0, PAGE, new PagePosition(PAGE, 1), 1L);
        ConverterRoundTrip.assertRoundTrips(schemaless.keySchema(), schemaless.key(), true);
        for (boolean schemas : List.of(true, false)) {
            Object back = ConverterRoundTrip.viaJson(null, schemaless.value(), schemas, false, Map.of()).value();
            assertThat(back).isEqualTo(schemaless.value());
        }
        // Schemaless values are Java doubles for fractions and for integers beyond a long (json-string keeps them).
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) schemaless.value();
        assertThat(value.get("n")).isEqualTo(1.5d);
        assertThat(value.get("big")).isEqualTo(1.2345678901234567E19d);
        assertThat(value.get("i")).isEqualTo(-7L);
    }

    @Test
    void schemalessRecords() throws Exception {
        Item item = items("{\"items\":[{\"id\":7,\"tags\":[\"x\"]}]}").get(0);
        SourceRecord record = factory(ValueFormat.SCHEMALESS, null)
            .record(item, 0, PAGE, new PagePosition(PAGE, 1), 1L);
        assertThat(record.value()).isEqualTo(Map.of("id", 7L, "tags", List.of("x")));
        assertThat(record.valueSchema()).isNull();
        assertThat(record.key()).isEqualTo("7");
    }

    @Test
    void everyRecordHasItsOwnHeadersWithItsPage() throws Exception {
        List<Item> items = items("{\"items\":[{\"id\":1},{\"id\":2}]}");
        RecordFactory factory = factory(ValueFormat.JSON_STRING, null);
        PageState next = PageState.of("cursor", "c2");
        SourceRecord first = factory.record(items.get(0), 0, PAGE, new PagePosition(PAGE, 1), 1L);
        SourceRecord second = factory.record(items.get(1), 1, PAGE, new PagePosition(next, 0), 1L);
        SourceRecord third = factory.record(items.get(0), 0, next, new PagePosition(next, 1), 1L);
        first.headers().addString("added", "by a transform");
        for (SourceRecord record : List.of(first, second, third)) {
            assertThat(record.headers().lastWithName(RecordFactory.ENDPOINT_HEADER).value()).isEqualTo("orders");
        }
        assertThat(first.headers().lastWithName(RecordFactory.PAGE_HEADER).value()).isEqualTo("cursor=c1");
        assertThat(second.headers().lastWithName(RecordFactory.PAGE_HEADER).value()).isEqualTo("cursor=c1");
        assertThat(third.headers().lastWithName(RecordFactory.PAGE_HEADER).value()).isEqualTo("cursor=c2");
        assertThat(second.headers().size()).isEqualTo(2);
        assertThat(factory.record(items.get(0), 0, PageState.empty(), new PagePosition(PAGE, 0), 1L).headers()
            .lastWithName(RecordFactory.PAGE_HEADER).value()).isEqualTo("first");
    }

    @Test
    void timestampsFromThePointer() throws Exception {
        List<Item> items = items("{\"items\":[{\"id\":1,\"t\":1700000000000},{\"id\":2,\"t\":\"1700000000001\"},"
            + "{\"id\":3,\"t\":\"2026-12-01T00:00:00Z\"},{\"id\":4,\"t\":\"2026-12-01T01:00:00+01:00\"},"
            + "{\"id\":5,\"t\":\"yesterday\"},{\"id\":6}]}");
        for (ValueFormat format : ValueFormat.values()) {
            RecordFactory factory = factory(format, "/t");
            PagePosition at = new PagePosition(PAGE, 0);
            assertThat(factory.record(items.get(0), 0, PAGE, at, 1L).timestamp()).isEqualTo(1700000000000L);
            assertThat(factory.record(items.get(1), 1, PAGE, at, 1L).timestamp()).isEqualTo(1700000000001L);
            assertThat(factory.record(items.get(2), 2, PAGE, at, 1L).timestamp()).isEqualTo(1796083200000L);
            assertThat(factory.record(items.get(3), 3, PAGE, at, 1L).timestamp()).isEqualTo(1796083200000L);
            assertThatThrownBy(() -> factory.record(items.get(4), 4, PAGE, at, 1L)).isInstanceOf(DataException.class)
                .hasMessageContaining("item 4 of page cursor=c1").hasMessageContaining("found yesterday");
            assertThatThrownBy(() -> factory.record(items.get(5), 5, PAGE, at, 1L)).isInstanceOf(DataException.class)
                .hasMessageContaining("found nothing");
        }
    }

    /** Values that used to escape as an ArithmeticException, or as Kafka's refusal of a negative timestamp. */
    @Test
    void absurdTimestampsAreBadDataNamingTheItemNotRawExceptions() throws Exception {
        List<Item> items = items("{\"items\":[{\"t\":\"+999999999-12-31T23:59:59Z\"},{\"t\":-5},"
            + "{\"t\":\"-1700000000000\"},{\"t\":\"99999999999999999999999\"},"
            + "{\"t\":\"bad\\r\\nFORGED " + "x".repeat(5_000) + "\"}]}");
        RecordFactory factory = factory(ValueFormat.JSON_STRING, "/t");
        PagePosition at = new PagePosition(PAGE, 0);
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            assertThatThrownBy(() -> factory.record(items.get(index), index, PAGE, at, 1L))
                .isInstanceOf(DataException.class).hasMessageContaining("item " + index + " of page")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(600));
        }
        assertThat(factory.record(items("{\"items\":[{\"t\":0}]}").get(0), 0, PAGE, at, 1L).timestamp()).isZero();
    }
}
