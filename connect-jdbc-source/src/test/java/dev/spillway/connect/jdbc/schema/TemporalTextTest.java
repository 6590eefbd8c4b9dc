package dev.spillway.connect.jdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

class TemporalTextTest {

    @Test
    void datesIncludingBcAndLongYears() {
        assertThat(TemporalText.date("2026-01-02")).isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(TemporalText.date("0044-03-15 BC")).isEqualTo(LocalDate.of(-43, 3, 15));
        assertThat(TemporalText.date("10000-01-01")).isEqualTo(LocalDate.of(10000, 1, 1));
        assertThat(TemporalText.date("5874897-12-31")).isEqualTo(LocalDate.of(5874897, 12, 31));
    }

    @Test
    void infinityAndZeroDatesAreUnrepresentableWithTheirText() {
        for (String text : new String[] {"infinity", "-infinity", "0000-00-00", "2020-00-00", "2020-02-00"}) {
            assertThatThrownBy(() -> TemporalText.date(text)).isInstanceOf(UnrepresentableValueException.class)
                .extracting(e -> ((UnrepresentableValueException) e).text()).isEqualTo(text);
        }
        assertThatThrownBy(() -> TemporalText.localDateTime("0000-00-00 00:00:00.000000"))
            .isInstanceOf(UnrepresentableValueException.class);
        assertThatThrownBy(() -> TemporalText.instant("infinity")).isInstanceOf(UnrepresentableValueException.class);
        // Another database's format: the caller falls back to the driver's getter.
        assertThatThrownBy(() -> TemporalText.localDateTime("garbage")).isInstanceOf(IllegalArgumentException.class)
            .isNotInstanceOf(UnrepresentableValueException.class);
        assertThatThrownBy(() -> TemporalText.instant("2026-01-02 03:04:05.1234567 +02:00"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timesBeyondADayAndNegative() {
        assertThat(TemporalText.timeNanos("03:04:05.123456")).isEqualTo(((3 * 3600 + 4 * 60 + 5) * 1_000_000L + 123_456) * 1000);
        assertThat(TemporalText.timeNanos("24:00:00")).isEqualTo(TemporalText.NANOS_PER_DAY);
        assertThat(TemporalText.timeNanos("838:59:59.999999")).isEqualTo((838 * 3600L + 59 * 60 + 59) * 1_000_000_000L + 999_999_000);
        assertThat(TemporalText.timeNanos("-838:59:59")).isEqualTo(-(838 * 3600L + 59 * 60 + 59) * 1_000_000_000L);
        assertThat(TemporalText.timeNanos("00:00:00.000000001")).isEqualTo(1);
    }

    @Test
    void timestampsWithAndWithoutOffsets() {
        assertThat(TemporalText.localDateTime("2026-01-02 03:04:05.123456"))
            .isEqualTo(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 123_456_000));
        assertThat(TemporalText.localDateTime("0044-03-15 03:04:05 BC")).isEqualTo(LocalDateTime.of(-43, 3, 15, 3, 4, 5));
        assertThat(TemporalText.instant("2026-01-02 03:04:05.123456+02")).isEqualTo(Instant.parse("2026-01-02T01:04:05.123456Z"));
        assertThat(TemporalText.instant("2026-01-02 03:04:05-03:30")).isEqualTo(Instant.parse("2026-01-02T06:34:05Z"));
        assertThat(TemporalText.instant("1850-01-01 00:00:00+00:53:28")).isEqualTo(Instant.parse("1849-12-31T23:06:32Z"));
        assertThat(TemporalText.instant("294276-12-31 23:59:59.999999+00")).isEqualTo(Instant.parse("+294276-12-31T23:59:59.999999Z"));
        assertThatThrownBy(() -> TemporalText.instant("2026-01-02 03:04:05")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TemporalText.localDateTime("2026-01-02 03:04:05+02")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fractionsOfOneToNineDigitsAndNothingElse() {
        assertThat(TemporalText.timeNanos("00:00:00.5")).isEqualTo(500_000_000L);
        assertThat(TemporalText.timeNanos("00:00:00.000000001")).isEqualTo(1L);
        assertThat(TemporalText.timeNanos("00:00:01.987654321")).isEqualTo(1_987_654_321L);
        assertThat(TemporalText.localDateTime("2026-01-02 03:04:05.07"))
            .isEqualTo(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 70_000_000));
        assertThatThrownBy(() -> TemporalText.timeNanos("00:00:00.1234567890")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> TemporalText.timeNanos("00:00:00.1x")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> TemporalText.timeNanos("00:00:00.-5")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void malformedTextsAreNotDatesAndNeverWrap() {
        for (String text : new String[] {"03:04:", "03::05", "1:2:3:4", "03:-4:05", "03:04:+5", "a3:04:05", ":04:05", ""}) {
            assertThatThrownBy(() -> TemporalText.timeNanos(text)).as(text).isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(UnrepresentableValueException.class);
        }
        for (String text : new String[] {"99999999999-01-01", "2026-1x-02", "2026--02", "-2026-01-02", "infinityX",
            "2026-01-02"}) {
            assertThatThrownBy(() -> TemporalText.localDateTime(text)).as(text)
                .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(UnrepresentableValueException.class);
        }
        assertThatThrownBy(() -> TemporalText.date("99999999999-01-01")).isInstanceOf(IllegalArgumentException.class)
            .isNotInstanceOf(UnrepresentableValueException.class);
        assertThatThrownBy(() -> TemporalText.instant("2026-01-02 03:04:05+0x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isoSeparatorAndZulu() {
        assertThat(TemporalText.localDateTime("2026-01-02T03:04:05.5")).isEqualTo(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 500_000_000));
        assertThat(TemporalText.instant("2026-01-02T03:04:05Z")).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(TemporalText.instant("0044-03-15 03:04:05+01 BC")).isEqualTo(LocalDateTime.of(-43, 3, 15, 2, 4, 5)
            .toInstant(java.time.ZoneOffset.UTC));
    }
}
