package dev.spillway.connect.rest.tls;

import org.apache.kafka.common.config.types.Password;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the {@code http.tls.*} settings ask for; {@link SslContexts#create(TlsSettings)} turns it into an
 * {@code SSLContext}.
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

    /** The JVM's trust store, no client certificate, verification on. */
    public static final TlsSettings DEFAULT =
        new TlsSettings(Optional.empty(), null, Optional.empty(), null, null, false);

    public boolean isDefault() {
        return trustStore.isEmpty() && keyStore.isEmpty() && !skipVerification;
    }

    @Override
    public String toString() {
        return "TlsSettings[trustStore=" + trustStore.map(Path::toString).orElse("(JVM default)")
            + ", keyStore=" + keyStore.map(Path::toString).orElse("(none)")
            + ", skipVerification=" + skipVerification + "]";
    }
}
