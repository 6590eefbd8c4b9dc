package dev.spillway.connect.rest.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.rest.net.HttpLimits;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

class HttpSettingsTest {

    private static final ConfigDef DEF = HttpSettings.define(new ConfigDef());

    @Test
    void theAccessorsAreTyped() {
        HttpSettings http = new HttpSettings(DEF.parse(Map.of("http.read.timeout.ms", "1500", "http.retries", "2",
            "http.max.requests.per.second", "0.5", "validate.probe", "true")));
        assertThat(http.readTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(http.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(http.retryPolicy().maxRetries()).isEqualTo(2);
        assertThat(http.maxRequestsPerSecond()).isEqualTo(0.5);
        assertThat(http.validateProbe()).isTrue();
        assertThat(http.limits()).isEqualTo(HttpLimits.DEFAULTS);
        assertThat(http.problems()).isEmpty();
    }

    @Test
    void aMaximumBackoffBelowTheFirstIsAProblemOnTheMaximum() {
        HttpSettings http = new HttpSettings(DEF.parse(Map.of("http.retry.backoff.ms", "2000",
            "http.retry.backoff.max.ms", "1000")));
        assertThat(http.problems()).containsExactly(
            new Problem("http.retry.backoff.max.ms", "must be at least http.retry.backoff.ms (2000)"));
    }
}
