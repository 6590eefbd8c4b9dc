package dev.spillway.connect.smt;

import static dev.spillway.connect.smt.cdc.CdcEvents.ENVELOPE;
import static dev.spillway.connect.smt.cdc.CdcEvents.envelope;
import static dev.spillway.connect.smt.cdc.CdcEvents.envelopeMap;
import static dev.spillway.connect.smt.cdc.CdcEvents.row;
import static dev.spillway.connect.smt.cdc.CdcEvents.rowMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code drop.fields.header.name} and its two qualifiers, as Debezium's ExtractNewRecordState applies them.
 * CdcUnwrapDebeziumIT compares them with Debezium itself on real change events.
 */
class CdcUnwrapDropFieldsTest {

    private static final Schema KEY_SCHEMA = SchemaBuilder.struct().name("dbserver1.inventory.customers.Key")
        .field("id", Schema.INT32_SCHEMA).field("email", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema LIST = SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build();

    private final List<CdcUnwrap.Value<SinkRecord>> transforms = new ArrayList<>();

    @AfterEach
    void close() {
        transforms.forEach(CdcUnwrap::close);
    }

    private CdcUnwrap.Value<SinkRecord> unwrap(String... keysAndValues) {
        Map<String, String> props = new HashMap<>();
        props.put("drop.fields.header.name", "unchanged");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        CdcUnwrap.Value<SinkRecord> transform = new CdcUnwrap.Value<>();
        transform.configure(props);
        transforms.add(transform);
        return transform;
    }

    private static SinkRecord event(String op, Object before, Object after, Object listed) {
        Headers headers = new ConnectHeaders().add("unchanged", listed, LIST);
        Object value = before instanceof Map<?, ?> || after instanceof Map<?, ?>
            ? envelopeMap(op, asMap(before), asMap(after)) : envelope(op, (Struct) before, (Struct) after);
        return new SinkRecord("dbserver1.inventory.customers", 0, KEY_SCHEMA,
            new Struct(KEY_SCHEMA).put("id", 1).put("email", "k@example.com"),
            value instanceof Struct ? ENVELOPE : null, value, 42L, 1_700_000_001_000L, TimestampType.CREATE_TIME,
            headers);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object row) {
        return (Map<String, Object>) row;
    }

    private static List<String> fieldNames(Schema schema) {
        return schema.fields().stream().map(Field::name).toList();
    }

    @Test
    void dropsOnlyOptionalFieldsByDefault() {
        SinkRecord output = unwrap().apply(event("u", row(1, "a@example.com"), row(1, "b@example.com"),
            List.of("id", "email")));

        Struct value = (Struct) output.value();
        assertThat(fieldNames(value.schema())).containsExactly("id", "status");
        assertThat(value.schema().isOptional()).isFalse();
        assertThat(value.schema().name()).isEqualTo("dbserver1.inventory.customers.Value");
        // Dropping goes through Kafka's ReplaceField in Debezium, which reads the remaining fields' defaults.
        assertThat(value.getWithoutDefault("status")).isEqualTo("active");
        assertThat(output.key()).isEqualTo(new Struct(KEY_SCHEMA).put("id", 1).put("email", "k@example.com"));
    }

    @Test
    void dropsEveryListedFieldWithoutSchemaCompatibility() {
        SinkRecord output = unwrap("drop.fields.keep.schema.compatible", "false").apply(event("u",
            row(1, "a@example.com"), row(1, "b@example.com"), List.of("id", "email", "nothing")));

        assertThat(fieldNames(output.valueSchema())).containsExactly("status");
    }

    @Test
    void fillsDefaultsOnlyWhereDebeziumRebuildsTheRow() {
        SinkRecord onlyRequired = event("u", row(1, "a@example.com"), row(1, null), List.of("id"));
        // Nothing optional listed: Debezium leaves the row alone, nulls and all.
        Struct kept = (Struct) unwrap().apply(onlyRequired).value();
        assertThat(fieldNames(kept.schema())).containsExactly("id", "email", "status");
        assertThat(kept.getWithoutDefault("status")).isNull();
        // Without schema compatibility the row is rebuilt whenever names are listed, even with nothing to drop.
        SinkRecord unknown = event("u", row(1, "a@example.com"), row(1, null), List.of("nothing"));
        Struct rebuilt = (Struct) unwrap("drop.fields.keep.schema.compatible", "false").apply(unknown).value();
        assertThat(fieldNames(rebuilt.schema())).containsExactly("id", "email", "status");
        assertThat(rebuilt.getWithoutDefault("status")).isEqualTo("active");
    }

    @Test
    void withoutTheHeaderOrNamesNothingChanges() {
        CdcUnwrap.Value<SinkRecord> transform = unwrap("drop.fields.keep.schema.compatible", "false");
        for (Object listed : new Object[] {null, List.of()}) {
            Struct value = (Struct) transform.apply(event("u", row(1, "a"), row(1, null), listed)).value();
            assertThat(fieldNames(value.schema())).containsExactly("id", "email", "status");
            assertThat(value.getWithoutDefault("status")).isNull();
        }
        SinkRecord noHeader = event("u", row(1, "a"), row(1, null), List.of("email"));
        noHeader.headers().remove("unchanged");
        assertThat(fieldNames(transform.apply(noHeader).valueSchema())).containsExactly("id", "email", "status");
    }

    @Test
    void dropsFromTheKeyWhenAsked() {
        SinkRecord input = event("u", row(1, "a"), row(1, "b"), List.of("id", "email"));

        SinkRecord compatible = unwrap("drop.fields.from.key", "true").apply(input);
        assertThat(fieldNames(compatible.keySchema())).containsExactly("id");
        assertThat(((Struct) compatible.key()).get("id")).isEqualTo(1);
        assertThat(compatible.keySchema().name()).isEqualTo("dbserver1.inventory.customers.Key");

        SinkRecord all = unwrap("drop.fields.from.key", "true", "drop.fields.keep.schema.compatible", "false")
            .apply(input);
        assertThat(all.keySchema().fields()).isEmpty();
        assertThat(fieldNames(all.valueSchema())).containsExactly("status");

        assertThat(unwrap().apply(input).key()).isSameAs(input.key());
    }

    @Test
    void insertsLoseListedAddedFieldsButRewrittenDeletesKeepThem() {
        CdcUnwrap.Value<SinkRecord> transform = unwrap("delete.tombstone.handling.mode", "rewrite",
            "add.fields", "op", "drop.fields.keep.schema.compatible", "false");
        List<String> listed = List.of("email", "__op", "__deleted");

        SinkRecord update = transform.apply(event("u", row(1, "a"), row(1, "b"), listed));
        assertThat(fieldNames(update.valueSchema())).containsExactly("id", "status");

        SinkRecord delete = transform.apply(event("d", row(1, "a"), null, listed));
        assertThat(fieldNames(delete.valueSchema())).containsExactly("id", "status", "__op");
        assertThat(((Struct) delete.value()).get("__op")).isEqualTo("d");
    }

    @Test
    void tombstoneModeDeletesKeepTheirNullValue() {
        SinkRecord output = unwrap("drop.fields.from.key", "true", "drop.fields.keep.schema.compatible", "false")
            .apply(event("d", row(1, "a"), null, List.of("email")));

        assertThat(output.value()).isNull();
        assertThat(fieldNames(output.keySchema())).containsExactly("id");
    }

    @Test
    void schemalessRowsLoseEveryListedEntry() {
        SinkRecord output = unwrap("add.fields", "op").apply(event("u", rowMap(1, "a"), rowMap(1, "b"),
            List.of("email", "__op")));

        assertThat(asMap(output.value())).containsOnlyKeys("id");
    }

    @Test
    void failsAHeaderThatIsNotAListOfNames() {
        SinkRecord input = event("u", row(1, "a"), row(1, "b"), List.of());
        input.headers().remove("unchanged").addString("unchanged", "email");

        assertThatThrownBy(() -> unwrap().apply(input)).isInstanceOf(DataException.class)
            .hasMessageContaining("drop.fields.header.name").hasMessageContaining("'unchanged'");
    }
}
