package dev.spillway.connect.smt.predicates;

import dev.spillway.connect.smt.cdc.CdcEvents;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static dev.spillway.connect.smt.cdc.CdcEvents.envelope;
import static dev.spillway.connect.smt.cdc.CdcEvents.envelopeMap;
import static dev.spillway.connect.smt.cdc.CdcEvents.row;
import static dev.spillway.connect.smt.cdc.CdcEvents.rowMap;
import static org.assertj.core.api.Assertions.assertThat;

class IsCdcDeleteTest {

    private final IsCdcDelete<SinkRecord> predicate = new IsCdcDelete<>();

    IsCdcDeleteTest() {
        predicate.configure(Map.of());
    }

    @AfterEach
    void close() {
        predicate.close();
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("customers", 0, null, null, schema, value, 0L);
    }

    @Test
    void matchesDeletesWithAndWithoutSchema() {
        assertThat(predicate.test(record(CdcEvents.ENVELOPE, envelope("d", row(1, "a@example.com"), null))))
            .isTrue();
        assertThat(predicate.test(record(null, envelopeMap("d", rowMap(1, "a@example.com"), null)))).isTrue();
    }

    @Test
    void matchesTombstones() {
        assertThat(predicate.test(record(null, null))).isTrue();
        assertThat(predicate.test(record(CdcEvents.ROW, null))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "r", "u", "t"})
    void doesNotMatchOtherChanges(String op) {
        Struct after = op.equals("t") ? null : row(1, "a@example.com");

        assertThat(predicate.test(record(CdcEvents.ENVELOPE, envelope(op, null, after)))).isFalse();
        assertThat(predicate.test(record(null, envelopeMap(op, null, rowMap(1, "a@example.com"))))).isFalse();
    }

    @Test
    void doesNotMatchRecordsThatAreNotChangeEvents() {
        Schema withOp = SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA).build();

        assertThat(predicate.test(record(Schema.STRING_SCHEMA, "d"))).isFalse();
        assertThat(predicate.test(record(null, Map.of("op", "d")))).isFalse();
        assertThat(predicate.test(record(withOp, new Struct(withOp).put("op", "d")))).isFalse();
    }

    @Test
    void takesNoConfiguration() {
        assertThat(predicate.config().names()).isEmpty();
        assertThat(predicate.version()).isNotBlank();
    }
}
