package dev.spillway.connect.smt.debezium;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.testcluster.converters.ConverterRoundTrip;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a downstream consumer can tell apart between two transformed records: topic, partition, timestamp, the key's
 * and value's JsonConverter bytes (schemas on and off, nulls kept and replaced by defaults), the Avro schemas that
 * Apicurio's {@code AvroData} derives, and the headers (names, schemas and JsonConverter bytes, in order).
 */
final class RecordDiff {

    private static final String TOPIC = "diff";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What is compared. */
    enum View {
        /** Everything a consumer sees, with schemas: JSON with and without schemas, Avro schemas, typed headers. */
        FULL,
        /**
         * What a consumer of JSON without schemas sees (nulls kept as nulls): the view in which a schemaless
         * envelope's output can equal the output for the envelope with its schema. A delete that becomes a null
         * value counts as equal either way: with a row schema the converter writes it as the JSON text
         * {@code null}, without one as a Kafka tombstone (documented in docs/smt/cdc-unwrap.md).
         */
        SCHEMALESS
    }

    private final View view;

    RecordDiff(View view) {
        this.view = view;
    }

    /**
     * Each way the outcome of {@code actual} differs from {@code expected}'s; empty if a consumer cannot tell them
     * apart. Both failing the record with a {@link DataException} (such as a routing column that the row lacks)
     * counts as the same outcome: the worker's error handling sees the same thing.
     */
    List<String> differences(Supplier<SourceRecord> expected, Supplier<SourceRecord> actual) {
        RuntimeException expectedFailure = null;
        RuntimeException actualFailure = null;
        SourceRecord expectedRecord = null;
        SourceRecord actualRecord = null;
        try {
            expectedRecord = expected.get();
        } catch (RuntimeException e) {
            expectedFailure = e;
        }
        try {
            actualRecord = actual.get();
        } catch (RuntimeException e) {
            actualFailure = e;
        }
        if (expectedFailure != null || actualFailure != null) {
            List<String> diffs = new ArrayList<>();
            if (!(expectedFailure instanceof DataException) || !(actualFailure instanceof DataException)) {
                diffs.add("outcome:\n    Debezium: " + outcome(expectedRecord, expectedFailure) + "\n    CdcUnwrap: "
                    + outcome(actualRecord, actualFailure));
            }
            return diffs;
        }
        return differences(expectedRecord, actualRecord);
    }

    private static String outcome(SourceRecord record, RuntimeException failure) {
        return failure != null ? "failed with " + failure : describe(record);
    }

    /** Each way {@code actual} differs from {@code expected}; empty if a consumer cannot tell them apart. */
    List<String> differences(SourceRecord expected, SourceRecord actual) {
        List<String> diffs = new ArrayList<>();
        if (expected == null || actual == null) {
            if (expected != actual) {
                diffs.add("record: expected " + describe(expected) + " but was " + describe(actual));
            }
            return diffs;
        }
        compare(diffs, "topic", expected.topic(), actual.topic());
        compare(diffs, "partition", expected.kafkaPartition(), actual.kafkaPartition());
        compare(diffs, "timestamp", expected.timestamp(), actual.timestamp());
        compareData(diffs, "key", expected.keySchema(), expected.key(), actual.keySchema(), actual.key());
        compareData(diffs, "value", expected.valueSchema(), expected.value(), actual.valueSchema(), actual.value());
        compare(diffs, "headers", headers(expected), headers(actual));
        return diffs;
    }

    private void compareData(List<String> diffs, String what, Schema expectedSchema, Object expected,
                                    Schema actualSchema, Object actual) {
        if (view == View.SCHEMALESS) {
            if (expected == null && actual == null) {
                return;
            }
            // As JSON values: the JSON converter reads objects into hash maps, so a schemaless envelope's rows come
            // with their keys in another order, which no JSON reader sees.
            compare(diffs, what + " JSON (schemas off)",
                jsonTree(ConverterRoundTrip.jsonText(expectedSchema, expected, false, ConverterRoundTrip.KEEP_NULLS)),
                jsonTree(ConverterRoundTrip.jsonText(actualSchema, actual, false, ConverterRoundTrip.KEEP_NULLS)));
            return;
        }
        for (boolean schemas : new boolean[] {true, false}) {
            for (Map<String, String> extra : List.of(ConverterRoundTrip.KEEP_NULLS, Map.<String, String>of())) {
                compare(diffs, what + " JSON (schemas " + (schemas ? "on" : "off") + ", " + extra + ")",
                    ConverterRoundTrip.jsonText(expectedSchema, expected, schemas, extra),
                    ConverterRoundTrip.jsonText(actualSchema, actual, schemas, extra));
            }
        }
        compare(diffs, what + " Avro schema", avro(expectedSchema), avro(actualSchema));
    }

    private static JsonNode jsonTree(String json) {
        try {
            return json == null ? null : MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The JSON converter wrote invalid JSON: " + json, e);
        }
    }

    private static String avro(Schema schema) {
        return schema == null ? null : ConverterRoundTrip.avroSchema(schema).toString();
    }

    /** Each header as its name, its schema as JsonConverter writes it, and its value's JSON bytes. */
    private List<String> headers(ConnectRecord<?> record) {
        JsonConverter converter = view == View.FULL
            ? ConverterRoundTrip.json(true, false, ConverterRoundTrip.KEEP_NULLS)
            : ConverterRoundTrip.json(false, false, ConverterRoundTrip.KEEP_NULLS);
        List<String> described = new ArrayList<>();
        for (Header header : record.headers()) {
            byte[] bytes = converter.fromConnectHeader(TOPIC, header.key(), header.schema(), header.value());
            String json = bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
            described.add(header.key() + " = " + (view == View.FULL ? json : jsonTree(json)));
        }
        return described;
    }

    private static void compare(List<String> diffs, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            diffs.add(what + ":\n    Debezium: " + expected + "\n    CdcUnwrap: " + actual);
        }
    }

    private static String describe(SourceRecord record) {
        return record == null ? "no record (dropped)" : "a record with value " + record.value();
    }
}
