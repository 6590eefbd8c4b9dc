package dev.spillway.connect.smt.record;

import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecordCoordinatesTest {

    @Test
    void sinkRecordsHaveAnOffset() {
        SinkRecord record = new SinkRecord("orders", 3, null, "key", null, "value", 42L);

        assertThat(RecordCoordinates.of(record)).isEqualTo("topic 'orders' partition 3 offset 42");
    }

    @Test
    void sourceRecordsHaveNoOffsetYet() {
        SourceRecord record = new SourceRecord(Map.of(), Map.of(), "orders", null, null, "value");

        assertThat(RecordCoordinates.of(record)).isEqualTo("topic 'orders' partition null");
    }
}
