package dev.spillway.connect.smt.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.smt.CdcUnwrap;
import dev.spillway.testcluster.converters.ConverterRoundTrip;
import io.debezium.transforms.ExtractChangedRecordState;
import io.debezium.transforms.ExtractNewRecordState;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Debezium as the oracle: real change events from Debezium's PostgreSQL connector (captured once for the class by
 * {@link PostgresChangeCapture}), each put through Debezium's {@code ExtractNewRecordState} and through
 * {@code CdcUnwrap} with the same settings, must give records that no consumer can tell apart ({@link RecordDiff}).
 */
class CdcUnwrapDebeziumIT {

    private static final List<String> MODES = List.of("tombstone", "delete-to-tombstone", "drop", "rewrite",
        "rewrite-with-tombstone");

    private static final RecordDiff FULL = new RecordDiff(RecordDiff.View.FULL);
    private static final RecordDiff SCHEMALESS = new RecordDiff(RecordDiff.View.SCHEMALESS);

    private static List<SourceRecord> events;

    @BeforeAll
    static void capture() throws Exception {
        events = PostgresChangeCapture.capture(Path.of("target", "db-servers"));
    }

    @AfterAll
    static void release() {
        events = null;
    }

    @Test
    void theCaptureHoldsEveryKindOfChangeEvent() {
        Set<String> kinds = new TreeSet<>();
        for (SourceRecord event : events) {
            kinds.add(kind(event));
        }
        assertThat(kinds).contains("op=r", "op=c", "op=u", "op=d", "op=t", "op=m", "tombstone",
            "io.debezium.connector.common.TransactionMetadataValue");
        // The primary key change: a delete of the old key, its tombstone and an insert of the new key.
        assertThat(events).anySatisfy(event -> assertThat(describe(event)).contains("op=d", "\"id\":2"));
        assertThat(events).anySatisfy(event -> assertThat(describe(event)).contains("op=c", "\"id\":20"));
    }

