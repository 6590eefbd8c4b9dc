package dev.spillway.connect.rest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))), (name, value) -> true);
    }

    @Test
    void exhaustedQuotaWithAnEpochReset() {
        long reset = NOW.plusSeconds(42).getEpochSecond();
        assertThat(RateLimitHeaders.exhaustedFor(headers(Map.of("X-RateLimit-Remaining", "0",
            "X-RateLimit-Reset", String.valueOf(reset))), NOW)).contains(Duration.ofSeconds(42));
    }

    @Test
    void exhaustedQuotaWithADelayResetInTheIetfStyle() {
        assertThat(RateLimitHeaders.exhaustedFor(headers(Map.of("RateLimit-Remaining", "0",
            "RateLimit-Reset", "7")), NOW)).contains(Duration.ofSeconds(7));
    }

    @Test
    void quotaLeftOrNoHeadersMeansNoWait() {
        assertThat(RateLimitHeaders.exhaustedFor(headers(Map.of("X-RateLimit-Remaining", "3",
            "X-RateLimit-Reset", "7")), NOW)).isEmpty();
        assertThat(RateLimitHeaders.exhaustedFor(headers(Map.of()), NOW)).isEmpty();
        assertThat(RateLimitHeaders.exhaustedFor(headers(Map.of("X-RateLimit-Remaining", "0")), NOW)).isEmpty();
    }

    @Test
    void unreadableOrPastResetsAreHarmless() {
        assertThat(RateLimitHeaders.untilReset(headers(Map.of("X-RateLimit-Reset", "soon")), NOW)).isEmpty();
        assertThat(RateLimitHeaders.untilReset(headers(Map.of("X-RateLimit-Reset", "-4")), NOW)).isEmpty();
        assertThat(RateLimitHeaders.untilReset(headers(Map.of("X-RateLimit-Reset",
            String.valueOf(NOW.minusSeconds(60).getEpochSecond()))), NOW)).contains(Duration.ZERO);
    }

    @Test
    void aResetInEpochMillisecondsIsNotReadAsSeconds() {
        long reset = NOW.plusSeconds(42).toEpochMilli();
        assertThat(RateLimitHeaders.exhaustedFor(headers(Map.of("X-RateLimit-Remaining", "0",
            "X-RateLimit-Reset", String.valueOf(reset))), NOW)).contains(Duration.ofSeconds(42));
    }

    @Test
    void giantResetsGiveALongWaitAndNeverThrow() {
        // Read as epoch seconds, these were beyond Instant's range (DateTimeException out of poll()).
        for (long giant : new long[] {Long.MAX_VALUE, 31_556_889_864_403_200L, 999_999_999_999L}) {
            assertThat(RateLimitHeaders.untilReset(headers(Map.of("X-RateLimit-Reset", String.valueOf(giant))), NOW))
                .hasValueSatisfying(wait -> assertThat(wait).isGreaterThan(Duration.ofDays(365)));
        }
    }
}
