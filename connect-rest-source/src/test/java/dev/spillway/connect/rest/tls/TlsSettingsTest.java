package dev.spillway.connect.rest.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.common.config.Problem;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

class TlsSettingsTest {

    private static final ConfigDef DEF = TlsSettings.define(new ConfigDef());

    @Test
    void theDefaultsAskForTheJvmsContext() {
        TlsSettings tls = TlsSettings.from(DEF.parse(Map.of()));
        assertThat(tls).isEqualTo(TlsSettings.DEFAULT);
        assertThat(tls.sslContext()).isNull();
        assertThat(tls.problems()).isEmpty();
    }

    @Test
    void anUnreadableStoreIsAProblemOnItsLocation() {
        TlsSettings tls = TlsSettings.from(DEF.parse(Map.of("http.tls.truststore.location", "/no/such/file.pem",
            "http.tls.keystore.location", "/no/such/key.p12")));
        assertThat(tls.problems()).extracting(Problem::key)
            .containsExactly("http.tls.truststore.location", "http.tls.keystore.location");
    }

    @Test
    void aStoresPasswordsAreVisibleOnceItsLocationIsSet() {
        Map<String, ConfigValue> unset = validate(Map.of());
        assertThat(unset.get("http.tls.truststore.password").visible()).isFalse();
        assertThat(unset.get("http.tls.keystore.password").visible()).isFalse();
        assertThat(unset.get("http.tls.key.password").visible()).isFalse();
        assertThat(unset.get("http.tls.truststore.location").visible()).isTrue();

        Map<String, ConfigValue> keyStore = validate(Map.of("http.tls.keystore.location", "/etc/client.p12"));
        assertThat(keyStore.get("http.tls.keystore.password").visible()).isTrue();
        assertThat(keyStore.get("http.tls.key.password").visible()).isTrue();
        assertThat(keyStore.get("http.tls.truststore.password").visible()).isFalse();
    }

    private static Map<String, ConfigValue> validate(Map<String, String> raw) {
        return DEF.validate(new HashMap<>(raw)).stream()
            .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
    }
}