    static Stream<Arguments> sharedOptions() {
        List<Arguments> cases = new ArrayList<>();
        for (String mode : MODES) {
            cases.add(options(mode));
            cases.add(options(mode, "add.fields", "op,table,source.ts_ms,lsn:position,ts_ms,id,total_order,snapshot"));
            cases.add(options(mode, "add.fields", "op,db,source.schema", "add.fields.prefix", "meta_"));
            cases.add(options(mode, "add.headers", "op,table,source.ts_ms:when,id,data_collection_order,txId"));
            cases.add(options(mode, "add.headers", "op,lsn", "add.headers.prefix", "cdc."));
            cases.add(options(mode, "add.fields", "op,lsn", "add.headers", "db,op", "add.fields.prefix", "",
                "add.headers.prefix", "x-"));
            cases.add(options(mode, "replace.null.with.default", "false"));
            cases.add(options(mode, "replace.null.with.default", "false", "add.fields", "op,source.ts_ms"));
            cases.add(options(mode, "route.by.field", "shard", "add.headers", "op"));
            cases.add(options(mode, "route.by.field", "at_shard", "add.fields", "table"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedOptions")
    void givesTheSameRecordsAsDebezium(String name, Map<String, String> config) {
        List<String> mismatches = new ArrayList<>();
        List<SourceRecord> emitted = new ArrayList<>();
        try (Transformation<SourceRecord> debezium = new ExtractNewRecordState<>();
             Transformation<SourceRecord> spillway = new CdcUnwrap.Value<>()) {
            debezium.configure(config);
            spillway.configure(config);
            for (int i = 0; i < events.size(); i++) {
                SourceRecord event = events.get(i);
                // Debezium adds headers to the record it is given: each transform gets its own copy.
                List<String> diffs = FULL.differences(() -> debezium.apply(copy(event)), () -> {
                    SourceRecord output = spillway.apply(copy(event));
                    if (output != null) {
                        emitted.add(output);
                    }
                    return output;
                });
                if (!diffs.isEmpty()) {
                    mismatches.add("#" + i + " " + describe(event) + "\n  " + String.join("\n  ", diffs));
                }
            }
        }
        assertThat(mismatches).as("records that differ from Debezium's with %s", config).isEmpty();
        // Not vacuous: rows came out (and were routed where asked), not only failures and drops.
        assertThat(emitted).anySatisfy(output -> assertThat(output.value()).isInstanceOf(Struct.class));
        if (config.containsKey("route.by.field")) {
            assertThat(emitted).anySatisfy(output -> assertThat(output.topic()).isIn("east", "west"));
        }
    }

    /**
     * {@code drop.fields.header.name} with each value of its two qualifiers, in each mode: Debezium's
     * {@code ExtractChangedRecordState} first lists the changed and unchanged columns of each update in headers, then
     * both transforms drop the columns one of them lists.
     */
    static Stream<Arguments> dropFieldsOptions() {
        List<Arguments> cases = new ArrayList<>();
        for (String mode : MODES) {
            for (String fromKey : List.of("false", "true")) {
                for (String compatible : List.of("true", "false")) {
                    cases.add(options(mode, "drop.fields.header.name", "unchanged", "drop.fields.from.key", fromKey,
                        "drop.fields.keep.schema.compatible", compatible));
                }
            }
            cases.add(options(mode, "drop.fields.header.name", "changed", "drop.fields.from.key", "true",
                "add.fields", "op,table", "add.headers", "op"));
            cases.add(options(mode, "drop.fields.header.name", "changed", "drop.fields.keep.schema.compatible",
                "false", "add.fields", "op,table", "replace.null.with.default", "false", "route.by.field", "shard"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dropFieldsOptions")
    void dropsTheFieldsAHeaderListsAsDebeziumDoes(String name, Map<String, String> config) {
        List<String> mismatches = new ArrayList<>();
        List<SourceRecord> dropped = new ArrayList<>();
        try (Transformation<SourceRecord> listChanges = new ExtractChangedRecordState<>();
             Transformation<SourceRecord> debezium = new ExtractNewRecordState<>();
             Transformation<SourceRecord> spillway = new CdcUnwrap.Value<>()) {
            listChanges.configure(Map.of("header.changed.name", "changed", "header.unchanged.name", "unchanged"));
            debezium.configure(config);
            spillway.configure(config);
            for (int i = 0; i < events.size(); i++) {
                SourceRecord event = events.get(i);
                List<String> diffs = FULL.differences(() -> debezium.apply(listChanges.apply(copy(event))), () -> {
                    SourceRecord output = spillway.apply(listChanges.apply(copy(event)));
                    if (lostColumns(event, output)) {
                        dropped.add(output);
                    }
                    return output;
                });
                if (!diffs.isEmpty()) {
                    mismatches.add("#" + i + " " + describe(event) + "\n  " + String.join("\n  ", diffs));
                }
            }
        }
        assertThat(mismatches).as("records that differ from Debezium's with %s", config).isEmpty();
        // Not vacuous: some rows lost columns.
        assertThat(dropped).as("rows that lost columns").isNotEmpty();
    }

    /** Whether the emitted row lacks a column of the change event's row. */
    private static boolean lostColumns(SourceRecord event, SourceRecord output) {
        if (output == null || output.valueSchema() == null || output.valueSchema().type() != Schema.Type.STRUCT
            || event.valueSchema() == null) {
            return false;
        }
        Field after = event.valueSchema().field("after");
        return after != null
            && after.schema().fields().stream().anyMatch(column -> output.valueSchema().field(column.name()) == null);
    }

    /**
     * Without a schema there are no defaults: the rewrite modes cannot put a column's default in place of its null
     * (documented), so they are compared with {@code replace.null.with.default=false}.
     */
    static Stream<Arguments> schemalessOptions() {
        return sharedOptions().filter(arguments -> {
            @SuppressWarnings("unchecked")
            Map<String, String> config = (Map<String, String>) arguments.get()[1];
            return !config.get("delete.tombstone.handling.mode").startsWith("rewrite")
                || "false".equals(config.get("replace.null.with.default"));
        });
    }

    /**
     * The extension: Debezium passes schemaless envelopes through, CdcUnwrap unwraps them. Each real change event,
     * written by the JSON converter without schemas (nulls kept) and read back as a {@code Map}, must come out of
     * CdcUnwrap as JSON without schemas equal to what Debezium's transform gives for the event with its schema.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("schemalessOptions")
    void unwrapsSchemalessEnvelopesAsDebeziumDoesThoseWithSchemas(String name, Map<String, String> config) {
        List<String> mismatches = new ArrayList<>();
        try (Transformation<SourceRecord> debezium = new ExtractNewRecordState<>();
             Transformation<SourceRecord> spillway = new CdcUnwrap.Value<>()) {
            debezium.configure(config);
            spillway.configure(config);
            for (int i = 0; i < events.size(); i++) {
                SourceRecord event = events.get(i);
                List<String> diffs = SCHEMALESS.differences(() -> debezium.apply(copy(event)),
                    () -> spillway.apply(schemaless(event)));
                if (!diffs.isEmpty()) {
                    mismatches.add("#" + i + " " + describe(event) + "\n  " + String.join("\n  ", diffs));
                }
            }
        }
        assertThat(mismatches).as("schemaless records that differ from Debezium's with %s", config).isEmpty();
    }

    /** The event as a sink reads it from JSON written without schemas: its value a {@code Map}. */
    private static SourceRecord schemaless(SourceRecord event) {
        SchemaAndValue read = ConverterRoundTrip.viaJson(event.valueSchema(), event.value(), false, false,
            ConverterRoundTrip.KEEP_NULLS);
        return event.newRecord(event.topic(), event.kafkaPartition(), event.keySchema(), event.key(), null,
            read.value(), event.timestamp(), event.headers().duplicate());
    }

    private static Arguments options(String mode, String... keyValues) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("delete.tombstone.handling.mode", mode);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return Arguments.of(config.toString(), config);
    }

    private static SourceRecord copy(SourceRecord record) {
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
            record.valueSchema(), record.value(), record.timestamp(), record.headers().duplicate());
    }

    private static String kind(SourceRecord event) {
        if (event.value() == null) {
            return "tombstone";
        }
        if (event.value() instanceof Struct struct && struct.schema().field("op") != null) {
            return "op=" + struct.getString("op");
        }
        return event.valueSchema() == null ? "schemaless" : event.valueSchema().name();
    }

    static String describe(SourceRecord event) {
        String value = "";
        if (event.value() instanceof Struct struct && struct.schema().field("before") != null) {
            value = String.valueOf(struct.get("before") == null ? struct.get("after") : struct.get("before"));
        }
        return event.topic() + " " + kind(event) + " key="
            + ConverterRoundTrip.jsonText(event.keySchema(), event.key(), false,
                Map.of()) + " " + value;
    }
}
