package dev.spillway.connect.smt.cdc;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NonEnvelopeRecordsTest {

    @Test
    void countsEveryRecordAndWarnsAboutTheFirstOnly() {
        List<String> warnings = new ArrayList<>();
        NonEnvelopeRecords records = new NonEnvelopeRecords(warnings::add);

        records.record("Unwrap", "topic 'heartbeats' partition 0", "its schema 'Heartbeat' has no 'op' field");
        records.record("Unwrap", "topic 'other' partition 1", "the map has no 'op' key");
        records.record("Unwrap", "topic 'other' partition 1", "the map has no 'op' key");

        assertThat(records.count()).isEqualTo(3);
        assertThat(warnings).singleElement().asString()
            .startsWith("Unwrap passes records that are not Debezium-style change events through unchanged.")
            .contains("topic 'heartbeats' partition 0: its schema 'Heartbeat' has no 'op' field");
    }

    @Test
    void startsAtZero() {
        assertThat(new NonEnvelopeRecords(message -> { }).count()).isZero();
    }
}
