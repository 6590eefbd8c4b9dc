package dev.spillway.connect.rest.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/** Builds the {@link SSLContext} of the HTTP client from {@link TlsSettings}. */
public final class SslContexts {

    private static final Logger LOG = LoggerFactory.getLogger(SslContexts.class);

    private SslContexts() {
    }

    /**
     * The context for {@code settings}: its trust store (or the JVM's), its client key if any, and full
     * verification of the server's certificate and host name unless {@code skipVerification}.
     *
     * @throws IllegalArgumentException if a store cannot be read; the message names the file
     */
    public static SSLContext create(TlsSettings settings) {
        try {
            KeyManager[] keyManagers = null;
            if (settings.keyStore().isPresent()) {
                KeyStores.KeyMaterial material = KeyStores.keyStore(settings.keyStore().get(),
                    settings.keyStorePassword(), settings.keyPassword());
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(material.store(), material.keyPassword());
                keyManagers = factory.getKeyManagers();
            }
            TrustManager[] trustManagers;
            if (settings.skipVerification()) {
                LOG.warn("TLS VERIFICATION IS OFF (http.tls.insecure.skip.verify=true): any server certificate and"
                    + " host name is accepted, so anyone on the network path can read and change the traffic,"
                    + " credentials included. Use this for tests only.");
                trustManagers = new TrustManager[] {new TrustingEveryone()};
            } else {
                TrustManagerFactory factory =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                // null: the JVM's default CAs.
                KeyStore trusted = settings.trustStore()
                    .map(path -> KeyStores.trustStore(path, settings.trustStorePassword())).orElse(null);
                factory.init(trusted);
                trustManagers = factory.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Accepts every chain. It extends {@link X509ExtendedTrustManager} on purpose: the JDK wraps a plain
     * {@code X509TrustManager} and still checks the host name, and an opt-out that half works is worse.
     */
    private static final class TrustingEveryone extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
