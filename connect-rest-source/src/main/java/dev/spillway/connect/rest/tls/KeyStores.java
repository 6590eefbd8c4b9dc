package dev.spillway.connect.rest.tls;

import org.apache.kafka.common.config.types.Password;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads trust and key material from a file whose format is told by its content: PEM text, or a JKS/PKCS12
 * keystore. Errors are {@link IllegalArgumentException}s that name the file and say what is wrong, so config
 * validation can attach them to the right key.
 */
public final class KeyStores {

    /** Password of the in-memory stores built from PEM files; never leaves this JVM. */
    static final char[] IN_MEMORY_PASSWORD = new char[0];

    /** A PEM block; OpenSSL's encrypted PKCS#1 and SEC1 keys carry RFC 1421 headers (Proc-Type, DEK-Info). */
    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*"
        + "((?:[A-Za-z-]+:[^\\r\\n]*\\r?\\n)*)([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "DSA");

    private KeyStores() {
    }

    /** The certificates to trust: every CERTIFICATE of a PEM file, or every entry of a keystore. */
    public static KeyStore trustStore(Path file, Password password) {
        byte[] content = read(file);
        try {
            if (isPem(content)) {
                List<Certificate> certificates = certificates(file, pemBlocks(file, content));
                if (certificates.isEmpty()) {
                    throw new IllegalArgumentException(file + " holds no PEM CERTIFICATE");
                }
                KeyStore store = emptyStore();
                for (int i = 0; i < certificates.size(); i++) {
                    store.setCertificateEntry("ca-" + i, certificates.get(i));
                }
                return store;
            }
            KeyStore store = load(file, password);
            if (store.size() == 0) {
                // A PKCS12 store opened without its password looks empty rather than failing.
                throw new IllegalArgumentException(file + " holds no certificates"
                    + (password == null ? " that can be read without a password; set the trust store password" : ""));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(file + " cannot be used as a trust store: " + e.getMessage(), e);
        }
    }

    /**
     * The client's key and certificate chain: a PEM file with an unencrypted PKCS#8 PRIVATE KEY and its
     * CERTIFICATE chain (leaf first), or a JKS/PKCS12 keystore with one key entry.
     *
     * @return the store and the password its key is protected with
     */
    public static KeyMaterial keyStore(Path file, Password storePassword, Password keyPassword) {
        byte[] content = read(file);
        try {
            if (isPem(content)) {
                List<PemBlock> blocks = pemBlocks(file, content);
                PrivateKey key = privateKey(file, blocks);
                List<Certificate> chain = certificates(file, blocks);
                if (chain.isEmpty()) {
                    throw new IllegalArgumentException(file + " holds a private key but no CERTIFICATE for it");
                }
                KeyStore store = emptyStore();
                store.setKeyEntry("client", key, IN_MEMORY_PASSWORD, chain.toArray(Certificate[]::new));
                return new KeyMaterial(store, IN_MEMORY_PASSWORD);
            }
            if (storePassword == null) {
                throw new IllegalArgumentException(file + " is a keystore, so its password is required");
            }
            KeyStore store = load(file, storePassword);
            char[] password = (keyPassword != null ? keyPassword : storePassword).value().toCharArray();
            int keys = 0;
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys++;
                    // Fails here, at configuration time, rather than in the first handshake.
                    store.getKey(alias, password);
                }
            }
            if (keys == 0) {
                throw new IllegalArgumentException(file + " holds no private key entry");
            }
            return new KeyMaterial(store, password);
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException(file + ": the private key cannot be read with the given key"
                + " password", e);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(file + " cannot be used as a keystore: " + e.getMessage(), e);
        }
    }

    /** A keystore and the password of its keys. */
    public record KeyMaterial(KeyStore store, char[] keyPassword) {
    }

    private static byte[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist or is not a file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean isPem(byte[] content) {
        return new String(content, StandardCharsets.US_ASCII).contains("-----BEGIN ");
    }

    /** JKS or PKCS12, told apart by the JDK from the content. */
    private static KeyStore load(Path file, Password password) throws GeneralSecurityException, IOException {
        return KeyStore.getInstance(file.toFile(), password == null ? null : password.value().toCharArray());
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private record PemBlock(String type, byte[] der, boolean encrypted) {
    }

    private static List<PemBlock> pemBlocks(Path file, byte[] content) {
        List<PemBlock> blocks = new ArrayList<>();
        Matcher matcher = PEM_BLOCK.matcher(new String(content, StandardCharsets.US_ASCII));
        while (matcher.find()) {
            try {
                blocks.add(new PemBlock(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(3)),
                    matcher.group(2).contains("ENCRYPTED")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": the PEM " + matcher.group(1) + " block is not valid"
                    + " base64", e);
            }
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no complete PEM block (-----BEGIN ...----- to"
                + " -----END ...-----)");
        }
        return blocks;
    }

    private static List<Certificate> certificates(Path file, List<PemBlock> blocks) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> certificates = new ArrayList<>();
        for (PemBlock block : blocks) {
            if (block.type().equals("CERTIFICATE")) {
                try {
                    certificates.add(factory.generateCertificate(new java.io.ByteArrayInputStream(block.der())));
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException(file + ": a PEM CERTIFICATE cannot be parsed: "
                        + e.getMessage(), e);
                }
            }
        }
        return certificates;
    }

    private static PrivateKey privateKey(Path file, List<PemBlock> blocks) {
        List<PemBlock> keys = blocks.stream().filter(block -> block.type().endsWith("PRIVATE KEY")).toList();
        if (keys.size() != 1) {
            throw new IllegalArgumentException(file + " must hold exactly one PEM PRIVATE KEY, not " + keys.size());
        }
        PemBlock key = keys.get(0);
        if (!key.type().equals("PRIVATE KEY") || key.encrypted()) {
            // PKCS#1 (RSA PRIVATE KEY), SEC1 (EC PRIVATE KEY) and encrypted keys need a converter the JDK lacks.
            throw new IllegalArgumentException(file + " holds a" + (key.encrypted() ? "n encrypted" : "") + " PEM "
                + key.type() + "; only unencrypted PKCS#8"
                + " (BEGIN PRIVATE KEY) is supported. Convert it with 'openssl pkcs8 -topk8 -nocrypt', or use a"
                + " PKCS12 keystore with a password");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(key.der());
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // Not this algorithm: PKCS#8 names it inside, but KeyFactory wants it up front.
            }
        }
        throw new IllegalArgumentException(file + ": the PEM PRIVATE KEY is not an RSA, EC, EdDSA or DSA key"
            + " the JDK can read");
    }
}
