package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.rest.auth.OAuth2ClientCredentials;
import dev.spillway.connect.rest.tls.TestCertificates;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Validation of the auth.* and http.tls.* settings: each mistake reported on the key to fix. */
class AuthAndTlsConfigTest {

    @TempDir
    static Path dir;
    static TestCertificates certs;

    private final RestSourceConnector connector = new RestSourceConnector();

    @BeforeAll
    static void generate() {
        certs = TestCertificates.generate(dir);
    }

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        config.put("http.base.url", "https://api.example.com/v1");
        config.put("endpoints", "/orders");
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    private static Map<String, String> oauth2(String... keyValues) {
        Map<String, String> config = config("auth.type", "oauth2",
            "auth.oauth2.token.url", "https://auth.example.com/oauth2/token",
            "auth.oauth2.client.id", "spillway",
            "auth.oauth2.client.secret", "very-secret");
        config.putAll(config(keyValues));
        return config;
    }

    private Map<String, List<String>> errors(Map<String, String> config) {
        return connector.validate(config).configValues().stream()
            .filter(value -> !value.errorMessages().isEmpty())
            .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void credentialsOverPlainHttpAreRefusedOnTheAuthKey() {
        Map<String, List<String>> errors = errors(config("http.base.url", "http://api.example.com/v1",
            "auth.type", "basic", "auth.basic.username", "u", "auth.basic.password", "pw"));
        assertThat(errors).containsOnlyKeys("auth.type");
        assertThat(errors.get("auth.type").get(0))
            .contains("auth.type=basic would send credentials in clear text to http://api.example.com/v1")
            .contains("use an https:// URL").contains("auth.allow.http.loopback=true");
        // A full-URL endpoint counts as well, and so does every credential-bearing type.
        assertThat(errors(config("endpoints", "/a,b=http://other.example.com/b", "auth.type", "bearer",
            "auth.bearer.token", "t"))).containsOnlyKeys("auth.type");
        assertThat(errors(config("http.base.url", "http://api.example.com", "auth.type", "api-key",
            "auth.api.key.value", "k"))).containsOnlyKeys("auth.type");
        assertThat(errors(oauth2("http.base.url", "http://api.example.com"))).containsOnlyKeys("auth.type");
        // Without credentials http:// is fine.
        assertThat(errors(config("http.base.url", "http://api.example.com/v1"))).isEmpty();
    }

    @Test
    void loopbackHttpNeedsTheExplicitOptInAndOtherHostsStayRefused() {
        Map<String, String> loopback = config("http.base.url", "http://127.0.0.1:8080", "auth.type", "bearer",
            "auth.bearer.token", "t");
        assertThat(errors(loopback)).containsOnlyKeys("auth.type");
        loopback.put("auth.allow.http.loopback", "true");
        assertThat(errors(loopback)).isEmpty();
        loopback.put("http.base.url", "http://localhost:8080");
        assertThat(errors(loopback)).isEmpty();
        loopback.put("http.base.url", "http://[::1]:8080");
        assertThat(errors(loopback)).isEmpty();
        loopback.put("http.base.url", "http://127.0.0.1.example.com");
        assertThat(errors(loopback).get("auth.type").get(0)).contains("clear text").doesNotContain("loopback=true");
    }

    @Test
    void oauth2RequiresEachOfItsSettingsOnItsOwnKey() {
        assertThat(errors(oauth2())).isEmpty();
        Map<String, List<String>> missing = errors(config("auth.type", "oauth2"));
        assertThat(missing).containsOnlyKeys("auth.oauth2.token.url", "auth.oauth2.client.id",
            "auth.oauth2.client.secret");
        assertThat(missing.get("auth.oauth2.client.secret")).containsExactly("is required with auth.type=oauth2");
        assertThat(errors(oauth2("auth.oauth2.token.url", "auth.example.com/token")))
            .containsOnlyKeys("auth.oauth2.token.url");
        assertThat(errors(oauth2("auth.oauth2.token.url", "http://auth.example.com/token?key=abc"))
            .get("auth.oauth2.token.url").get(0))
            .contains("would send the client secret in clear text to http://auth.example.com/token?key=***")
            .doesNotContain("abc");
        assertThat(errors(oauth2("auth.oauth2.client.auth", "jwt"))).containsOnlyKeys("auth.oauth2.client.auth");
        assertThat(errors(oauth2("auth.oauth2.token.refresh.margin.ms", "-1")))
            .containsOnlyKeys("auth.oauth2.token.refresh.margin.ms");
    }

    @Test
    void oauth2SettingsAreTyped() {
        RestSourceConfig config = new RestSourceConfig(oauth2("auth.oauth2.scope", "read:orders read:people",
            "auth.oauth2.client.auth", "body"));
        config.requireValid();
        OAuth2ClientCredentials.Settings settings = config.auth().oauth2();
        assertThat(settings.tokenUrl().toString()).isEqualTo("https://auth.example.com/oauth2/token");
        assertThat(settings.scope()).contains("read:orders read:people");
        assertThat(settings.clientAuth()).isEqualTo(OAuth2ClientCredentials.ClientAuth.BODY);
        assertThat(settings.refreshMargin()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.toString()).doesNotContain("very-secret");
        assertThat(new RestSourceConfig(oauth2()).auth().oauth2().scope()).isEqualTo(Optional.empty());
    }

    @Test
    void secretsArePasswordsAndHiddenInErrors() {
        for (String key : List.of("auth.oauth2.client.secret", "http.tls.truststore.password",
                "http.tls.keystore.password", "http.tls.key.password")) {
            assertThat(RestSourceConfig.configDef().configKeys().get(key).type).as(key)
                .isEqualTo(ConfigDef.Type.PASSWORD);
        }
        RestSourceConfig config = new RestSourceConfig(oauth2("auth.oauth2.client.id", ""));
        assertThatThrownBy(config::requireValid).isInstanceOf(ConfigException.class)
            .hasMessageContaining("auth.oauth2.client.id").hasMessageNotContaining("very-secret");
    }

    @Test
    void tlsFilesAreCheckedOnTheirKeys() {
        assertThat(errors(config("http.tls.truststore.location", certs.serverCertPem.toString()))).isEmpty();
        assertThat(errors(config("http.tls.truststore.location", certs.trustJks.toString(),
            "http.tls.truststore.password", TestCertificates.TRUST_PASSWORD))).isEmpty();
        assertThat(errors(config("http.tls.keystore.location", certs.clientPem.toString()))).isEmpty();
        assertThat(errors(config("http.tls.keystore.location", certs.clientKeyStore.toString(),
            "http.tls.keystore.password", TestCertificates.CLIENT_PASSWORD))).isEmpty();

        Path missing = dir.resolve("missing-ca.pem");
        assertThat(errors(config("http.tls.truststore.location", missing.toString()))
            .get("http.tls.truststore.location").get(0)).contains(missing.toString()).contains("does not exist");
        Map<String, List<String>> wrongPassword = errors(config(
            "http.tls.keystore.location", certs.clientKeyStore.toString(), "http.tls.keystore.password", "nope-pw"));
        assertThat(wrongPassword).containsOnlyKeys("http.tls.keystore.location");
        assertThat(wrongPassword.get("http.tls.keystore.location").get(0)).contains("client.p12")
            .doesNotContain("nope-pw");
        assertThat(errors(config("http.tls.keystore.location", certs.clientPkcs1Pem.toString()))
            .get("http.tls.keystore.location").get(0)).contains("openssl pkcs8");
        assertThat(errors(config("http.tls.insecure.skip.verify", "true",
            "http.tls.truststore.location", certs.serverCertPem.toString())))
            .containsOnlyKeys("http.tls.insecure.skip.verify");
        assertThat(errors(config("http.tls.insecure.skip.verify", "true"))).isEmpty();
        assertThat(errors(config("http.tls.insecure.skip.verify", "maybe")))
            .containsOnlyKeys("http.tls.insecure.skip.verify");
    }

    @Test
    void verificationIsOnByDefault() {
        RestSourceConfig config = new RestSourceConfig(config());
        assertThat(config.tls().skipVerification()).isFalse();
        assertThat(config.tls().isDefault()).isTrue();
        assertThat(config.tls().sslContext()).isNull();
    }

    @Test
    void headerCredentialsThatTheRequestBuilderWouldRefuseAreRejectedAtValidateTime() {
        // ConfigDef trims a password, so only a line break inside the value reaches the request builder.
        Map<String, List<String>> errors = errors(config("auth.type", "api-key",
            "auth.api.key.value", "k3y-from-a-file\nX-Injected: 1"));
        assertThat(errors).containsOnlyKeys("auth.api.key.value");
        assertThat(errors.get("auth.api.key.value")).singleElement().asString()
            .contains("line break").doesNotContain("k3y").doesNotContain("\n");
        assertThat(errors(config("auth.type", "bearer", "auth.bearer.token", "t0k\r\nX-Evil: 1")))
            .containsOnlyKeys("auth.bearer.token");
        for (String header : new String[] {"Host", "Connection", "Content-Length", "Transfer-Encoding", "Upgrade"}) {
            assertThat(errors(config("auth.type", "api-key", "auth.api.key.header", header,
                "auth.api.key.value", "k"))).as(header).containsOnlyKeys("auth.api.key.header");
        }
        // The task fails to start with one line naming the key, not from the request builder inside poll().
        assertThatThrownBy(() -> new RestSourceConfig(config("auth.type", "api-key",
            "auth.api.key.value", "k3y\r\nmore")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("auth.api.key.value")
            .hasMessageNotContaining("k3y");
    }

    @Test
    void serverWaitAndBodyLimitsHaveDefaultsAndBounds() {
        RestSourceConfig defaults = new RestSourceConfig(config());
        assertThat(defaults.http().limits().retryAfterMax()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.http().limits().responseMaxBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(errors(config("http.retry.after.max.ms", "-1"))).containsOnlyKeys("http.retry.after.max.ms");
        assertThat(errors(config("http.response.max.bytes", "0"))).containsOnlyKeys("http.response.max.bytes");
        assertThat(errors(config("http.response.max.bytes", "4294967296"))).containsOnlyKeys("http.response.max.bytes");
    }
}
