package dev.spillway.connect.rest.tls;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed server and client certificates made at test time with the JDK's keytool, and the same material
 * as PEM, JKS and PKCS12 files, the way users would hand it to the connector.
 */
public final class TestCertificates {

    public static final String SERVER_PASSWORD = "server-store-pw";
    public static final String CLIENT_PASSWORD = "client-store-pw";
    public static final String TRUST_PASSWORD = "trust-store-pw";

    /** The server's key and self-signed certificate (CN and SAN 127.0.0.1 / localhost). */
    public final Path serverKeyStore;
    /** The server's certificate as PEM, a JKS trust store and a PKCS12 trust store holding it. */
    public final Path serverCertPem;
    public final Path trustJks;
    public final Path trustP12;
    /** A server key whose certificate names another host, and that certificate as PEM. */
    public final Path otherHostKeyStore;
    public final Path otherHostCertPem;
    /** The client's key and self-signed certificate, as a PKCS12 keystore and as one PEM file (key + cert). */
    public final Path clientKeyStore;
    public final Path clientPem;
    /** The client's RSA key in PKCS#1 form, which the connector cannot read. */
    public final Path clientPkcs1Pem;

    private TestCertificates(Path dir) throws Exception {
        serverKeyStore = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
            "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
            "-storetype", "PKCS12", "-keystore", serverKeyStore.toString(),
            "-storepass", SERVER_PASSWORD, "-keypass", SERVER_PASSWORD);
        otherHostKeyStore = dir.resolve("other-host.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
            "-dname", "CN=api.example.com", "-ext", "SAN=dns:api.example.com", "-validity", "2",
            "-storetype", "PKCS12", "-keystore", otherHostKeyStore.toString(),
            "-storepass", SERVER_PASSWORD, "-keypass", SERVER_PASSWORD);
        otherHostCertPem = Files.writeString(dir.resolve("other-host.pem"), pem("CERTIFICATE",
            KeyStore.getInstance(otherHostKeyStore.toFile(), SERVER_PASSWORD.toCharArray()).getCertificate("server")
                .getEncoded()));
        clientKeyStore = dir.resolve("client.p12");
        keytool("-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048",
            "-dname", "CN=spillway-test-client", "-validity", "2",
            "-storetype", "PKCS12", "-keystore", clientKeyStore.toString(),
            "-storepass", CLIENT_PASSWORD, "-keypass", CLIENT_PASSWORD);

        KeyStore server = KeyStore.getInstance(serverKeyStore.toFile(), SERVER_PASSWORD.toCharArray());
        Certificate serverCert = server.getCertificate("server");
        serverCertPem = Files.writeString(dir.resolve("server.pem"), pem("CERTIFICATE", serverCert.getEncoded()));
        trustJks = writeTrustStore(dir.resolve("trust.jks"), "JKS", serverCert);
        trustP12 = writeTrustStore(dir.resolve("trust.p12"), "PKCS12", serverCert);

        KeyStore client = KeyStore.getInstance(clientKeyStore.toFile(), CLIENT_PASSWORD.toCharArray());
        PrivateKey clientKey = (PrivateKey) client.getKey("client", CLIENT_PASSWORD.toCharArray());
        Certificate clientCert = client.getCertificate("client");
        // getEncoded() of a private key is its PKCS#8 form.
        clientPem = Files.writeString(dir.resolve("client.pem"),
            pem("PRIVATE KEY", clientKey.getEncoded()) + pem("CERTIFICATE", clientCert.getEncoded()));
        clientPkcs1Pem = Files.writeString(dir.resolve("client-pkcs1.pem"),
            pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}) + pem("CERTIFICATE", clientCert.getEncoded()));
    }

    public static TestCertificates generate(Path dir) {
        try {
            return new TestCertificates(dir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate test certificates: " + e.getMessage(), e);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
            + "\n-----END " + type + "-----\n";
    }

    private static Path writeTrustStore(Path file, String type, Certificate cert) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setCertificateEntry("server", cert);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, TRUST_PASSWORD.toCharArray());
        }
        return file;
    }

    /**
     * An HTTPS server on 127.0.0.1 with the server certificate; with {@code requireClientCertificate} it only
     * accepts clients presenting the client certificate.
     */
    public HttpsServer startServer(boolean requireClientCertificate, HttpHandler handler) {
        return startServer(serverKeyStore, requireClientCertificate, handler);
    }

    /** Like {@link #startServer(boolean, HttpHandler)} with the key and certificate of {@code keyStore}. */
    public HttpsServer startServer(Path keyStore, boolean requireClientCertificate, HttpHandler handler) {
        HttpsServer https = newServer(keyStore, requireClientCertificate);
        https.createContext("/", handler);
        https.start();
        return https;
    }

    /** Like {@link #startServer} but without handlers and not started yet. */
    public HttpsServer newServer(boolean requireClientCertificate) {
        return newServer(serverKeyStore, requireClientCertificate);
    }

    private HttpsServer newServer(Path keyStore, boolean requireClientCertificate) {
        try {
            KeyStore server = KeyStore.getInstance(keyStore.toFile(), SERVER_PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(server, SERVER_PASSWORD.toCharArray());
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("client", KeyStore.getInstance(clientKeyStore.toFile(),
                CLIENT_PASSWORD.toCharArray()).getCertificate("client"));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);

            HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = context.getDefaultSSLParameters();
                    parameters.setNeedClientAuth(requireClientCertificate);
                    params.setSSLParameters(parameters);
                }
            });
            return https;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
