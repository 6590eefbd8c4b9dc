package dev.spillway.connect.jdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

class ZeroInDateTest {

    @Test
    void ordersAsMariaDbDoesAmongRealDateTimes() {
        Object zero = ZeroInDate.parseOrNull("0000-00-00 00:00:00");
        Object lastOf2019 = LocalDateTime.parse("2019-12-31T23:59:59.999999");
        Object yearOnly = ZeroInDate.parseOrNull("2020-00-00 00:00:00.000000");
        Object yearOnlyLater = ZeroInDate.parseOrNull("2020-00-00 10:00:00.5");
        Object monthOnly = ZeroInDate.parseOrNull("2020-01-00 00:00:00");
        Object first = LocalDateTime.parse("2020-01-01T00:00");
        List<Object> expected = List.of(zero, lastOf2019, yearOnly, yearOnlyLater, monthOnly, first);
        List<Object> sorted = new ArrayList<>(List.of(first, monthOnly, yearOnlyLater, zero, yearOnly, lastOf2019));
        sorted.sort(TimestampKind::compare);
        assertThat(sorted).containsExactlyElementsOf(expected);
        assertThat(TimestampKind.compare(yearOnly, ZeroInDate.parseOrNull("2020-00-00 00:00:00"))).isZero();
    }

    @Test
    void anOffsetKeepsTheDatabaseTextAndReadsItBack() {
        Object value = ZeroInDate.parseOrNull("2020-05-00 10:11:12.123456");
        String stored = TimestampKind.LOCAL.format(value);
        assertThat(stored).isEqualTo("2020-05-00 10:11:12.123456");
        assertThat(TimestampKind.LOCAL.parse(stored)).isEqualTo(value);
        // Real date-times keep their ISO form.
        assertThat(TimestampKind.LOCAL.parse("2020-05-01T10:11:12.123456"))
            .isEqualTo(LocalDateTime.parse("2020-05-01T10:11:12.123456"));
        assertThatThrownBy(() -> TimestampKind.LOCAL.parse("2020-05-01 nonsense"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2020-05-01 nonsense");
    }

    @Test
    void onlyZeroMonthsOrDaysAreSuchPositions() {
        assertThat(ZeroInDate.parseOrNull("2020-05-01 00:00:00")).isNull();
        assertThat(ZeroInDate.parseOrNull("2020-13-00 00:00:00")).isNull();
        assertThat(ZeroInDate.parseOrNull("2020-00-00 24:00:00")).isNull();
        assertThat(ZeroInDate.parseOrNull("infinity")).isNull();
        assertThat(ZeroInDate.parseOrNull("2020-00-00 00:00:00.1234567891")).isNull();
    }

    @Test
    void theLagMetricsSeeTheNearestRealDateTime() {
        Object value = ZeroInDate.parseOrNull("2020-00-00 10:00:00");
        assertThat(TimestampKind.LOCAL.toInstant(value, ZoneOffset.UTC))
            .isEqualTo(LocalDateTime.parse("2020-01-01T10:00").toInstant(ZoneOffset.UTC));
    }
}
