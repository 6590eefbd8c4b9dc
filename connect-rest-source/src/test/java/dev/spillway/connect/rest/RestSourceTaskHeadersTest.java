package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A whole task against a header-versioned API that also wants a secret tenant header. */
class RestSourceTaskHeadersTest {

    private static final String SECRET = "tenant-s3cr3t-91x";

    @AutoClose
    private final SampleApi api = SampleApi.start(0);

    private Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("http.base.url", api.baseUrl().toString());
        config.put("endpoints", "items=/versioned/items");
        config.put("records.pointer", "/items");
        config.put("pagination.type", "cursor");
        config.put("pagination.cursor.pointer", "/next_cursor");
        config.put("pagination.limit", "10");
        config.put("poll.interval.ms", "50");
        config.put("http.request.headers", "Accept: application/vnd.sample.v2+json,X-Api-Version: 1");
        config.put("endpoint.items.request.headers", "X-Api-Version: 2");
        config.put("http.request.headers.secret", "X-Tenant-Token: " + SECRET);
        config.put("auth.allow.http.loopback", "true");
        return config;
    }

    @Test
    void everyRequestCarriesTheConnectorsTheEndpointsAndTheSecretHeaders() throws Exception {
        api.append(25);
        api.requireHeader("X-Tenant-Token", SECRET);
        try (TaskHarness harness = new TaskHarness(config())) {
            List<SourceRecord> records = harness.pollRecords(25, Duration.ofSeconds(30));
            assertThat(TaskHarness.ids(records)).isEqualTo(TaskHarness.range(1, 25));
            for (SourceRecord record : records) {
                assertThat(String.valueOf(record.value()) + record.key() + record.headers() + record.sourceOffset()
                    + record.sourcePartition()).doesNotContain(SECRET);
            }
        }
        assertThat(api.requests()).isNotEmpty().allSatisfy(request -> assertThat(request.headers())
            .containsEntry("accept", "application/vnd.sample.v2+json").containsEntry("x-api-version", "2")
            .containsEntry("x-tenant-token", SECRET));
    }

    @Test
    void anEndpointsRestrictedHeaderIsRefusedOnTheEndpointsKey() {
        Map<String, String> config = config();
        config.put("endpoint.items.request.headers", "Host: elsewhere.example.com");
        Map<String, ConfigValue> answer = new HashMap<>();
        new RestSourceConnector().validate(config).configValues().forEach(value -> answer.put(value.name(), value));
        assertThat(answer.get("endpoints").errorMessages()).singleElement().asString()
            .contains("endpoint.items.request.headers: entry 1: the name names a header the HTTP client manages");
        assertThatThrownBy(() -> new RestSourceConfig(config).requireValid()).isInstanceOf(ConfigException.class)
            .hasMessageContaining("endpoint.items.request.headers");
    }

    @Test
    void secretHeadersAreRefusedOverPlainHttpLikeCredentials() {
        Map<String, String> config = config();
        config.remove("auth.allow.http.loopback");
        assertThatThrownBy(() -> new RestSourceConfig(config).requireValid()).isInstanceOf(ConfigException.class)
            .hasMessageContaining("http.request.headers.secret")
            .hasMessageContaining("would send the secret headers [X-Tenant-Token] in clear text to http://127.0.0.1:")
            .hasMessageContaining("auth.allow.http.loopback=true").hasMessageNotContaining(SECRET);
        config.put("http.base.url", "http://api.example.com");
        config.put("auth.allow.http.loopback", "true");
        assertThatThrownBy(() -> new RestSourceConfig(config).requireValid())
            .hasMessageContaining("in clear text to http://api.example.com");
        config.put("http.base.url", "https://api.example.com");
        new RestSourceConfig(config).requireValid();
    }

    @Test
    void aSecretHeaderWithALineBreakIsRefusedByValidateWithoutItsValue() {
        Map<String, String> config = config();
        config.put("http.request.headers.secret", "X-Tenant-Token: " + SECRET + "\nX-Evil: 1");
        List<ConfigValue> answer = new RestSourceConnector().validate(config).configValues();
        assertThat(answer).filteredOn(value -> value.name().equals("http.request.headers.secret"))
            .singleElement().satisfies(value -> assertThat(value.errorMessages()).singleElement().asString()
                .contains("line break"));
        assertThat(answer).allSatisfy(value -> assertThat(String.valueOf(value.value()) + value.errorMessages())
            .doesNotContain(SECRET));
        assertThatThrownBy(() -> new RestSourceConnector().start(config)).hasMessageNotContaining(SECRET);
    }
}
