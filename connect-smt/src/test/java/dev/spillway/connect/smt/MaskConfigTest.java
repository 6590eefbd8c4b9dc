package dev.spillway.connect.smt;

import dev.spillway.connect.smt.MaskConfig.HashAlgorithm;
import dev.spillway.connect.smt.MaskConfig.HashEncoding;
import dev.spillway.connect.smt.MaskConfig.Mode;
import dev.spillway.connect.smt.field.FieldPath;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static dev.spillway.connect.smt.MaskTest.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaskConfigTest {

    private static MaskConfig config(String... keysAndValues) {
        return new MaskConfig(props(keysAndValues));
    }

    @Test
    void hasDefaultsForEverythingButTheFields() {
        MaskConfig config = config("fields", "a.b, items[*].sku");

        assertThat(config.fieldPaths().paths()).containsExactly(FieldPath.parse("a.b"),
            FieldPath.parse("items[*].sku"));
        assertThat(config.mode()).isEqualTo(Mode.REPLACE);
        assertThat(config.replacement()).isEqualTo("****");
        assertThat(config.hashAlgorithm()).isEqualTo(HashAlgorithm.SHA_256);
        assertThat(config.hashKey()).isEmpty();
        assertThat(config.hashSalt()).isEmpty();
        assertThat(config.hashEncoding()).isEqualTo(HashEncoding.HEX);
        assertThat(config.partialKeepFirst()).isZero();
        assertThat(config.partialKeepLast()).isZero();
        assertThat(config.partialMaskChar()).isEqualTo("*");
        assertThat(config.partialRegex()).isEmpty();
        assertThat(config.partialRegexReplacement()).isEqualTo("*");
    }

    @Test
    void readsEverySetting() {
        MaskConfig config = config("fields", "a", "mode", "hash", "hash.algorithm", "HMAC-SHA-256",
            "hash.key", "k", "hash.salt", "s", "hash.encoding", "base64");

        assertThat(config.mode()).isEqualTo(Mode.HASH);
        assertThat(config.hashAlgorithm()).isEqualTo(HashAlgorithm.HMAC_SHA_256);
        assertThat(config.hashKey()).hasValueSatisfying(key -> assertThat(key.value()).isEqualTo("k"));
        assertThat(config.hashSalt()).hasValueSatisfying(salt -> assertThat(salt.value()).isEqualTo("s"));
        assertThat(config.hashEncoding()).isEqualTo(HashEncoding.BASE64);

        MaskConfig partial = config("fields", "a", "mode", "partial", "partial.regex", "(\\d+)",
            "partial.regex.replacement", "<$1>", "partial.mask.char", "#");
        assertThat(partial.partialRegex()).hasValueSatisfying(regex -> assertThat(regex.pattern())
            .isEqualTo("(\\d+)"));
        assertThat(partial.partialRegexReplacement()).isEqualTo("<$1>");
        assertThat(partial.partialMaskChar()).isEqualTo("#");
    }

    @Test
    void readsChoicesInAnyCase() {
        MaskConfig config = config("fields", "a", "mode", "HASH", "hash.algorithm", "hmac-sha-256",
            "hash.key", "k", "hash.encoding", "Base64");

        assertThat(config.mode()).isEqualTo(Mode.HASH);
        assertThat(config.hashAlgorithm()).isEqualTo(HashAlgorithm.HMAC_SHA_256);
        assertThat(config.hashEncoding()).isEqualTo(HashEncoding.BASE64);
        assertThat(config("fields", "a", "mode", "NULL").mode()).isEqualTo(Mode.NULL);
    }

    @Test
    void quotesTheMaskCharacterAsDefaultRegexReplacement() {
        MaskConfig config = config("fields", "a", "mode", "partial", "partial.regex", "x", "partial.mask.char", "$");
        assertThat(config.partialRegexReplacement()).isEqualTo("\\$");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "fields|a..b|empty field name",
        "fields|a,`b|backtick that opens a field name is not closed",
        "fields|''|at least one field path is required",
        "mode|mask|String must be one of",
        "hash.algorithm|MD5|String must be one of",
        "hash.encoding|base32|String must be one of",
        "partial.keep.first|-1|Value must be at least 0",
        "partial.keep.last|x|Not a number of type INT",
        "partial.mask.char|ab|must be exactly one character",
        "partial.mask.char|''|must be exactly one character",
        "partial.regex|(unclosed|not a valid Java regular expression",
    })
    void rejectsInvalidValuesNamingTheKey(String key, String value, String problem) {
        assertThatThrownBy(() -> config("fields", "a", key, value))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration " + key)
            .hasMessageContaining(problem);
    }

    @Test
    void requiresFields() {
        assertThatThrownBy(() -> config("mode", "null"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("\"fields\"");
    }

    @Test
    void requiresAKeyForHmac() {
        assertThatThrownBy(() -> config("fields", "a", "mode", "hash", "hash.algorithm", "HMAC-SHA-256"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration hash.key")
            .hasMessageContaining("a non-empty key is required");
        assertThatThrownBy(() -> config("fields", "a", "mode", "hash", "hash.algorithm", "HMAC-SHA-256",
            "hash.key", ""))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration hash.key");
    }

    @Test
    void rejectsAKeyThatWouldBeIgnored() {
        assertThatThrownBy(() -> config("fields", "a", "mode", "hash", "hash.key", "secret-key"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration hash.key")
            .hasMessageContaining("only used with hash.algorithm=HMAC-SHA-256")
            .message().doesNotContain("secret-key");
        // Settings of other modes are not checked, so switching modes needs no clean-up.
        assertThat(config("fields", "a", "mode", "replace", "hash.key", "k").mode()).isEqualTo(Mode.REPLACE);
    }

    @Test
    void refusesSecretsThatAreUnresolvedConfigProviderReferences() {
        String reference = "${file:/etc/kafka/secrets.properties:pii.hmac.key}";
        assertThatThrownBy(() -> config("fields", "a", "mode", "hash", "hash.algorithm", "HMAC-SHA-256",
            "hash.key", reference))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration hash.key")
            .hasMessageContaining("config provider reference (${file:...})")
            .hasMessageContaining("config.providers=file")
            .message().doesNotContain("\n").doesNotContain("pii.hmac.key");
        assertThatThrownBy(() -> config("fields", "a", "mode", "hash", "hash.salt", "${vault:secret/pii:salt}"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration hash.salt")
            .hasMessageContaining("config.providers=vault");
        assertThatThrownBy(() -> config("fields", "a", "mode", "hash", "hash.salt", "${}"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration hash.salt");
        // Only a whole value of that form: a resolved secret may contain ${ or } anywhere else.
        assertThat(config("fields", "a", "mode", "hash", "hash.algorithm", "HMAC-SHA-256",
            "hash.key", "x${file:a:b}").hashKey()).isPresent();
        assertThat(config("fields", "a", "mode", "hash", "hash.salt", "${a}b").hashSalt()).isPresent();
        // Settings of other modes are not checked.
        assertThat(config("fields", "a", "mode", "replace", "hash.key", reference).mode()).isEqualTo(Mode.REPLACE);
    }

    @Test
    void rejectsConflictingPartialSettings() {
        assertThatThrownBy(() -> config("fields", "a", "mode", "partial", "partial.regex", "\\d",
            "partial.keep.last", "4"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration partial.regex")
            .hasMessageContaining("cannot be combined");
        assertThatThrownBy(() -> config("fields", "a", "mode", "partial", "partial.regex.replacement", "x"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration partial.regex.replacement")
            .hasMessageContaining("which is not set");
    }

    @Test
    void rejectsReplacementsReferringToMissingGroups() {
        assertThatThrownBy(() -> config("fields", "a", "mode", "partial", "partial.regex", "(\\d)",
            "partial.regex.replacement", "$2"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration partial.regex.replacement")
            .hasMessageContaining("No group 2");
        assertThatThrownBy(() -> config("fields", "a", "mode", "partial", "partial.regex", "\\d",
            "partial.regex.replacement", "${name}"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration partial.regex.replacement");
        assertThat(config("fields", "a", "mode", "partial", "partial.regex", "(?<digit>\\d)",
            "partial.regex.replacement", "${digit}*").partialRegexReplacement()).isEqualTo("${digit}*");
    }

    @Test
    void validatesThroughTheConfigDefLikeTheWorkerDoes() {
        List<ConfigValue> results = MaskConfig.configDef().validate(Map.of("fields", "a[x]", "mode", "hash"));
        ConfigValue fields = results.stream().filter(value -> value.name().equals("fields")).findFirst()
            .orElseThrow();
        assertThat(fields.errorMessages()).singleElement().asString().contains("array index must be");
    }

    @Test
    void documentsAndGroupsEverySetting() {
        ConfigDef def = MaskConfig.configDef();
        assertThat(def.names()).containsExactlyInAnyOrder("fields", "missing.field.action", "mode", "replacement",
            "hash.algorithm",
            "hash.key", "hash.salt", "hash.encoding", "partial.keep.first", "partial.keep.last",
            "partial.mask.char", "partial.regex", "partial.regex.replacement");
        assertThat(def.configKeys().values()).allSatisfy(key -> {
            assertThat(key.documentation).isNotBlank();
            assertThat(key.group).isNotBlank();
            assertThat(key.orderInGroup).isPositive();
            assertThat(key.displayName).isNotBlank();
        });
        assertThat(def.configKeys().get("hash.key").type).isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(def.configKeys().get("hash.salt").type).isEqualTo(ConfigDef.Type.PASSWORD);
    }

    @Test
    void handsOutCopiesOfTheConfigDef() {
        MaskConfig.configDef().define("extra", ConfigDef.Type.STRING, ConfigDef.Importance.LOW, "x");
        assertThat(MaskConfig.configDef().names()).doesNotContain("extra");
    }
}
