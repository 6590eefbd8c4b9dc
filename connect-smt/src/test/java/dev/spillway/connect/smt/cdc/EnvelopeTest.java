package dev.spillway.connect.smt.cdc;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static dev.spillway.connect.smt.cdc.CdcEvents.envelope;
import static dev.spillway.connect.smt.cdc.CdcEvents.envelopeMap;
import static dev.spillway.connect.smt.cdc.CdcEvents.row;
import static dev.spillway.connect.smt.cdc.CdcEvents.rowMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeTest {

    @Test
    void readsAStructEnvelope() {
        Struct value = envelope("u", row(1, "old@example.com"), row(1, "new@example.com"));

        Envelope.Recognition recognition = Envelope.recognize(value);

        assertThat(recognition.isEnvelope()).isTrue();
        Envelope envelope = recognition.envelope();
        assertThat(envelope.hasSchema()).isTrue();
        assertThat(envelope.schema()).isSameAs(CdcEvents.ENVELOPE);
        assertThat(envelope.operation()).contains(Operation.UPDATE);
        assertThat(envelope.row(Envelope.BEFORE)).isEqualTo(row(1, "old@example.com"));
        assertThat(envelope.row(Envelope.AFTER)).isEqualTo(row(1, "new@example.com"));
        assertThat(envelope.rowSchema(Envelope.AFTER)).containsSame(CdcEvents.ROW);
    }

    @Test
    void readsAMapEnvelope() {
        Map<String, Object> value = envelopeMap("d", rowMap(1, "a@example.com"), null);

        Envelope envelope = Envelope.recognize(value).envelope();

        assertThat(envelope.hasSchema()).isFalse();
        assertThat(envelope.opCode()).isEqualTo("d");
        assertThat(envelope.row(Envelope.BEFORE)).isEqualTo(rowMap(1, "a@example.com"));
        assertThat(envelope.row(Envelope.AFTER)).isNull();
        assertThat(envelope.rowSchema(Envelope.AFTER)).isEmpty();
    }

    @Test
    void aMapNeedsOnlyOpAndOneRowKey() {
        Map<String, Object> value = new HashMap<>();
        value.put("op", "c");
        value.put("after", rowMap(1, "a@example.com"));

        assertThat(Envelope.recognize(value).isEnvelope()).isTrue();
    }

    @Test
    void logMessagesNeedNoRowFields() {
        Schema messageSchema = SchemaBuilder.struct().name("io.debezium.connector.postgresql.MessageValue")
            .field("op", Schema.STRING_SCHEMA).field("message", Schema.OPTIONAL_STRING_SCHEMA).build();

        Envelope envelope = Envelope.recognize(new Struct(messageSchema).put("op", "m")).envelope();

        assertThat(envelope.operation()).contains(Operation.MESSAGE);
    }

    @Test
    void explainsWhatIsNotAnEnvelope() {
        Schema heartbeat = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
            .field("ts_ms", Schema.INT64_SCHEMA).build();
        Schema opOnly = SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA).build();

        assertThat(Envelope.recognize(null).reason()).contains("tombstone");
        assertThat(Envelope.recognize(new Struct(heartbeat).put("ts_ms", 1L)).reason())
            .isEqualTo("its schema 'io.debezium.connector.common.Heartbeat' has no 'op' field");
        assertThat(Envelope.recognize(new Struct(opOnly).put("op", "c")).reason())
            .isEqualTo("its schema (unnamed STRUCT) has neither a 'before' nor an 'after' field");
        assertThat(Envelope.recognize(Map.of("id", 1)).reason()).isEqualTo("the map has no 'op' key");
        assertThat(Envelope.recognize(Map.of("op", "c")).reason())
            .isEqualTo("the map has neither a 'before' nor an 'after' key");
        assertThat(Envelope.recognize("{\"op\":\"c\"}").reason())
            .isEqualTo("the value is a java.lang.String, not a Struct or a Map");
    }

    @Test
    void rejectsRowsOfTheWrongType() {
        Map<String, Object> value = envelopeMap("c", null, null);
        value.put("after", "not a row");

        Envelope envelope = Envelope.recognize(value).envelope();

        assertThatThrownBy(() -> envelope.row(Envelope.AFTER)).isInstanceOf(DataException.class)
            .hasMessage("the envelope's 'after' is a java.lang.String, but a Map was expected");
    }
}
