package dev.spillway.connect.rest.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.spillway.connect.common.rate.RateLimiter;
import dev.spillway.connect.rest.auth.Authenticator;
import dev.spillway.connect.rest.http.HttpFetcher;
import dev.spillway.connect.rest.http.RetryPolicy;
import dev.spillway.connect.rest.net.StopSignal;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The connector's TLS settings against a real HTTPS server on loopback with certificates made by keytool. */
class SslContextsTest {

    @TempDir
    static Path dir;
    static TestCertificates certs;

    private final List<String> clientPrincipals = new CopyOnWriteArrayList<>();
    private HttpsServer server;

    @BeforeAll
    static void generate() {
        certs = TestCertificates.generate(dir);
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI start(boolean requireClientCertificate) {
        server = certs.startServer(requireClientCertificate, this::handle);
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/items");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                clientPrincipals.add(((HttpsExchange) exchange).getSSLSession().getPeerPrincipal().getName());
            } catch (SSLPeerUnverifiedException e) {
                // No client certificate: fine unless the server requires one, and then the handshake failed.
            }
            byte[] body = "[{\"id\":1}]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String get(SSLContext tls, URI uri) {
        HttpFetcher fetcher = new HttpFetcher(HttpFetcher.newClient(Duration.ofSeconds(5), tls), Authenticator.NONE,
            new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(20)), new RateLimiter(0),
            Duration.ofSeconds(10), new StopSignal(), "test", Clock.systemUTC());
        return fetcher.get("items", uri, response -> new String(response.body(), StandardCharsets.UTF_8));
    }

    private static TlsSettings trusting(Path trustStore, String password) {
        return new TlsSettings(Optional.of(trustStore), password == null ? null : new Password(password),
            Optional.empty(), null, null, false);
    }

    private static TlsSettings mutual(Path keyStore, String password) {
        return new TlsSettings(Optional.of(certs.serverCertPem), null, Optional.of(keyStore),
            password == null ? null : new Password(password), null, false);
    }

    @Test
    void anUntrustedCertificateFailsForGoodWithAClearMessage() {
        URI uri = start(false);
        assertThatThrownBy(() -> get(SslContexts.create(TlsSettings.DEFAULT), uri))
            .isInstanceOf(ConnectException.class)
            .isNotInstanceOf(RetriableException.class)
            .hasMessageContaining("Endpoint 'items'")
            .hasMessageContaining("TLS certificate that fails verification")
            .hasMessageContaining("http.tls.truststore.location");
        // The JVM default (no SSLContext at all) behaves the same.
        assertThatThrownBy(() -> get(null, uri)).isNotInstanceOf(RetriableException.class)
            .hasMessageContaining("TLS certificate that fails verification");
    }

    @Test
    void trustsTheServerThroughAPemJksOrPkcs12TrustStore() {
        URI uri = start(false);
        assertThat(get(SslContexts.create(trusting(certs.serverCertPem, null)), uri)).isEqualTo("[{\"id\":1}]");
        assertThat(get(SslContexts.create(trusting(certs.trustJks, TestCertificates.TRUST_PASSWORD)), uri))
            .isEqualTo("[{\"id\":1}]");
        assertThat(get(SslContexts.create(trusting(certs.trustP12, TestCertificates.TRUST_PASSWORD)), uri))
            .isEqualTo("[{\"id\":1}]");
    }

    @Test
    void presentsAClientCertificateFromPkcs12OrPemForMutualTls() {
        URI uri = start(true);
        assertThat(get(SslContexts.create(mutual(certs.clientKeyStore, TestCertificates.CLIENT_PASSWORD)), uri))
            .isEqualTo("[{\"id\":1}]");
        assertThat(get(SslContexts.create(mutual(certs.clientPem, null)), uri)).isEqualTo("[{\"id\":1}]");
        assertThat(clientPrincipals).containsExactly("CN=spillway-test-client", "CN=spillway-test-client");
        // Without one the server refuses the connection.
        assertThatThrownBy(() -> get(SslContexts.create(trusting(certs.serverCertPem, null)), uri))
            .isInstanceOf(ConnectException.class);
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() {
        server = certs.startServer(certs.otherHostKeyStore, false, this::handle);
        URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/items");
        assertThatThrownBy(() -> get(SslContexts.create(trusting(certs.otherHostCertPem, null)), uri))
            .isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
            .hasMessageContaining("TLS certificate that fails verification")
            .hasMessageContaining("127.0.0.1");
    }

    @Test
    void theTestOnlyOptOutAcceptsAnyCertificateForAnyHost() {
        TlsSettings insecure = new TlsSettings(Optional.empty(), null, Optional.empty(), null, null, true);
        assertThat(get(SslContexts.create(insecure), start(false))).isEqualTo("[{\"id\":1}]");
        server.stop(0);
        server = certs.startServer(certs.otherHostKeyStore, false, this::handle);
        URI otherHost = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/items");
        assertThat(get(SslContexts.create(insecure), otherHost)).isEqualTo("[{\"id\":1}]");
    }

    @Test
    void unreadableStoresAreRejectedWithTheFileAndTheReason() throws IOException {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> KeyStores.trustStore(missing, null))
            .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
        Path garbage = Files.writeString(dir.resolve("garbage.jks"), "not a keystore at all");
        assertThatThrownBy(() -> KeyStores.trustStore(garbage, null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(garbage.toString());
        assertThatThrownBy(() -> KeyStores.trustStore(certs.trustP12, new Password("wrong")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trust.p12")
            .hasMessageNotContaining("wrong");
        assertThatThrownBy(() -> KeyStores.trustStore(certs.trustP12, null))
            .hasMessageContaining("set the trust store password");
        assertThatThrownBy(() -> KeyStores.keyStore(certs.clientKeyStore, new Password("wrong"), null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client.p12");
        assertThatThrownBy(() -> KeyStores.keyStore(certs.clientKeyStore, null, null))
            .hasMessageContaining("password is required");
        assertThatThrownBy(() -> KeyStores.keyStore(certs.serverCertPem, null, null))
            .hasMessageContaining("exactly one PEM PRIVATE KEY");
        assertThatThrownBy(() -> KeyStores.keyStore(certs.clientPkcs1Pem, null, null))
            .hasMessageContaining("RSA PRIVATE KEY").hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        // OpenSSL's legacy encryption puts headers inside the block; the hint still comes.
        Path encrypted = Files.writeString(dir.resolve("client-encrypted.pem"), "-----BEGIN RSA PRIVATE KEY-----\n"
            + "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,0123456789ABCDEF0123456789ABCDEF\n\nAQID\n"
            + "-----END RSA PRIVATE KEY-----\n" + Files.readString(certs.serverCertPem));
        assertThatThrownBy(() -> KeyStores.keyStore(encrypted, null, null))
            .hasMessageContaining("encrypted PEM RSA PRIVATE KEY").hasMessageContaining("openssl pkcs8");
        assertThatThrownBy(() -> KeyStores.keyStore(certs.trustJks, new Password(TestCertificates.TRUST_PASSWORD),
            null)).hasMessageContaining("no private key entry");
    }
}
