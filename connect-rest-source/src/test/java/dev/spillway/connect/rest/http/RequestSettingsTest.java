package dev.spillway.connect.rest.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

class RequestSettingsTest {

    private static final ConfigDef DEF = RequestSettings.define(new ConfigDef());
    private static final String SECRET = "t3n4nt-s3cr3t";

    private static RequestSettings settings(String... keyValues) {
        Map<String, String> raw = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        return new RequestSettings(DEF.parse(raw));
    }

    private static Map<String, ConfigValue> validate(String... keyValues) {
        Map<String, String> raw = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        return DEF.validateAll(raw);
    }

    @Test
    void noHeadersByDefault() {
        RequestSettings settings = settings();
        assertThat(settings.headers(null).isEmpty()).isTrue();
        assertThat(settings.problems()).isEmpty();
    }

    @Test
    void anEndpointsHeadersGoOverTheConnectorsAndTheSecretOnesAreAdded() {
        RequestSettings settings = settings("http.request.headers", "Accept: application/vnd.v1+json, X-Api-Version: 1",
            "http.request.headers.secret", "X-Tenant-Token: " + SECRET);
        RequestHeaders headers = settings.headers("X-Api-Version: 2");
        assertThat(headers.headers()).containsExactly(
            new RequestHeaders.Header("Accept", "application/vnd.v1+json", false),
            new RequestHeaders.Header("X-Api-Version", "2", false),
            new RequestHeaders.Header("X-Tenant-Token", SECRET, true));
        assertThat(settings.headers(null).names()).containsExactly("Accept", "X-Api-Version", "X-Tenant-Token");
    }

    @Test
    void restrictedNamesAndLineBreaksAreRefusedAtValidateTimeWithoutEchoingASecret() {
        Map<String, ConfigValue> answer = validate("http.request.headers", "Host: evil.example.com",
            "http.request.headers.secret", "X-Tenant-Token: " + SECRET + "\r\nX-Injected: 1");
        assertThat(answer.get("http.request.headers").errorMessages()).singleElement().asString()
            .contains("entry 1: the name names a header the HTTP client manages itself");
        ConfigValue secret = answer.get("http.request.headers.secret");
        assertThat(secret.errorMessages()).singleElement().asString()
            .contains("header X-Tenant-Token: the value contains a line break").doesNotContain(SECRET);
        assertThat(String.valueOf(secret.value())).doesNotContain(SECRET);
    }

    @Test
    void aHopByHopNameIsRefusedInTheSecretKeyToo() {
        assertThat(validate("http.request.headers.secret", "Connection: " + SECRET)
            .get("http.request.headers.secret").errorMessages()).singleElement().asString()
            .contains("hop-by-hop").doesNotContain(SECRET);
    }

    @Test
    void aHeaderBothPlainAndSecretIsAProblemOfTheSecretKey() {
        RequestSettings settings = settings("http.request.headers", "X-Key: visible",
            "http.request.headers.secret", "x-key: " + SECRET);
        assertThat(settings.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("http.request.headers.secret");
            assertThat(problem.message()).contains("header X-Key is also in http.request.headers")
                .doesNotContain(SECRET);
        });
    }

    @Test
    void anEndpointsHeadersAreCheckedLikeTheConnectors() {
        RequestSettings settings = settings("http.request.headers.secret", "X-Key: " + SECRET);
        assertThat(settings.endpointProblem("Accept: text/csv")).isNull();
        assertThat(settings.endpointProblem("Transfer-Encoding: chunked")).contains("manages itself");
        assertThat(settings.endpointProblem("X-Key: other")).isEqualTo("header X-Key is also in "
            + "http.request.headers.secret");
        assertThat(RequestSettings.endpointSyntaxProblem("X-A: 1\n")).isNull();
        assertThat(RequestSettings.endpointSyntaxProblem("X-A 1")).contains("no ':'");
        assertThat(List.of(settings.secretHeaders().toString())).containsExactly("[X-Key]");
    }

    @Test
    void anEndpointsParamsReplaceTheConnectorsOfTheSameNameInPlaceAndAddTheOthers() {
        RequestSettings settings = settings("http.request.params", "filter=open,size=${limit}");
        assertThat(settings.params("filter=closed, after=${cursor}").keySet())
            .containsExactly("filter", "size", "after");
        assertThat(settings.params("filter=closed").get("filter")).hasToString("closed");
        assertThat(settings.params(null).keySet()).containsExactly("filter", "size");
        assertThat(RequestSettings.endpointParamsProblem("a=${x}")).startsWith("parameter a has an unknown");
        assertThat(RequestSettings.endpointParamsProblem("a=1,a=2")).isEqualTo("parameter a is given twice");
        assertThat(RequestSettings.endpointParamsProblem("a=${cursor}")).isNull();
    }
}
