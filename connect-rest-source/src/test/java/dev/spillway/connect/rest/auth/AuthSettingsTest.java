package dev.spillway.connect.rest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.rest.net.StopSignal;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

class AuthSettingsTest {

    private static final ConfigDef DEF = AuthSettings.define(new ConfigDef());
    private static final List<String> HTTPS = List.of("https://api.example.com");

    private static AuthSettings settings(String... keyValues) {
        Map<String, String> raw = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        return new AuthSettings(DEF.parse(raw));
    }

    @Test
    void eachTypeNamesTheKeysItCannotDoWithout() {
        assertThat(settings().problems(HTTPS)).isEmpty();
        assertThat(settings("auth.type", "basic").problems(HTTPS)).extracting(Problem::key)
            .containsExactly("auth.basic.username", "auth.basic.password");
        assertThat(settings("auth.type", "bearer").problems(HTTPS)).containsExactly(
            new Problem("auth.bearer.token", "is required with auth.type=bearer"));
        assertThat(settings("auth.type", "api-key").problems(HTTPS)).extracting(Problem::key)
            .containsExactly("auth.api.key.value");
        assertThat(settings("auth.type", "oauth2").problems(HTTPS)).extracting(Problem::key)
            .containsExactly("auth.oauth2.token.url", "auth.oauth2.client.id", "auth.oauth2.client.secret");
    }

    @Test
    void credentialsToAPlainHttpTargetAreAProblemOnTheTypeKey() {
        AuthSettings bearer = settings("auth.type", "bearer", "auth.bearer.token", "t0k3n");
        assertThat(bearer.problems(List.of("http://api.example.com/v1"))).singleElement()
            .satisfies(problem -> assertThat(problem.key()).isEqualTo("auth.type"))
            .satisfies(problem -> assertThat(problem.message()).doesNotContain("t0k3n"));
        assertThat(settings().problems(List.of("http://api.example.com/v1"))).isEmpty();
        assertThat(settings("auth.type", "bearer", "auth.bearer.token", "t", "auth.allow.http.loopback", "true")
            .problems(List.of("http://127.0.0.1:8080"))).isEmpty();
    }

    @Test
    void theTypeBuildsItsAuthenticator() {
        TokenTransport transport = new TokenTransport(HttpClient.newHttpClient(), new StopSignal(), "test",
            Duration.ofSeconds(1), 1024);
        assertThat(settings().authenticator(transport)).isSameAs(Authenticator.NONE);
        assertThat(settings("auth.type", "bearer", "auth.bearer.token", "t").authenticator(transport))
            .isInstanceOf(HeaderAuthenticator.class);
        assertThat(settings("auth.type", "oauth2", "auth.oauth2.token.url", "https://auth.example.com/token",
            "auth.oauth2.client.id", "id", "auth.oauth2.client.secret", "s", "auth.oauth2.client.auth", "body")
            .authenticator(transport)).isInstanceOf(OAuth2ClientCredentials.class);
    }

    @Test
    void aTypesKeysAreVisibleOnlyWithThatTypeAndChoicesAreListed() {
        Map<String, ConfigValue> none = validate(Map.of());
        assertThat(none.get("auth.type").recommendedValues())
            .containsExactly("none", "basic", "bearer", "api-key", "oauth2");
        assertThat(none.values().stream().filter(ConfigValue::visible).map(ConfigValue::name))
            .containsExactly("auth.type");

        Map<String, ConfigValue> oauth2 = validate(Map.of("auth.type", "oauth2"));
        assertThat(oauth2.get("auth.oauth2.client.secret").visible()).isTrue();
        assertThat(oauth2.get("auth.oauth2.client.auth").recommendedValues()).containsExactly("basic", "body");
        assertThat(oauth2.get("auth.allow.http.loopback").visible()).isTrue();
        assertThat(oauth2.get("auth.basic.password").visible()).isFalse();

        Map<String, ConfigValue> apiKey = validate(Map.of("auth.type", "api-key"));
        assertThat(apiKey.get("auth.api.key.header").visible()).isTrue();
        assertThat(apiKey.get("auth.api.key.value").visible()).isTrue();
        assertThat(apiKey.get("auth.bearer.token").visible()).isFalse();
    }

    private static Map<String, ConfigValue> validate(Map<String, String> raw) {
        return DEF.validate(new HashMap<>(raw)).stream()
            .collect(Collectors.toMap(ConfigValue::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }
}
