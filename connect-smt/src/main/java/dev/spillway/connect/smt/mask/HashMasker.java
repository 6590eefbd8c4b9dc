package dev.spillway.connect.smt.mask;

import dev.spillway.connect.smt.MaskConfig.HashAlgorithm;
import dev.spillway.connect.smt.MaskConfig;
import dev.spillway.connect.smt.field.FieldPath;
import dev.spillway.connect.smt.value.CanonicalForm;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Mode {@code hash}: every addressed value becomes the encoded SHA-256 or HMAC-SHA-256 of its canonical form, in a
 * string field.
 *
 * <p>{@link MessageDigest} and {@link Mac} are stateful and not thread-safe, and creating them per record is
 * wasteful: each thread that applies the transform gets its own instance, created on first use.
 */
final class HashMasker extends FieldMasker {

    private static final String MODE = "hash";
    private static final String HMAC_SHA_256 = "HmacSHA256";
    private static final byte[] NO_SALT = new byte[0];

    private final byte[] salt;
    private final ThreadLocal<Hasher> hashers;
    private final Function<byte[], String> encoder;

    private HashMasker(byte[] salt, Supplier<Hasher> hasherFactory, Function<byte[], String> encoder) {
        this.salt = salt;
        this.hashers = ThreadLocal.withInitial(hasherFactory);
        this.encoder = encoder;
    }

    static HashMasker create(MaskConfig config) {
        byte[] salt = config.hashSalt().map(HashMasker::utf8).orElse(NO_SALT);
        Supplier<Hasher> factory = config.hashAlgorithm() == HashAlgorithm.HMAC_SHA_256
            ? hmacFactory(utf8(config.hashKey().orElseThrow()))
            : HashMasker::sha256;
        // Fail at configuration time, not on the first record, if the JVM lacks the algorithm.
        factory.get();
        Function<byte[], String> encoder = switch (config.hashEncoding()) {
            case HEX -> HexFormat.of()::formatHex;
            case BASE64 -> Base64.getEncoder()::encodeToString;
        };
        return new HashMasker(salt, factory, encoder);
    }

    private static byte[] utf8(Password secret) {
        return secret.value().getBytes(StandardCharsets.UTF_8);
    }

    private static Hasher sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return (salt, value) -> {
                digest.reset();
                digest.update(salt);
                return digest.digest(value);
            };
        } catch (GeneralSecurityException e) {
            throw new ConfigException("SHA-256 is not available in this JVM: " + e.getMessage());
        }
    }

    private static Supplier<Hasher> hmacFactory(byte[] key) {
        SecretKeySpec keySpec = new SecretKeySpec(key, HMAC_SHA_256);
        return () -> {
            try {
                Mac mac = Mac.getInstance(HMAC_SHA_256);
                mac.init(keySpec);
                return (salt, value) -> {
                    mac.reset();
                    mac.update(salt);
                    return mac.doFinal(value);
                };
            } catch (GeneralSecurityException e) {
                // The message names the algorithm or key problem, never the key itself.
                throw new ConfigException(MaskConfig.HASH_KEY_CONFIG, "[hidden]",
                    "cannot initialise HMAC-SHA-256: " + e.getMessage());
            }
        };
    }

    @Override
    public Schema update(FieldPath path, Schema schema) {
        switch (schema.type()) {
            case STRUCT, ARRAY, MAP:
                throw cannotMask(path, MODE, "a " + schema.type() + " cannot be hashed as a whole; list its"
                    + " fields, or its elements with [*]");
            case STRING:
                if (schema.name() == null) {
                    return schema;
                }
                break;
            default:
                break;
        }
        // Logical type, parameters and default describe the original value, not its hash, so they go.
        SchemaBuilder hashed = SchemaBuilder.string().doc(schema.doc());
        return (schema.isOptional() ? hashed.optional() : hashed).build();
    }

    @Override
    Object maskValue(FieldPath path, Schema schema, Object value) {
        if (!CanonicalForm.isScalar(value)) {
            throw cannotMask(path, MODE, "a " + value.getClass().getName() + " cannot be hashed as a whole; list"
                + " its fields, or its elements with [*]");
        }
        return encoder.apply(hashers.get().hash(salt, CanonicalForm.bytes(value, schema)));
    }

    @Override
    public boolean hashes() {
        return true;
    }

    @Override
    public void close() {
        hashers.remove();
    }

    @FunctionalInterface
    private interface Hasher {
        byte[] hash(byte[] salt, byte[] value);
    }
}
