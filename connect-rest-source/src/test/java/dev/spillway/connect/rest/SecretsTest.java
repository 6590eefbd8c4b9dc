package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.rest.offset.SourceOffset;
import dev.spillway.connect.rest.offset.SourcePartition;
import dev.spillway.connect.rest.pagination.PagePosition;
import dev.spillway.connect.rest.pagination.PageState;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** No userinfo, query value or password in messages, headers, validate answers; stored next links stay home. */
class SecretsTest {

    private static final String TOKEN = "tok-7f3a9c";
    private static final String PASSWORD = "pw-5e1d22";

    @AutoClose
    private final SampleApi api = SampleApi.start(0);
    private final RestSourceConnector connector = new RestSourceConnector();

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        config.put("http.base.url", "https://api.example.com/v1");
        config.put("endpoints", "/orders");
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    private Map<String, String> nextUrlConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("http.base.url", api.baseUrl().toString());
        config.put("endpoints", "items=/next/items");
        config.put("records.pointer", "/data/results");
        config.put("pagination.type", "next-url");
        config.put("pagination.next.url.pointer", "/links/next");
        config.put("pagination.limit", "3");
        config.put("poll.interval.ms", "50");
        return config;
    }

    @Test
    void aUrlWithCredentialsOrATokenIsNotEchoedByValidateOrStart() {
        Map<String, String> bad = config("http.base.url", "https://user:" + PASSWORD + "@api.example.com/v1?key="
            + TOKEN, "endpoints", "/orders,named=https://u:" + PASSWORD + "@h.example.com/x?key=" + TOKEN);
        List<ConfigValue> answer = connector.validate(bad).configValues();
        assertThat(answer).filteredOn(v -> !v.errorMessages().isEmpty()).isNotEmpty();
        for (ConfigValue value : answer) {
            assertThat(String.valueOf(value.value()) + value.errorMessages()).as(value.name())
                .doesNotContain(PASSWORD).doesNotContain(TOKEN);
        }
        // The base URL valid, an endpoint URL with credentials: the cross-setting check and requireValid().
        Map<String, String> badEndpoint = config("endpoints", "named=https://u:" + PASSWORD + "@h.example.com/x?key="
            + TOKEN);
        assertThat(connector.validate(badEndpoint).configValues())
            .allSatisfy(value -> assertThat(String.valueOf(value.value()) + value.errorMessages())
                .doesNotContain(PASSWORD).doesNotContain(TOKEN));
        assertThatThrownBy(() -> new RestSourceConfig(badEndpoint).requireValid())
            .isInstanceOf(ConfigException.class).hasMessageContaining("credentials")
            .hasMessageNotContaining(PASSWORD).hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> connector.start(bad)).hasMessageNotContaining(PASSWORD)
            .hasMessageNotContaining(TOKEN);
        RestSourceTask task = new RestSourceTask();
        assertThatThrownBy(() -> task.start(badEndpoint)).isInstanceOf(ConnectException.class)
            .hasMessageNotContaining(PASSWORD).hasMessageNotContaining(TOKEN);
    }

    @Test
    void passwordsAreHiddenAndUrlsRedactedInConfigErrors() {
        assertThat(RestSourceConfig.shown("auth.basic.password", PASSWORD)).isEqualTo("[hidden]");
        assertThat(RestSourceConfig.shown("http.base.url", "https://u:" + PASSWORD + "@h/x?k=" + TOKEN))
            .isEqualTo("https://***@h/x?k=***");
        assertThat(RestSourceConfig.shown("endpoints", "a=/x?k=" + TOKEN + ",/y")).isEqualTo("a=/x?k=***,/y");
        // Query parameters may carry an API key: names only, in the setting's own type.
        assertThat(RestSourceConfig.shown("http.request.params", List.of("api_key=" + TOKEN, "after=${cursor}")))
            .isEqualTo(List.of("api_key=***", "after=***"));
        assertThat(RestSourceConfig.shown("endpoint.a.request.params", "api_key=" + TOKEN)).isEqualTo("api_key=***");
        Map<String, String> params = config("http.request.params", "api_key=" + TOKEN + ",after=${cursor}",
            "pagination.type", "page-number");
        assertThatThrownBy(() -> new RestSourceConfig(params).requireValid()).isInstanceOf(ConfigException.class)
            .hasMessageContaining("${cursor}").hasMessageNotContaining(TOKEN);
        // A cross-setting problem on the password key: requireValid() named its value before.
        Map<String, String> basic = config("auth.type", "basic", "auth.basic.username", "u",
            "auth.basic.password", PASSWORD, "http.base.url", "http://api.example.com/v1?key=" + TOKEN);
        assertThatThrownBy(() -> new RestSourceConfig(basic).requireValid()).isInstanceOf(ConfigException.class)
            .hasMessageContaining("clear text").hasMessageNotContaining(PASSWORD).hasMessageNotContaining(TOKEN);
    }

    /** Next links carry the token: headers, the offsets' error messages and the positions shown keep its name only. */
    @Test
    void nextLinksAreRedactedInHeadersAndShownPositionsButKeptWholeInOffsets() throws Exception {
        PageState state = PageState.of("url", "http://127.0.0.1:1/next/items?after=3&access_token=" + TOKEN);
        assertThat(state.toString()).isEqualTo("url=http://127.0.0.1:1/next/items?after=***&access_token=***");
        assertThat(new PagePosition(state, 2).toString()).doesNotContain(TOKEN);
        Map<String, Object> offset = new SourceOffset("next-url", new PagePosition(state, 2)).toMap();
        assertThat(offset.get("url")).asString().contains(TOKEN);
        Map<String, Object> broken = new HashMap<>(offset);
        broken.put("skip", -1);
        assertThatThrownBy(() -> SourceOffset.fromMap(broken)).hasMessageContaining("access_token=***")
            .hasMessageNotContaining(TOKEN);

        api.append(7);
        Map<String, String> config = nextUrlConfig();
        try (TaskHarness harness = new TaskHarness(config)) {
            List<SourceRecord> records = harness.pollRecords(7, Duration.ofSeconds(20));
            assertThat(records).hasSize(7);
            assertThat(records).allSatisfy(record -> assertThat(record.headers().lastWithName("spillway.rest.page")
                .value()).asString().doesNotContain("after=3").doesNotContain("after=6"));
            assertThat(records.get(3).headers().lastWithName("spillway.rest.page").value())
                .isEqualTo("url=" + api.baseUrl() + "/next/items?after=***&limit=***");
            assertThat(records.get(6).sourceOffset().get("url")).asString().endsWith("after=6&limit=3");
        }
    }

    /** A stored next link on another origin: the task fails at start, naming the endpoint and the fix; no request. */
    @Test
    void aStoredNextLinkOnAnotherOriginIsNeverRequested() {
        try (SampleApi other = SampleApi.start(3)) {
            Map<String, Object> foreign = new SourceOffset("next-url", PagePosition.start(PageState.of("url",
                other.baseUrl() + "/next/items?after=0&token=" + TOKEN))).toMap();
            Map<Map<String, Object>, Map<String, Object>> stored =
                Map.of(new SourcePartition("items").toMap(), foreign);
            assertThatThrownBy(() -> new TaskHarness(nextUrlConfig(), stored)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("Endpoint 'items'").hasMessageContaining("another origin")
                .hasMessageContaining("DELETE /connectors/<name>/offsets").hasMessageNotContaining(TOKEN);
            assertThatThrownBy(() -> connector.alterOffsets(nextUrlConfig(),
                Map.of(new SourcePartition("items").toMap(), foreign))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("another origin").hasMessageNotContaining(TOKEN);
            Map<String, Object> unusable = new SourceOffset("next-url", PagePosition.start(PageState.of("url",
                "http://u:" + PASSWORD + "@127.0.0.1:1/x"))).toMap();
            assertThatThrownBy(() -> connector.alterOffsets(nextUrlConfig(),
                Map.of(new SourcePartition("items").toMap(), unusable))).isInstanceOf(ConnectException.class)
                .hasMessageNotContaining(PASSWORD);
            assertThat(other.requests()).isEmpty();
            // Same origin: accepted.
            assertThat(connector.alterOffsets(nextUrlConfig(), Map.of(new SourcePartition("items").toMap(),
                new SourceOffset("next-url", PagePosition.start(PageState.of("url",
                    api.baseUrl() + "/next/items?after=1"))).toMap()))).isTrue();
        }
    }
}
