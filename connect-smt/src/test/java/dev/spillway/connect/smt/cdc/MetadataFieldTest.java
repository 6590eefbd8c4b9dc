package dev.spillway.connect.smt.cdc;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Optional;

import static dev.spillway.connect.smt.cdc.CdcEvents.envelope;
import static dev.spillway.connect.smt.cdc.CdcEvents.envelopeMap;
import static dev.spillway.connect.smt.cdc.CdcEvents.row;
import static dev.spillway.connect.smt.cdc.CdcEvents.rowMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataFieldTest {

    @ParameterizedTest
    @CsvSource({
        "op, __op",
        "ts_ms, __ts_ms",
        "table, __table",
        "source.ts_ms, __source_ts_ms",
        "transaction.id, __transaction_id",
        "source.ts_ms:event_time, __event_time",
        "'source.`db.name`', __source_db.name",
        "'source.`a:b`', __source_a:b",
        "after.tags[0], __after_tags_0",
    })
    void namesLikeDebezium(String entry, String expected) {
        assertThat(MetadataField.parse("add.fields", entry, "__").outputName()).isEqualTo(expected);
    }

    @Test
    void usesThePrefix() {
        assertThat(MetadataField.parse("add.headers", "op", "cdc.").outputName()).isEqualTo("cdc.op");
        assertThat(MetadataField.parse("add.headers", "op", "").outputName()).isEqualTo("op");
    }

    @Test
    void looksUpBareNamesWhereDebeziumKeepsThem() {
        Struct value = CdcEvents.withTransaction(envelope("c", null, row(1, "a@example.com")), "tx-1");

        assertThat(valueIn("op", value)).isEqualTo("c");
        assertThat(valueIn("ts_ms", value)).isEqualTo(CdcEvents.EVENT_TS);
        assertThat(valueIn("table", value)).isEqualTo("customers");
        assertThat(valueIn("lsn", value)).isEqualTo(24023128L);
        assertThat(valueIn("id", value)).isEqualTo("tx-1");
        assertThat(valueIn("total_order", value)).isEqualTo(7L);
        assertThat(valueIn("source.ts_ms", value)).isEqualTo(CdcEvents.SOURCE_TS);
    }

    @Test
    void fallsBackToTheEnvelopeForBareNamesNotInSource() {
        Schema withExtra = SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA)
            .field("after", CdcEvents.ROW).field("source", CdcEvents.SOURCE)
            .field("shard", Schema.STRING_SCHEMA).build();
        Struct value = new Struct(withExtra).put("op", "c").put("source", CdcEvents.source()).put("shard", "eu");

        assertThat(valueIn("shard", value)).isEqualTo("eu");
    }

    @Test
    void resolvedSchemasAreOptionalCopies() {
        MetadataField.Resolved table = MetadataField.parse("add.fields", "table", "__").resolve(CdcEvents.ENVELOPE)
            .orElseThrow();
        MetadataField.Resolved lsn = MetadataField.parse("add.fields", "lsn", "__").resolve(CdcEvents.ENVELOPE)
            .orElseThrow();

        assertThat(table.path()).hasToString("`source`.`table`");
        assertThat(table.schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(lsn.schema()).isSameAs(Schema.OPTIONAL_INT64_SCHEMA);
    }

    @Test
    void optionalCopiesKeepStructFieldsAndDropDefaults() {
        Schema required = SchemaBuilder.struct().name("s").field("a", Schema.INT32_SCHEMA).build();
        Schema withDefault = SchemaBuilder.int32().defaultValue(5).optional().build();

        assertThat(MetadataField.optional(required).isOptional()).isTrue();
        assertThat(MetadataField.optional(required).fields()).isEqualTo(required.fields());
        assertThat(MetadataField.optional(required).name()).isEqualTo("s");
        assertThat(MetadataField.optional(withDefault).defaultValue()).isNull();
    }

    @Test
    void absentFromTheSchemaIsNotResolved() {
        assertThat(MetadataField.parse("add.fields", "source.xmin", "__").resolve(CdcEvents.ENVELOPE)).isEmpty();
        assertThat(MetadataField.parse("add.fields", "nothing", "__").resolve(CdcEvents.ENVELOPE)).isEmpty();
    }

    @Test
    void insideANullStructIsNull() {
        Struct value = envelope("r", null, row(1, "a@example.com"));

        assertThat(valueIn("transaction.id", value)).isNull();
        assertThat(valueIn("id", value)).isNull();
    }

    @Test
    void schemalessAbsentNullAndPresent() {
        Map<String, Object> value = envelopeMap("c", null, rowMap(1, "a@example.com"));

        assertThat(MetadataField.parse("add.fields", "table", "__").valueIn(value))
            .contains(new MetadataField.Found("customers"));
        assertThat(MetadataField.parse("add.fields", "source.xmin", "__").valueIn(value)).isEmpty();
        assertThat(MetadataField.parse("add.fields", "transaction.id", "__").valueIn(value))
            .contains(new MetadataField.Found(null));
        assertThat(MetadataField.parse("add.fields", "before", "__").valueIn(value))
            .contains(new MetadataField.Found(null));
    }

    @Test
    void readsRawValuesWithoutDefaults() {
        Struct value = envelope("c", null, row(1, "a@example.com"));

        assertThat(valueIn("after.status", value)).isNull();
    }

    @Test
    void recognisesTheBareOperation() {
        assertThat(MetadataField.parse("add.headers", "op", "__").isOperation()).isTrue();
        assertThat(MetadataField.parse("add.headers", "op:kind", "__").isOperation()).isTrue();
        assertThat(MetadataField.parse("add.headers", "source.op", "__").isOperation()).isFalse();
    }

    @Test
    void rejectsBadEntriesNamingTheKey() {
        assertThatThrownBy(() -> MetadataField.parse("add.fields", "items[*].id", "__"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("add.fields").hasMessageContaining("[*]");
        assertThatThrownBy(() -> MetadataField.parse("add.headers", "source..ts_ms", "__"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("add.headers");
        assertThatThrownBy(() -> MetadataField.parse("add.fields", "source.ts_ms:", "__"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("no name after ':'");
        assertThatThrownBy(() -> MetadataField.parse("add.fields", " ", "__"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("empty entry");
    }

    private static Object valueIn(String entry, Struct envelope) {
        Optional<MetadataField.Resolved> resolved = MetadataField.parse("add.fields", entry, "__")
            .resolve(envelope.schema());
        assertThat(resolved).as(entry).isPresent();
        return resolved.get().valueIn(envelope);
    }
}
