package dev.spillway.connect.smt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.connect.smt.cdc.CdcEvents;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.spillway.connect.smt.cdc.CdcEvents.ENVELOPE;
import static dev.spillway.connect.smt.cdc.CdcEvents.ROW;
import static dev.spillway.connect.smt.cdc.CdcEvents.envelope;
import static dev.spillway.connect.smt.cdc.CdcEvents.envelopeMap;
import static dev.spillway.connect.smt.cdc.CdcEvents.row;
import static dev.spillway.connect.smt.cdc.CdcEvents.rowMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CdcUnwrapTest {

    private static final Schema KEY_SCHEMA = SchemaBuilder.struct().name("dbserver1.inventory.customers.Key")
        .field("id", Schema.INT32_SCHEMA).build();

    /** The schema of emitted rows: as Debezium builds it, a required copy of the row schema (name and fields). */
    private static final Schema EMITTED_ROW = requiredCopy(ROW);

    private final List<CdcUnwrap.Value<SinkRecord>> transforms = new ArrayList<>();

    private static Schema requiredCopy(Schema row) {
        SchemaBuilder builder = SchemaBuilder.struct().name(row.name());
        row.fields().forEach(field -> builder.field(field.name(), field.schema()));
        return builder.build();
    }

    /** {@code row} as CdcUnwrap emits it, under {@link #EMITTED_ROW}. */
    private static Struct emitted(Struct row) {
        Struct emitted = new Struct(EMITTED_ROW);
        ROW.fields().forEach(field -> {
            Object value = row.getWithoutDefault(field.name());
            if (value != null) {
                emitted.put(field.name(), value);
            }
        });
        return emitted;
    }

    @AfterEach
    void close() {
        transforms.forEach(CdcUnwrap::close);
    }

    private CdcUnwrap.Value<SinkRecord> unwrap(String... keysAndValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        CdcUnwrap.Value<SinkRecord> transform = new CdcUnwrap.Value<>();
        transform.configure(props);
        transforms.add(transform);
        return transform;
    }

    private static SinkRecord record(Schema valueSchema, Object value) {
        Headers headers = new ConnectHeaders().addString("trace", "abc");
        return new SinkRecord("dbserver1.inventory.customers", 2, KEY_SCHEMA, new Struct(KEY_SCHEMA).put("id", 1),
            valueSchema, value, 42L, 1_700_000_001_000L, TimestampType.CREATE_TIME, headers);
    }

    private static SinkRecord structEvent(String op, Struct before, Struct after) {
        return record(ENVELOPE, envelope(op, before, after));
    }

    private static SinkRecord mapEvent(String op, Map<String, Object> before, Map<String, Object> after) {
        return record(null, envelopeMap(op, before, after));
    }

    private static SinkRecord tombstone() {
        return record(null, null);
    }

    private static Map<String, Object> headers(SinkRecord record) {
        Map<String, Object> headers = new HashMap<>();
        record.headers().forEach(header -> headers.put(header.key(), header.value()));
        return headers;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> asMap(Object recordOrValue) {
        Object value = recordOrValue instanceof SinkRecord record ? record.value() : recordOrValue;
        return (Map<Object, Object>) value;
    }

    private static Header header(SinkRecord record, String key) {
        return record.headers().lastWithName(key);
    }

    @Nested
    class RowsWithSchema {

        @ParameterizedTest
        @ValueSource(strings = {"c", "r", "u"})
        void emitsTheAfterRowWithItsSchema(String op) {
            SinkRecord input = structEvent(op, op.equals("u") ? row(1, "old@example.com") : null,
                row(1, "new@example.com"));

            SinkRecord output = unwrap().apply(input);

            // Debezium's schema for these rows: the row schema's name and fields, but required, where the 'after'
            // field is optional. CdcUnwrapDebeziumIT compares the two on real change events.
            assertThat(output.valueSchema()).isEqualTo(EMITTED_ROW);
            assertThat(output.valueSchema().isOptional()).isFalse();
            assertThat(output.valueSchema().name()).isEqualTo("dbserver1.inventory.customers.Value");
            assertThat(output.value()).isEqualTo(emitted(row(1, "new@example.com")));
            assertThat(output.key()).isEqualTo(input.key());
            assertThat(output.keySchema()).isSameAs(KEY_SCHEMA);
            assertThat(output.topic()).isEqualTo(input.topic());
            assertThat(output.kafkaPartition()).isEqualTo(2);
            assertThat(output.kafkaOffset()).isEqualTo(42L);
            assertThat(output.timestamp()).isEqualTo(input.timestamp());
            assertThat(headers(output)).containsExactly(Map.entry("trace", "abc"));
            assertThat(output.headers()).isNotSameAs(input.headers());
        }

        @Test
        void keepsNullsThatHaveADefault() {
            SinkRecord output = unwrap("add.fields", "op").apply(structEvent("c", null, row(1, null)));

            assertThat(((Struct) output.value()).getWithoutDefault("status")).isNull();
        }

        @Test
        void rewriteModesPutTheDefaultInPlaceOfANullAsDebeziumDoes() {
            SinkRecord update = structEvent("u", row(1, "a@example.com"), row(1, null));
            SinkRecord delete = structEvent("d", row(1, null), null);

            for (String mode : List.of("rewrite", "rewrite-with-tombstone")) {
                CdcUnwrap.Value<SinkRecord> transform = unwrap("delete.tombstone.handling.mode", mode);
                assertThat(((Struct) transform.apply(update).value()).getWithoutDefault("status")).isEqualTo("active");
                assertThat(((Struct) transform.apply(delete).value()).getWithoutDefault("status")).isEqualTo("active");
                // A column without a default stays null.
                assertThat(((Struct) transform.apply(update).value()).getWithoutDefault("email")).isNull();

                CdcUnwrap.Value<SinkRecord> raw = unwrap("delete.tombstone.handling.mode", mode,
                    "replace.null.with.default", "false");
                assertThat(((Struct) raw.apply(update).value()).getWithoutDefault("status")).isNull();
            }
        }

        @Test
        void dropsTruncateEventsAndPassesMessagesThrough() {
            Schema messageSchema = SchemaBuilder.struct().name("io.debezium.connector.postgresql.MessageValue")
                .field("op", Schema.STRING_SCHEMA).field("message", Schema.OPTIONAL_STRING_SCHEMA).build();
            SinkRecord message = record(messageSchema, new Struct(messageSchema).put("op", "m"));
            CdcUnwrap.Value<SinkRecord> transform = unwrap();

            assertThat(transform.apply(structEvent("t", null, null))).isNull();
            assertThat(transform.apply(message)).isSameAs(message);
            assertThat(transform.nonEnvelopeRecordCount()).isZero();
        }

        @Test
        void quotesAHostileOperationCodeShortAndClean() {
            String op = "x\n\u001b[2J" + "y".repeat(10_000);
            assertThatThrownBy(() -> unwrap().apply(structEvent(op, null, row(1, "a@example.com"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("unknown operation op='x\\n\\u001b[2J" + "y".repeat(14) + "... (10006 chars)'")
                .hasMessageNotContaining("\u001b").hasMessageNotContaining("\n");
        }

        @Test
        void failsUnknownOperationsWithTheirCoordinates() {
            assertThatThrownBy(() -> unwrap().apply(structEvent("x", null, row(1, "a@example.com"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("topic 'dbserver1.inventory.customers' partition 2 offset 42")
                .hasMessageContaining("unknown operation op='x'");
        }

        @Test
        void failsAnInsertWithoutARow() {
            assertThatThrownBy(() -> unwrap().apply(structEvent("c", null, null)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("op='c' but 'after' is null");
        }

        @Test
        void worksOnSourceRecords() {
            SourceRecord input = new SourceRecord(Map.of(), Map.of(), "t", null, ENVELOPE,
                envelope("c", null, row(3, "c@example.com")));
            CdcUnwrap.Value<SourceRecord> transform = new CdcUnwrap.Value<>();
            transform.configure(Map.of());

            assertThat(transform.apply(input).value()).isEqualTo(emitted(row(3, "c@example.com")));
            transform.close();
        }
    }

    @Nested
    class RouteByField {

        private SinkRecord withStatus(String op, String status) {
            Struct before = op.equals("c") ? null : row(1, "a@example.com").put("status", status);
            Struct after = op.equals("d") ? null : row(1, "b@example.com").put("status", status);
            return structEvent(op, before, after);
        }

        @Test
        void sendsEachRowToTheTopicItsColumnNames() {
            CdcUnwrap.Value<SinkRecord> transform = unwrap("route.by.field", "status", "add.headers", "op");

            SinkRecord output = transform.apply(withStatus("u", "archived"));

            assertThat(output.topic()).isEqualTo("archived");
            assertThat(output.kafkaPartition()).isEqualTo(2);
            assertThat(output.value()).isEqualTo(emitted(row(1, "b@example.com").put("status", "archived")));
            assertThat(headers(output)).containsOnly(Map.entry("trace", "abc"), Map.entry("__op", "u"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"tombstone", "delete-to-tombstone", "rewrite", "rewrite-with-tombstone"})
        void routesDeletesByTheirOldRow(String mode) {
            CdcUnwrap.Value<SinkRecord> transform = unwrap("route.by.field", "status",
                "delete.tombstone.handling.mode", mode);

            assertThat(transform.apply(withStatus("d", "archived")).topic()).isEqualTo("archived");
            // The tombstone that follows is not a change event: it keeps its topic.
            SinkRecord tombstoneOut = transform.apply(tombstone());
            if (tombstoneOut != null) {
                assertThat(tombstoneOut.topic()).isEqualTo("dbserver1.inventory.customers");
            }
        }

        @Test
        void aSourceRecordIsNeverRoutedToAnInternalTopic() {
            CdcUnwrap.Value<SourceRecord> transform = new CdcUnwrap.Value<>();
            transform.configure(Map.of("route.by.field", "status"));
            for (String hostile : new String[] {"__consumer_offsets", "_schemas", "connect-offsets",
                "mm2-status.src.internal"}) {
                SinkRecord event = withStatus("u", hostile);
                SourceRecord source = new SourceRecord(null, null, event.topic(), event.kafkaPartition(),
                    event.keySchema(), event.key(), event.valueSchema(), event.value());
                assertThatThrownBy(() -> transform.apply(source)).as(hostile).isInstanceOf(DataException.class)
                    .hasMessageContaining("route.by.field").hasMessageContaining("refused for a source record");
            }
            SinkRecord event = withStatus("u", "archived");
            assertThat(transform.apply(new SourceRecord(null, null, event.topic(), event.kafkaPartition(),
                event.keySchema(), event.key(), event.valueSchema(), event.value())).topic()).isEqualTo("archived");
            // A sink record's topic only names where the sink writes: as in Debezium, any name goes.
            assertThat(unwrap("route.by.field", "status").apply(withStatus("u", "_audit")).topic())
                .isEqualTo("_audit");
            transform.close();
        }

        @Test
        void aNullColumnRoutesToItsDefaultAndABlankOneKeepsTheTopic() {
            CdcUnwrap.Value<SinkRecord> transform = unwrap("route.by.field", "status");

            assertThat(transform.apply(withStatus("c", null)).topic()).isEqualTo("active");
            assertThat(transform.apply(withStatus("c", " ")).topic()).isEqualTo("dbserver1.inventory.customers");
        }

        @Test
        void routesSchemalessRowsToo() {
            Map<String, Object> after = rowMap(1, "b@example.com");
            after.put("status", "archived");

            assertThat(unwrap("route.by.field", "status").apply(mapEvent("c", null, after)).topic())
                .isEqualTo("archived");
        }

        @Test
        void failsARowWithoutTheColumnNamingIt() {
            assertThatThrownBy(() -> unwrap("route.by.field", "region").apply(withStatus("c", "x")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("route.by.field")
                .hasMessageContaining("'region'")
                .hasMessageContaining("dbserver1.inventory.customers");
        }

        @Test
        void failsADeleteWithoutItsOldRow() {
            assertThatThrownBy(() -> unwrap("route.by.field", "status").apply(structEvent("d", null, null)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("route.by.field");
        }
    }

    @Nested
    class DeletesAndTombstones {

        /** Debezium 3.2's delete.tombstone.handling.mode, event by event. */
        @ParameterizedTest
        @CsvSource({
            "drop,                   dropped,           dropped",
            "tombstone,              null-with-schema,  dropped",
            "delete-to-tombstone,    null-no-schema,    dropped",
            "rewrite,                rewritten,         dropped",
            "rewrite-with-tombstone, rewritten,         kept",
        })
        void handleLikeDebezium(String mode, String delete, String tombstone) {
            CdcUnwrap.Value<SinkRecord> transform = unwrap("delete.tombstone.handling.mode", mode);
            SinkRecord deleteEvent = structEvent("d", row(1, "gone@example.com"), null);
            SinkRecord tombstoneRecord = tombstone();

            SinkRecord deleteOut = transform.apply(deleteEvent);
            SinkRecord tombstoneOut = transform.apply(tombstoneRecord);

            switch (delete) {
                case "dropped" -> assertThat(deleteOut).isNull();
                case "null-with-schema" -> {
                    assertThat(deleteOut.value()).isNull();
                    assertThat(deleteOut.valueSchema()).isSameAs(ROW);
                    assertThat(deleteOut.key()).isEqualTo(deleteEvent.key());
                }
                case "null-no-schema" -> {
                    assertThat(deleteOut.value()).isNull();
                    assertThat(deleteOut.valueSchema()).isNull();
                    assertThat(deleteOut.key()).isEqualTo(deleteEvent.key());
                }
                default -> {
                    Struct value = (Struct) deleteOut.value();
                    assertThat(value.get("id")).isEqualTo(1);
                    assertThat(value.get("email")).isEqualTo("gone@example.com");
                    assertThat(value.get("__deleted")).isEqualTo("true");
                }
            }
            if (tombstone.equals("kept")) {
                assertThat(tombstoneOut).isSameAs(tombstoneRecord);
            } else {
                assertThat(tombstoneOut).isNull();
            }
        }

        @Test
        void rewriteMarksEveryRowAndKeepsTheRowSchemaName() {
            CdcUnwrap.Value<SinkRecord> transform = unwrap("delete.tombstone.handling.mode", "rewrite");

            SinkRecord update = transform.apply(structEvent("u", row(1, "a@example.com"), row(1, "b@example.com")));
            SinkRecord delete = transform.apply(structEvent("d", row(1, "b@example.com"), null));

            Schema schema = update.valueSchema();
            assertThat(schema.name()).isEqualTo(ROW.name());
            assertThat(schema.isOptional()).isFalse();
            assertThat(schema.fields()).extracting(field -> field.name())
                .containsExactly("id", "email", "status", "__deleted");
            assertThat(schema.field("__deleted").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(((Struct) update.value()).get("__deleted")).isEqualTo("false");
            assertThat(((Struct) delete.value()).get("__deleted")).isEqualTo("true");
            // before and after share the row schema, so deletes reuse the derived schema
            assertThat(delete.valueSchema()).isSameAs(schema);
        }

        @Test
        void rewriteNeedsTheBeforeRow() {
            assertThatThrownBy(() -> unwrap("delete.tombstone.handling.mode", "rewrite")
                .apply(structEvent("d", null, null).newRecord("t", 0, null, null, ENVELOPE,
                    envelope("d", null, null), 0L)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'before' is null");
        }

        @Test
        void addsOnlyTheOperationHeaderToKeptTombstones() {
            CdcUnwrap.Value<SinkRecord> transform = unwrap("delete.tombstone.handling.mode",
                "rewrite-with-tombstone", "add.headers", "op,source.table");

            SinkRecord output = transform.apply(tombstone());

            assertThat(headers(output)).containsOnly(Map.entry("trace", "abc"), Map.entry("__op", "d"));
            // Debezium's header here is a required string, unlike the optional ones copied from change events.
            assertThat(header(output, "__op").schema()).isEqualTo(Schema.STRING_SCHEMA);
        }

        @Test
        void deletesTurnedIntoTombstonesKeepTheirHeaders() {
            SinkRecord output = unwrap("add.headers", "op,table").apply(structEvent("d", row(1, "x@example.com"),
                null));

            assertThat(output.value()).isNull();
            assertThat(headers(output)).containsOnly(Map.entry("trace", "abc"), Map.entry("__op", "d"),
                Map.entry("__table", "customers"));
        }
    }

    @Nested
    class Metadata {

        @Test
        void addsFieldsAfterTheRowAndTheDeletedMarker() {
            CdcUnwrap.Value<SinkRecord> transform = unwrap("delete.tombstone.handling.mode", "rewrite",
                "add.fields", "op,source.ts_ms,table,ts_ms,source.lsn,transaction.id,source.xmin");

            SinkRecord output = transform.apply(structEvent("c", null, row(1, "a@example.com")));

            Struct value = (Struct) output.value();
            assertThat(value.schema().fields()).extracting(field -> field.name()).containsExactly("id", "email",
                "status", "__deleted", "__op", "__source_ts_ms", "__table", "__ts_ms", "__source_lsn",
                "__transaction_id");
            assertThat(value.get("__op")).isEqualTo("c");
            assertThat(value.get("__source_ts_ms")).isEqualTo(CdcEvents.SOURCE_TS);
            assertThat(value.get("__table")).isEqualTo("customers");
            assertThat(value.get("__ts_ms")).isEqualTo(CdcEvents.EVENT_TS);
            assertThat(value.get("__source_lsn")).isEqualTo(24023128L);
            assertThat(value.get("__transaction_id")).isNull();
            assertThat(value.schema().field("__op").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(value.schema().field("__source_ts_ms").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
        }

        @Test
        void addsFieldsToRewrittenDeletes() {
            SinkRecord output = unwrap("delete.tombstone.handling.mode", "rewrite", "add.fields", "op")
                .apply(structEvent("d", row(1, "a@example.com"), null));

            assertThat(((Struct) output.value()).get("__op")).isEqualTo("d");
            assertThat(((Struct) output.value()).get("__deleted")).isEqualTo("true");
        }

        @Test
        void readsTransactionsWhenPresent() {
            Struct value = CdcEvents.withTransaction(envelope("u", row(1, "a@example.com"),
                row(1, "b@example.com")), "tx-9");

            SinkRecord output = unwrap("add.fields", "id,transaction.total_order:order", "add.fields.prefix", "tx_")
                .apply(record(ENVELOPE, value));

            assertThat(((Struct) output.value()).get("tx_id")).isEqualTo("tx-9");
            assertThat(((Struct) output.value()).get("tx_order")).isEqualTo(7L);
        }

        @Test
        void addsHeadersWithOptionalSchemas() {
            SinkRecord input = structEvent("u", row(1, "a@example.com"), row(1, "b@example.com"));

            SinkRecord output = unwrap("add.headers", "op,source.ts_ms,db,transaction.id,source.xmin",
                "add.headers.prefix", "cdc.").apply(input);

            assertThat(header(output, "cdc.op").value()).isEqualTo("u");
            assertThat(header(output, "cdc.op").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(header(output, "cdc.source_ts_ms").value()).isEqualTo(CdcEvents.SOURCE_TS);
            assertThat(header(output, "cdc.source_ts_ms").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
            assertThat(header(output, "cdc.db").value()).isEqualTo("inventory");
            assertThat(header(output, "cdc.transaction_id").value()).isNull();
            assertThat(header(output, "cdc.transaction_id").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
            assertThat(header(output, "cdc.source_xmin")).isNull();
            assertThat(headers(input)).containsOnly(Map.entry("trace", "abc"));
            // Only headers: the row is emitted with its fields as they are.
            assertThat(output.valueSchema()).isEqualTo(EMITTED_ROW);
            assertThat(output.value()).isEqualTo(emitted(row(1, "b@example.com")));
        }

        @Test
        void failsWhenAnAddedFieldCollidesWithAColumn() {
            Schema rowWithOp = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA)
                .field("__op", Schema.OPTIONAL_STRING_SCHEMA).build();
            Schema envelopeSchema = SchemaBuilder.struct().field("after", rowWithOp).field("op", Schema.STRING_SCHEMA)
                .build();
            Struct value = new Struct(envelopeSchema).put("op", "c")
                .put("after", new Struct(rowWithOp).put("id", 1));

            assertThatThrownBy(() -> unwrap("add.fields", "op").apply(record(envelopeSchema, value)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("already has a field '__op'");
        }
    }

    @Nested
    class SchemaCache {

        @Test
        void derivesEachOutputSchemaOnce() {
            CdcUnwrap.Value<SinkRecord> transform = unwrap("add.fields", "op,table");

            Schema first = transform.apply(structEvent("c", null, row(1, "a@example.com"))).valueSchema();
            Schema second = transform.apply(structEvent("u", row(1, "a@example.com"), row(1, "b@example.com")))
                .valueSchema();

            assertThat(second).isSameAs(first);
        }

        @Test
        void equalInputSchemasShareTheOutputSchema() {
            CdcUnwrap.Value<SinkRecord> transform = unwrap("delete.tombstone.handling.mode", "rewrite");
            Schema rebuiltEnvelope = SchemaBuilder.struct().name(ENVELOPE.name())
                .field("before", ROW).field("after", ROW).field("source", CdcEvents.SOURCE)
                .field("op", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .field("transaction", CdcEvents.TRANSACTION).build();
            Struct value = new Struct(rebuiltEnvelope).put("op", "c").put("source", CdcEvents.source())
                .put("after", row(2, "b@example.com"));

            Schema first = transform.apply(structEvent("c", null, row(1, "a@example.com"))).valueSchema();
            Schema second = transform.apply(record(rebuiltEnvelope, value)).valueSchema();

            assertThat(second).isSameAs(first);
        }
    }

    @Nested
    class Schemaless {

        @ParameterizedTest
        @ValueSource(strings = {"c", "r", "u"})
        void emitsTheAfterMap(String op) {
            SinkRecord output = unwrap().apply(mapEvent(op, null, rowMap(1, "a@example.com")));

            assertThat(output.valueSchema()).isNull();
            assertThat(output.value()).isEqualTo(rowMap(1, "a@example.com"));
        }

        @Test
        void handlesDeletesAndTombstones() {
            SinkRecord delete = mapEvent("d", rowMap(1, "a@example.com"), null);

            assertThat(unwrap().apply(delete).value()).isNull();
            assertThat(unwrap().apply(delete).key()).isEqualTo(delete.key());
            assertThat(unwrap("delete.tombstone.handling.mode", "drop").apply(delete)).isNull();
            assertThat(unwrap("delete.tombstone.handling.mode", "delete-to-tombstone").apply(delete).value())
                .isNull();
            assertThat(unwrap().apply(tombstone())).isNull();
            assertThat(unwrap("delete.tombstone.handling.mode", "rewrite-with-tombstone").apply(tombstone()))
                .isNotNull();
        }

        @Test
        void rewritesWithTheSameMarkerAsWithASchema() {
            CdcUnwrap.Value<SinkRecord> transform = unwrap("delete.tombstone.handling.mode", "rewrite");

            Map<Object, Object> deleted = asMap(transform.apply(mapEvent("d", rowMap(1, "a@example.com"), null)));
            Map<Object, Object> updated = asMap(transform.apply(mapEvent("u", rowMap(1, "a@example.com"),
                rowMap(1, "b@example.com"))));

            assertThat(deleted).containsEntry("__deleted", "true").containsEntry("email", "a@example.com");
            assertThat(updated).containsEntry("__deleted", "false").containsEntry("email", "b@example.com");
        }

        @Test
        void addsFieldsAndHeadersThatArePresent() {
            SinkRecord input = mapEvent("c", null, rowMap(1, "a@example.com"));

            SinkRecord output = unwrap("add.fields", "op,source.ts_ms,table,transaction.id,source.xmin",
                "add.headers", "op,source.lsn,source.xmin").apply(input);

            Map<Object, Object> value = asMap(output);
            assertThat(value.keySet()).containsExactly((Object) "id", "email", "__op", "__source_ts_ms", "__table",
                "__transaction_id");
            assertThat(value.get("__op")).isEqualTo("c");
            assertThat(value.get("__table")).isEqualTo("customers");
            assertThat(value.get("__transaction_id")).isNull();
            assertThat(header(output, "__op").value()).isEqualTo("c");
            assertThat(header(output, "__op").schema()).isNull();
            assertThat(header(output, "__source_lsn").value()).isEqualTo(24023128L);
            assertThat(header(output, "__source_xmin")).isNull();
            // The incoming record is untouched.
            assertThat(asMap(asMap(input).get("after"))).containsOnlyKeys("id", "email");
        }
    }

    @Nested
    class NotChangeEvents {

        @Test
        void passThroughUnchangedAndAreCounted() {
            Schema heartbeat = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
                .field("ts_ms", Schema.INT64_SCHEMA).build();
            SinkRecord heartbeatRecord = record(heartbeat, new Struct(heartbeat).put("ts_ms", 1L));
            SinkRecord text = record(Schema.STRING_SCHEMA, "hello");
            SinkRecord plainMap = record(null, Map.of("id", 1));
            CdcUnwrap.Value<SinkRecord> transform = unwrap("add.headers", "op");

            assertThat(transform.apply(heartbeatRecord)).isSameAs(heartbeatRecord);
            assertThat(transform.apply(text)).isSameAs(text);
            assertThat(transform.apply(plainMap)).isSameAs(plainMap);
            assertThat(transform.apply(structEvent("c", null, row(1, "a@example.com")))).isNotNull();

            assertThat(transform.nonEnvelopeRecordCount()).isEqualTo(3);
            assertThat(headers(heartbeatRecord)).containsOnly(Map.entry("trace", "abc"));
        }

        @Test
        void tombstonesAreNotCounted() {
            CdcUnwrap.Value<SinkRecord> transform = unwrap();

            transform.apply(tombstone());

            assertThat(transform.nonEnvelopeRecordCount()).isZero();
        }
    }

    /** A Debezium event as the JSON converter writes it with schemas.enable=true, read and written back. */
    @Nested
    class JsonRoundTrip {

        private static final String ROW_SCHEMA = """
            {"type":"struct","optional":true,"name":"dbserver1.inventory.customers.Value","fields":[
              {"type":"int32","optional":false,"field":"id"},
              {"type":"string","optional":true,"field":"email"}]}""";

        private static final String EVENT = """
            {"schema":{"type":"struct","optional":false,"name":"dbserver1.inventory.customers.Envelope",
              "fields":[
                %s,
                %s,
                {"type":"struct","optional":false,"name":"io.debezium.connector.postgresql.Source","field":"source",
                 "fields":[
                   {"type":"string","optional":false,"field":"connector"},
                   {"type":"int64","optional":false,"field":"ts_ms"},
                   {"type":"string","optional":false,"field":"table"},
                   {"type":"int64","optional":true,"field":"lsn"}]},
                {"type":"string","optional":false,"field":"op"},
                {"type":"int64","optional":true,"field":"ts_ms"},
                {"type":"struct","optional":true,"name":"event.block","field":"transaction","fields":[
                   {"type":"string","optional":false,"field":"id"}]}]},
             "payload":{"before":%s,"after":%s,
               "source":{"connector":"postgresql","ts_ms":1700000000000,"table":"customers","lsn":24023128},
               "op":"%s","ts_ms":1700000000500,"transaction":null}}""";

        private final JsonConverter converter = new JsonConverter();
        private final ObjectMapper mapper = new ObjectMapper();

        @AfterEach
        void closeConverter() {
            converter.close();
        }

        private SinkRecord read(String op, String before, String after) {
            converter.configure(Map.of("schemas.enable", "true"), false);
            String json = EVENT.formatted(withField(ROW_SCHEMA, "before"), withField(ROW_SCHEMA, "after"),
                before, after, op);
            SchemaAndValue data = converter.toConnectData("customers", json.getBytes(StandardCharsets.UTF_8));
            return record(data.schema(), data.value());
        }

        private static String withField(String schema, String field) {
            return schema.replaceFirst("\\{", "{\"field\":\"" + field + "\",");
        }

        private JsonNode write(SinkRecord record) throws Exception {
            byte[] bytes = converter.fromConnectData(record.topic(), record.valueSchema(), record.value());
            return bytes == null ? null : mapper.readTree(bytes);
        }

        @Test
        void unwrapsAnUpdateWithMetadata() throws Exception {
            SinkRecord input = read("u", "{\"id\":1,\"email\":\"old@example.com\"}",
                "{\"id\":1,\"email\":\"new@example.com\"}");

            SinkRecord output = unwrap("add.fields", "op,table,source.ts_ms,transaction.id",
                "delete.tombstone.handling.mode", "rewrite").apply(input);
            JsonNode json = write(output);

            assertThat(json.get("schema").get("name").asText()).isEqualTo("dbserver1.inventory.customers.Value");
            JsonNode payload = json.get("payload");
            assertThat(payload.fieldNames()).toIterable().containsExactly("id", "email", "__deleted", "__op",
                "__table", "__source_ts_ms", "__transaction_id");
            assertThat(payload.get("id").asInt()).isEqualTo(1);
            assertThat(payload.get("email").asText()).isEqualTo("new@example.com");
            assertThat(payload.get("__deleted").asText()).isEqualTo("false");
            assertThat(payload.get("__op").asText()).isEqualTo("u");
            assertThat(payload.get("__table").asText()).isEqualTo("customers");
            assertThat(payload.get("__source_ts_ms").asLong()).isEqualTo(1700000000000L);
            assertThat(payload.get("__transaction_id").isNull()).isTrue();
        }

        @Test
        void turnsADeleteIntoANullValue() throws Exception {
            SinkRecord input = read("d", "{\"id\":1,\"email\":\"old@example.com\"}", "null");

            SinkRecord output = unwrap().apply(input);

            assertThat(output.value()).isNull();
            assertThat(output.valueSchema().name()).isEqualTo("dbserver1.inventory.customers.Value");
            JsonNode json = write(output);
            assertThat(json.get("payload").isNull()).isTrue();
        }
    }
}
