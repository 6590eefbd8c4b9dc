package dev.spillway.dlq.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.dlq.headers.ErrorContext;
import dev.spillway.dlq.headers.ErrorSource;
import dev.spillway.dlq.kafka.DeadLetter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordFilterTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private static DeadLetter letter(long offset, Instant time, String topic, String connector, String exception,
                                     String message) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("dlq", 0, offset, time.toEpochMilli(),
                TimestampType.CREATE_TIME, 0, 0, null, null, new RecordHeaders(), Optional.empty());
        ErrorContext context = new ErrorContext(ErrorSource.CONNECT, topic, 0, 1L, connector, 0, "VALUE_CONVERTER",
                null, exception, message, null, null, 1);
        return new DeadLetter(record, context, 0);
    }

    private static final DeadLetter A = letter(5, T, "orders", "sink-a",
            "org.apache.kafka.connect.errors.DataException", "Unexpected character at column 7");

    @Test
    void emptyFilterMatchesAll() {
        assertThat(RecordFilter.ALL.matches(A)).isTrue();
        assertThat(RecordFilter.ALL.isRestrictive()).isFalse();
    }

    @Test
    void eachCriterion() {
        assertThat(filter(List.of("orders"), List.of(), List.of(), null, null, null, null).matches(A)).isTrue();
        assertThat(filter(List.of("other"), List.of(), List.of(), null, null, null, null).matches(A)).isFalse();
        assertThat(filter(List.of(), List.of("sink-b"), List.of(), null, null, null, null).matches(A)).isFalse();
        assertThat(filter(List.of(), List.of(), List.of("DataException"), null, null, null, null).matches(A)).isTrue();
        assertThat(filter(List.of(), List.of(), List.of("org.apache.kafka.connect.errors.DataException"), null, null,
                null, null).matches(A)).isTrue();
        assertThat(filter(List.of(), List.of(), List.of("Retriable"), null, null, null, null).matches(A)).isFalse();
        assertThat(filter(List.of(), List.of(), List.of(), Pattern.compile("column \\d+"), null, null, null)
                .matches(A)).isTrue();
        assertThat(filter(List.of(), List.of(), List.of(), Pattern.compile("^column"), null, null, null)
                .matches(A)).isFalse();
        assertThat(filter(List.of(), List.of(), List.of(), null, T, null, null).matches(A)).isTrue();
        assertThat(filter(List.of(), List.of(), List.of(), null, null, T, null).matches(A)).as("until is exclusive")
                .isFalse();
        assertThat(filter(List.of(), List.of(), List.of(), null, null, null, new OffsetRange(5, 5)).matches(A))
                .isTrue();
        assertThat(filter(List.of(), List.of(), List.of(), null, null, null, new OffsetRange(6, 9)).matches(A))
                .isFalse();
    }

    @Test
    void messageRegexNeedsAMessage() {
        DeadLetter noMessage = letter(1, T, "orders", "c", "x.Y", null);
        assertThat(filter(List.of(), List.of(), List.of(), Pattern.compile(".*"), null, null, null)
                .matches(noMessage)).isFalse();
    }

    @Test
    void sinceMustBeBeforeUntil() {
        assertThatThrownBy(() -> filter(List.of(), List.of(), List.of(), null, T, T, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be before --until");
    }

    @Test
    void offsetRanges() {
        assertThat(OffsetRange.parse("3..9")).isEqualTo(new OffsetRange(3, 9));
        assertThat(OffsetRange.parse("3..")).isEqualTo(new OffsetRange(3, Long.MAX_VALUE));
        assertThat(OffsetRange.parse("..9")).isEqualTo(new OffsetRange(0, 9));
        assertThatThrownBy(() -> OffsetRange.parse("9..3")).hasMessageContaining("empty or negative");
        assertThatThrownBy(() -> OffsetRange.parse("7")).hasMessageContaining("FROM..TO");
        assertThatThrownBy(() -> OffsetRange.parse("a..b")).hasMessageContaining("whole numbers");
    }

    @Test
    void timestamps() {
        assertThat(Timestamps.parse("2026-12-01T10:00:00Z")).isEqualTo(T);
        assertThat(Timestamps.parse("2026-12-01T11:00:00+01:00")).isEqualTo(T);
        assertThat(Timestamps.parse("2026-12-01")).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(Timestamps.parse(String.valueOf(T.toEpochMilli()))).isEqualTo(T);
        assertThatThrownBy(() -> Timestamps.parse("yesterday")).hasMessageContaining("is not a time");
    }

    private static RecordFilter filter(List<String> topics, List<String> connectors, List<String> exceptions,
                                       Pattern message, Instant since, Instant until, OffsetRange offsets) {
        return RecordFilter.of(topics, connectors, exceptions, message, since, until, offsets);
    }
}
