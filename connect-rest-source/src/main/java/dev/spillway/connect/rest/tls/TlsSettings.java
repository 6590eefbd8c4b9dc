package dev.spillway.connect.rest.tls;

import dev.spillway.connect.common.config.Problem;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@code http.tls.*} settings ask for; {@link #sslContext()} (via {@link SslContexts#create(TlsSettings)})
 * turns it into an {@code SSLContext}.
 *
 * @param trustStore         PEM certificates, JKS or PKCS12 to verify servers against instead of the JVM's CAs
 * @param trustStorePassword its password (JKS/PKCS12), or null
 * @param keyStore           the client's key and certificate chain for mutual TLS: PEM, JKS or PKCS12
 * @param keyStorePassword   its password (JKS/PKCS12), or null
 * @param keyPassword        the key's own password if it differs from the store's, or null
 * @param skipVerification   accept any server certificate and host name; for tests only
 */
public record TlsSettings(Optional<Path> trustStore, Password trustStorePassword, Optional<Path> keyStore,
                          Password keyStorePassword, Password keyPassword, boolean skipVerification) {

    private static final String GROUP = "TLS";

    public static final String TRUSTSTORE_LOCATION_CONFIG = "http.tls.truststore.location";
    public static final String TRUSTSTORE_LOCATION_DOC = "Certificates to verify https:// servers against, instead"
        + " of the JVM's default CAs: a PEM file of one or more CERTIFICATE blocks (e.g. your private CA), or a JKS or"
        + " PKCS12 trust store; the format is detected from the content. The file must exist on every worker."
        + " Unset: the JVM's default trust store.";

    public static final String TRUSTSTORE_PASSWORD_CONFIG = "http.tls.truststore.password";
    public static final String TRUSTSTORE_PASSWORD_DOC = "Password of a JKS/PKCS12 http.tls.truststore.location;"
        + " not needed for PEM.";

    public static final String KEYSTORE_LOCATION_CONFIG = "http.tls.keystore.location";
    public static final String KEYSTORE_LOCATION_DOC = "Client certificate for mutual TLS: a PEM file with an"
        + " unencrypted PKCS#8 PRIVATE KEY and its CERTIFICATE chain (leaf first), or a JKS or PKCS12 keystore with"
        + " one key entry; the format is detected from the content. The file must exist on every worker. Unset: no"
        + " client certificate.";

    public static final String KEYSTORE_PASSWORD_CONFIG = "http.tls.keystore.password";
    public static final String KEYSTORE_PASSWORD_DOC = "Password of a JKS/PKCS12 http.tls.keystore.location;"
        + " required for those, not used for PEM.";

    public static final String KEY_PASSWORD_CONFIG = "http.tls.key.password";
    public static final String KEY_PASSWORD_DOC = "Password of the private key in a JKS/PKCS12 keystore, if it"
        + " differs from http.tls.keystore.password.";

    public static final String TLS_SKIP_VERIFY_CONFIG = "http.tls.insecure.skip.verify";
    public static final String TLS_SKIP_VERIFY_DOC = "FOR TESTS ONLY. true accepts any server certificate and any"
        + " host name, so anyone on the network path can read and change the traffic, credentials included. Every"
        + " task logs a WARN when it starts with this on. Cannot be combined with http.tls.truststore.location; to"
        + " trust a self-signed or private-CA certificate, put it in a trust store instead.";
    public static final boolean TLS_SKIP_VERIFY_DEFAULT = false;

    /** The JVM's trust store, no client certificate, verification on. */
    public static final TlsSettings DEFAULT =
        new TlsSettings(Optional.empty(), null, Optional.empty(), null, null, false);

    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def.define(TRUSTSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.MEDIUM, TRUSTSTORE_LOCATION_DOC,
                GROUP, ++order, Width.LONG, "Trust store")
            .define(TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, TRUSTSTORE_PASSWORD_DOC,
                GROUP, ++order, Width.MEDIUM, "Trust store password", new ShownWhenSet(TRUSTSTORE_LOCATION_CONFIG))
            .define(KEYSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.MEDIUM, KEYSTORE_LOCATION_DOC, GROUP,
                ++order, Width.LONG, "Client keystore")
            .define(KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, KEYSTORE_PASSWORD_DOC,
                GROUP, ++order, Width.MEDIUM, "Client keystore password", new ShownWhenSet(KEYSTORE_LOCATION_CONFIG))
            .define(KEY_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW, KEY_PASSWORD_DOC, GROUP, ++order,
                Width.MEDIUM, "Client key password", new ShownWhenSet(KEYSTORE_LOCATION_CONFIG))
            .define(TLS_SKIP_VERIFY_CONFIG, Type.BOOLEAN, TLS_SKIP_VERIFY_DEFAULT, Importance.LOW,
                TLS_SKIP_VERIFY_DOC, GROUP, ++order, Width.SHORT, "Skip TLS verification (tests only)");
    }

    /** The settings among {@code values}, parsed values of a configuration that went through {@link #define}. */
    public static TlsSettings from(Map<String, ?> values) {
        return new TlsSettings(path(values.get(TRUSTSTORE_LOCATION_CONFIG)),
            (Password) values.get(TRUSTSTORE_PASSWORD_CONFIG), path(values.get(KEYSTORE_LOCATION_CONFIG)),
            (Password) values.get(KEYSTORE_PASSWORD_CONFIG), (Password) values.get(KEY_PASSWORD_CONFIG),
            (Boolean) values.get(TLS_SKIP_VERIFY_CONFIG));
    }

    private static Optional<Path> path(Object value) {
        return Optional.ofNullable((String) value).filter(text -> !text.isBlank()).map(text -> Path.of(text.trim()));
    }

    public boolean isDefault() {
        return trustStore.isEmpty() && keyStore.isEmpty() && !skipVerification;
    }

    /** The HTTP client's TLS context, or null for the JVM's default; only when {@link #problems()} is empty. */
    public SSLContext sslContext() {
        return isDefault() ? null : SslContexts.create(this);
    }

    /** The stores must be readable with their passwords, here rather than in every task's start(). */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (skipVerification && trustStore.isPresent()) {
            problems.add(new Problem(TLS_SKIP_VERIFY_CONFIG, "cannot be combined with " + TRUSTSTORE_LOCATION_CONFIG
                + ": either verify against that trust store (recommended) or not at all"));
        }
        trustStore.ifPresent(path -> {
            try {
                KeyStores.trustStore(path, trustStorePassword);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(TRUSTSTORE_LOCATION_CONFIG, e.getMessage()));
            }
        });
        keyStore.ifPresent(path -> {
            try {
                KeyStores.keyStore(path, keyStorePassword, keyPassword);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(KEYSTORE_LOCATION_CONFIG, e.getMessage()));
            }
        });
        return problems;
    }

    @Override
    public String toString() {
        return "TlsSettings[trustStore=" + trustStore.map(Path::toString).orElse("(JVM default)")
            + ", keyStore=" + keyStore.map(Path::toString).orElse("(none)")
            + ", skipVerification=" + skipVerification + "]";
    }

    /** Shows a store's passwords only once its location is set. */
    private record ShownWhenSet(String location) implements ConfigDef.Recommender {
        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return List.of();
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return parsedConfig.get(location) instanceof String text && !text.isBlank();
        }
    }
}
