package dev.spillway.connect.jdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

class TimePrecisionModeTest {

    private static final Instant MICROS = Instant.parse("2026-01-02T03:04:05.123456Z");

    @Test
    void eachModeHasItsSchemaAndValue() {
        assertThat(TimePrecisionMode.CONNECT.timestampSchema(false).name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(TimePrecisionMode.CONNECT.zonedTimestamp(MICROS)).isEqualTo(new java.util.Date(MICROS.toEpochMilli()));
        assertThat(TimePrecisionMode.MICROSECONDS.timestampSchema(true).name()).isEqualTo("dev.spillway.time.MicroTimestamp");
        assertThat(TimePrecisionMode.MICROSECONDS.zonedTimestamp(MICROS)).isEqualTo(MICROS.getEpochSecond() * 1_000_000L + 123_456);
        assertThat(TimePrecisionMode.NANOSECONDS.zonedTimestamp(MICROS)).isEqualTo(MICROS.getEpochSecond() * 1_000_000_000L + 123_456_000);
        assertThat(TimePrecisionMode.STRING.zonedTimestamp(MICROS)).isEqualTo("2026-01-02T03:04:05.123456Z");
        assertThat(TimePrecisionMode.STRING.localTimestamp(LocalDateTime.of(-43, 3, 15, 3, 4, 5), null))
            .isEqualTo("-0043-03-15T03:04:05");
        assertThat(TimePrecisionMode.STRING.timestampSchema(true).name()).isEqualTo("dev.spillway.time.IsoZonedTimestamp");
        assertThat(TimePrecisionMode.STRING.date(LocalDate.of(10000, 1, 1))).isEqualTo("+10000-01-01");
    }

    @Test
    void timesOfDayBeyondConnectsRange() {
        long day = TemporalText.NANOS_PER_DAY;
        assertThat(TimePrecisionMode.CONNECT.time(day, "24:00:00")).isEqualTo(new java.util.Date(86_400_000L));
        assertThatThrownBy(() -> TimePrecisionMode.CONNECT.time(day + 1, "24:00:00.000000001"))
            .isInstanceOf(UnrepresentableValueException.class);
        assertThatThrownBy(() -> TimePrecisionMode.CONNECT.time(-1_000_000_000L, "-00:00:01"))
            .isInstanceOf(UnrepresentableValueException.class);
        assertThat(TimePrecisionMode.MICROSECONDS.time(-3_020_399_000_000_000L, "-838:59:59")).isEqualTo(-3_020_399_000_000L);
        assertThat(TimePrecisionMode.STRING.time(3_020_399_999_999_000L, "x")).isEqualTo("838:59:59.999999");
        assertThat(TimePrecisionMode.STRING.time(-3_020_399_000_000_000L, "x")).isEqualTo("-838:59:59");
        assertThat(TimePrecisionMode.STRING.time(day, "x")).isEqualTo("24:00:00");
    }

    @Test
    void instantsBeyondTheCountAreUnrepresentable() {
        // PostgreSQL counts microseconds from 2000, so its last ones (294247-294276) are beyond a long from 1970.
        Instant far = Instant.parse("+294276-12-31T23:59:59.999999Z");
        assertThat(TimePrecisionMode.MICROSECONDS.zonedTimestamp(Instant.parse("+294246-12-31T23:59:59.999999Z")))
            .isInstanceOf(Long.class);
        assertThatThrownBy(() -> TimePrecisionMode.MICROSECONDS.zonedTimestamp(far))
            .isInstanceOf(UnrepresentableValueException.class);
        assertThatThrownBy(() -> TimePrecisionMode.NANOSECONDS.zonedTimestamp(far))
            .isInstanceOf(UnrepresentableValueException.class).hasMessageContaining("nanoseconds");
        assertThat(TimePrecisionMode.CONNECT.zonedTimestamp(far)).isInstanceOf(java.util.Date.class);
    }
}
