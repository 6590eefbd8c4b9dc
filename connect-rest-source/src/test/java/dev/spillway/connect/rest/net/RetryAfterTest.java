package dev.spillway.connect.rest.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void delaySeconds() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void httpDate() {
        assertThat(RetryAfter.parse("Wed, 25 Nov 2026 10:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Wed, 25 Nov 2026 09:00:00 GMT", NOW)).as("in the past").contains(Duration.ZERO);
    }

    @Test
    void absentOrUnreadable() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isEqualTo(Optional.empty());
    }

    @Test
    void farFutureDatesAndGiantDelaysAreLongWaitsNotErrors() {
        assertThat(RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", NOW))
            .hasValueSatisfying(wait -> assertThat(wait).isGreaterThan(Duration.ofDays(365 * 7000L)));
        assertThat(RetryAfter.parse(String.valueOf(Long.MAX_VALUE), NOW)).contains(Duration.ofSeconds(Long.MAX_VALUE));
    }
}
