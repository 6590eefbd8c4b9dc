package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.TopicClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Typed values and page metadata on one real worker: items as Structs with inferred schemas through the worker's
 * JsonConverter with schemas, from a JSON API and from an NDJSON export, each record carrying headers copied from
 * its page (a body value beside the records, a response header). Every item once in order, and a restarted task
 * resumes exactly, with the headers of the pages it reads then.
 */
class RestSourceValuesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RestSourceHarness HARNESS = RestSourceHarness.cluster("rest-values", RestSourceHarness.latestKafka());

    @Test
    void structValuesWithPageHeadersThroughJsonConverterWithSchemas() throws Exception {
        try (SampleApi api = SampleApi.start(45)) {
            ConnectRestClient rest = HARNESS.rest();
            TopicClient topics = HARNESS.topics();
            Map<String, Map<String, String>> connectors = Map.of(
                "val-json", jsonConfig(api),
                "val-ndjson", ndjsonConfig(api));
            for (Map.Entry<String, Map<String, String>> connector : connectors.entrySet()) {
                rest.createConnector(connector.getKey(), connector.getValue());
            }
            for (String name : connectors.keySet()) {
                rest.awaitRunning(name, 1, TIMEOUT);
            }

            List<ConsumerRecord<byte[], byte[]>> json = await(topics, "val.results", 45);
            List<ConsumerRecord<byte[], byte[]>> ndjson = await(topics, "val.export", 45);
            assertThat(ids(json)).containsExactlyElementsOf(TaskHarness.range(1, 45));
            assertThat(ids(ndjson)).containsExactlyElementsOf(TaskHarness.range(1, 45));
            for (ConsumerRecord<byte[], byte[]> record : json) {
                assertStruct(record);
                assertThat(header(record, "total")).isEqualTo("45");
                assertThat(header(record, "spillway.rest.endpoint")).isEqualTo("results");
            }
            for (ConsumerRecord<byte[], byte[]> record : ndjson) {
                assertStruct(record);
                assertThat(header(record, "content_type")).isEqualTo("application/json");
            }

            // A restarted task resumes exactly: only the new items, with the headers of the pages read now.
            for (String name : connectors.keySet()) {
                rest.restartTask(name, 0);
            }
            for (String name : connectors.keySet()) {
                rest.awaitRunning(name, 1, TIMEOUT);
            }
            api.append(12);
            json = await(topics, "val.results", 57);
            ndjson = await(topics, "val.export", 57);
            assertThat(ids(json)).containsExactlyElementsOf(TaskHarness.range(1, 57));
            assertThat(ids(ndjson)).containsExactlyElementsOf(TaskHarness.range(1, 57));
            assertThat(header(json.get(56), "total")).isEqualTo("57");
            json.forEach(RestSourceValuesIT::assertStruct);
            ndjson.forEach(RestSourceValuesIT::assertStruct);
        }
    }

    /** JsonConverter with schemas writes {"schema": ..., "payload": ...}: a struct of the item's fields. */
    private static void assertStruct(ConsumerRecord<byte[], byte[]> record) {
        JsonNode envelope = read(record.value());
        JsonNode schema = envelope.get("schema");
        assertThat(schema.get("type").asText()).isEqualTo("struct");
        assertThat(schema.get("optional").asBoolean()).isTrue();
        assertThat(schema.get("fields")).extracting(field -> field.get("field").asText() + ":"
            + field.get("type").asText()).containsExactly("id:int64", "name:string", "updated:int64");
        JsonNode payload = envelope.get("payload");
        assertThat(payload.get("name").asText()).isEqualTo("item-" + payload.get("id").asLong());
    }

    private static List<Long> ids(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(record -> read(record.value()).get("payload").get("id").asLong()).toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> await(TopicClient topics, String topic, int count) {
        return Await.until("at least " + count + " records in " + topic, TIMEOUT,
            () -> topics.readAll(topic, IsolationLevel.READ_UNCOMMITTED), records -> records.size() >= count);
    }

    private static Map<String, String> withWorkerSettings(Map<String, String> taskConfig) {
        Map<String, String> config = RestSourceHarness.connectorConfig("val.", taskConfig);
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        config.put("poll.interval.ms", "300");
        config.put("value.format", "struct");
        config.put("key.pointer", "/id");
        return config;
    }

    /** {"data":{"total":n,"results":[..]},"links":{"next":".."}}: the total beside the records is a header. */
    private static Map<String, String> jsonConfig(SampleApi api) {
        Map<String, String> config = TaskHarness.config(api.baseUrl().toString(), "results=/next/items");
        config.put("pagination.limit", "10");
        config.put("records.pointer", "/data/results");
        config.put("pagination.type", "next-url");
        config.put("pagination.next.url.pointer", "/links/next");
        config.put("records.page.headers", "total:/data/total");
        return withWorkerSettings(config);
    }

    /** NDJSON lines hold only items: the header comes from the response. */
    private static Map<String, String> ndjsonConfig(SampleApi api) {
        Map<String, String> config = TaskHarness.ndjsonExport(api.baseUrl().toString());
        config.put("endpoint.export.records.page.headers", "content_type:header:Content-Type");
        return withWorkerSettings(config);
    }
}
