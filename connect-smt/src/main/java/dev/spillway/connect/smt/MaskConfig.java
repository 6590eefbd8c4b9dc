package dev.spillway.connect.smt;

import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.common.config.VisibleWhen;
import dev.spillway.connect.smt.field.FieldPathValidator;
import dev.spillway.connect.smt.field.FieldPaths;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Configuration of the {@link Mask} transform.
 */
public final class MaskConfig extends AbstractConfig {

    private static final String FIELDS_GROUP = "Fields";
    private static final String MODE_GROUP = "Masking";
    private static final String HASH_GROUP = "Hashing";
    private static final String PARTIAL_GROUP = "Partial masking";

    public static final String FIELDS_CONFIG = "fields";
    public static final String FIELDS_DOC = "Paths of the fields to mask, comma-separated. Nested fields are"
        + " separated by dots (customer.address.city), names containing dots are wrapped in backticks"
        + " (`customer.id`.value), map entries are addressed by key like fields (attributes.color), and array"
        + " elements by index or all at once (items[0].sku, items[*].sku). Paths that match nothing in a record are"
        + " ignored unless missing.field.action=fail. Where paths overlap, the shorter one masks the whole value."
        + " See docs/smt/field-paths.md.";
    private static final String FIELDS_DISPLAY = "Fields";

    public static final String MODE_CONFIG = "mode";
    public static final String MODE_DOC = "How to mask each field. 'replace': replace the value with a fixed value"
        + " of the same type (see 'replacement'). 'null': set the field to null; a required field becomes optional"
        + " in the output schema. 'hash': replace the value with a deterministic hash, as a string (see the"
        + " 'hash.*' settings). 'partial': hide part of a string (see the 'partial.*' settings); fields of other"
        + " types fail the record. Null values stay null in every mode.";
    public static final String MODE_DEFAULT = "replace";
    private static final String MODE_DISPLAY = "Masking mode";

    public static final String REPLACEMENT_CONFIG = "replacement";
    public static final String REPLACEMENT_DOC = "With mode=replace, the value for string fields. Other types"
        + " keep their type: integer and floating-point fields get this value if it parses as their type, and 0"
        + " otherwise; Decimal fields get it (rounded half-up to the field's scale) if it parses as a decimal,"
        + " and 0 at the field's scale otherwise; booleans get false; bytes get an empty byte array; Date, Time and"
        + " Timestamp fields get the epoch (1970-01-01T00:00:00Z); arrays and maps become empty. Struct fields"
        + " cannot be replaced: use mode=null, or list the struct's fields.";
    public static final String REPLACEMENT_DEFAULT = "****";
    private static final String REPLACEMENT_DISPLAY = "Replacement";

    public static final String HASH_ALGORITHM_CONFIG = "hash.algorithm";
    public static final String HASH_ALGORITHM_DOC = "With mode=hash, the hash function. 'SHA-256' is a plain"
        + " digest: anyone can compute it for a guessed value, so add a secret 'hash.salt' for low-entropy data."
        + " 'HMAC-SHA-256' is keyed with 'hash.key' and cannot be computed without it. Either way the result is"
        + " deterministic, so the same input always gives the same output and hashed fields can serve as join"
        + " keys. The field becomes a string field (keeping its optionality) holding the encoded hash of the"
        + " value's canonical form: strings as UTF-8; numbers as plain decimal text without exponent or trailing"
        + " zeros, so that 42, 42L, 42.0 and Decimal 42.00 hash alike; booleans as true/false; bytes as they are;"
        + " Date as ISO date (2024-05-31), Time as ISO time (13:45:00), Timestamp as ISO instant in UTC"
        + " (2024-05-31T13:45:00Z). The salt, if any, is hashed first, immediately followed by the value."
        + " Structs, arrays and maps cannot be hashed as a whole: address their fields or elements.";
    public static final String HASH_ALGORITHM_DEFAULT = HashAlgorithm.SHA_256.configValue();
    private static final String HASH_ALGORITHM_DISPLAY = "Hash algorithm";

    public static final String HASH_KEY_CONFIG = "hash.key";
    public static final String HASH_KEY_DOC = "With hash.algorithm=HMAC-SHA-256 (where it is required), the secret"
        + " HMAC key; its UTF-8 bytes are used. Use a long random value and keep it in a config provider, such as"
        + " ${file:/path/secrets.properties:key}, which the worker resolves only when its config.providers lists"
        + " that provider: a value still of the form ${...} is refused rather than used as the key.";
    private static final String HASH_KEY_DISPLAY = "HMAC key";

    public static final String HASH_SALT_CONFIG = "hash.salt";
    public static final String HASH_SALT_DOC = "With mode=hash, an optional secret prepended (as UTF-8) to every"
        + " value before hashing. Changing it changes every hash. Like hash.key, keep it in a config provider; a"
        + " value still of the form ${...} is refused.";
    private static final String HASH_SALT_DISPLAY = "Salt";

    public static final String HASH_ENCODING_CONFIG = "hash.encoding";
    public static final String HASH_ENCODING_DOC = "With mode=hash, how the hash bytes are written: 'hex' (64"
        + " lowercase hexadecimal digits) or 'base64' (44 characters, standard alphabet with padding).";
    public static final String HASH_ENCODING_DEFAULT = HashEncoding.HEX.configValue();
    private static final String HASH_ENCODING_DISPLAY = "Hash encoding";

    public static final String PARTIAL_KEEP_FIRST_CONFIG = "partial.keep.first";
    public static final String PARTIAL_KEEP_FIRST_DOC = "With mode=partial, how many characters to leave visible"
        + " at the start of the string. When the visible parts would cover the whole string, all of it is masked"
        + " instead. Characters are Unicode code points, so a character outside the BMP is masked as one.";
    public static final int PARTIAL_KEEP_FIRST_DEFAULT = 0;
    private static final String PARTIAL_KEEP_FIRST_DISPLAY = "Visible leading characters";

    public static final String PARTIAL_KEEP_LAST_CONFIG = "partial.keep.last";
    public static final String PARTIAL_KEEP_LAST_DOC = "With mode=partial, how many characters to leave visible"
        + " at the end of the string (as for partial.keep.first).";
    public static final int PARTIAL_KEEP_LAST_DEFAULT = 0;
    private static final String PARTIAL_KEEP_LAST_DISPLAY = "Visible trailing characters";

    public static final String PARTIAL_MASK_CHAR_CONFIG = "partial.mask.char";
    public static final String PARTIAL_MASK_CHAR_DOC = "With mode=partial, the single character that replaces each"
        + " hidden character, and the default partial.regex.replacement.";
    public static final String PARTIAL_MASK_CHAR_DEFAULT = "*";
    private static final String PARTIAL_MASK_CHAR_DISPLAY = "Mask character";

    public static final String PARTIAL_REGEX_CONFIG = "partial.regex";
    public static final String PARTIAL_REGEX_DOC = "With mode=partial, a Java regular expression: every match in"
        + " the string is replaced by partial.regex.replacement, instead of masking by position. Cannot be"
        + " combined with partial.keep.first or partial.keep.last.";
    private static final String PARTIAL_REGEX_DISPLAY = "Regular expression";

    public static final String PARTIAL_REGEX_REPLACEMENT_CONFIG = "partial.regex.replacement";
    public static final String PARTIAL_REGEX_REPLACEMENT_DOC = "With partial.regex, the replacement for each match,"
        + " in java.util.regex.Matcher syntax: $1 or ${name} insert a captured group, and \\ escapes a literal $"
        + " or \\. Defaults to partial.mask.char, taken literally.";
    private static final String PARTIAL_REGEX_REPLACEMENT_DISPLAY = "Regular expression replacement";

    public static final String MISSING_FIELD_ACTION_CONFIG = "missing.field.action";
    public static final String MISSING_FIELD_ACTION_DOC = "What to do when a record lacks a listed field: its"
        + " struct schema has no such field, its map no such key, or a plain value stands where the path goes on."
        + " 'ignore' (the default, for compatibility): pass the record on; a renamed upstream field then ships"
        + " unmasked. 'fail': fail the record with an error naming the field path, so that errors.tolerance, or a"
        + " Guard transform around Mask, sends it to a dead letter topic instead. Not missing: a field that is"
        + " present but null, a field under a null parent, an array index past the end. Either way each missing"
        + " field counts in the missing-fields-total metric.";
    public static final String MISSING_FIELD_ACTION_DEFAULT = MissingFieldAction.IGNORE.configValue();
    private static final String MISSING_FIELD_ACTION_DISPLAY = "When a field is missing";

    private static final ConfigDef CONFIG_DEF = buildConfigDef();

    /** A whole value of the form {@code ${...}}; group 1 is the provider name (the text before the first colon). */
    private static final Pattern UNRESOLVED_REFERENCE = Pattern.compile("\\$\\{([^}:]*)[^}]*\\}");

    private final FieldPaths fieldPaths;
    private final Mode mode;
    private final MissingFieldAction missingFieldAction;
    private final HashAlgorithm hashAlgorithm;
    private final HashEncoding hashEncoding;
    private final Pattern partialRegex;

    public MaskConfig(Map<?, ?> originals) {
        // Like Kafka's own transforms, do not log every value again for each task.
        super(CONFIG_DEF, originals, false);
        this.fieldPaths = FieldPaths.parse(getList(FIELDS_CONFIG));
        this.mode = ConfigChoice.parse(Mode.class, MODE_CONFIG,
            getString(MODE_CONFIG));
        this.missingFieldAction = ConfigChoice.parse(MissingFieldAction.class, MISSING_FIELD_ACTION_CONFIG,
            getString(MISSING_FIELD_ACTION_CONFIG));
        this.hashAlgorithm = ConfigChoice.parse(HashAlgorithm.class, HASH_ALGORITHM_CONFIG,
            getString(HASH_ALGORITHM_CONFIG));
        this.hashEncoding = ConfigChoice.parse(HashEncoding.class, HASH_ENCODING_CONFIG,
            getString(HASH_ENCODING_CONFIG));
        String regex = getString(PARTIAL_REGEX_CONFIG);
        this.partialRegex = regex == null ? null : Pattern.compile(regex);
        validateCombinations();
    }

    /** A copy of the definition of every setting, for {@code Transformation.config()} and documentation. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static ConfigDef buildConfigDef() {
        int order = 0;
        ConfigDef def = new ConfigDef()
            .define(FIELDS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, FieldPathValidator.list(),
                Importance.HIGH, FIELDS_DOC, FIELDS_GROUP, ++order, Width.LONG, FIELDS_DISPLAY)
            .define(MISSING_FIELD_ACTION_CONFIG, Type.STRING, MISSING_FIELD_ACTION_DEFAULT,
                ConfigChoice.validator(MissingFieldAction.class), Importance.MEDIUM, MISSING_FIELD_ACTION_DOC,
                FIELDS_GROUP, ++order, Width.SHORT, MISSING_FIELD_ACTION_DISPLAY,
                ConfigChoice.recommender(MissingFieldAction.class));

        order = 0;
        def.define(MODE_CONFIG, Type.STRING, MODE_DEFAULT, ConfigChoice.validator(Mode.class),
                Importance.HIGH, MODE_DOC, MODE_GROUP, ++order, Width.SHORT, MODE_DISPLAY,
                ConfigChoice.recommender(Mode.class))
            .define(REPLACEMENT_CONFIG, Type.STRING, REPLACEMENT_DEFAULT, Importance.MEDIUM, REPLACEMENT_DOC,
                MODE_GROUP, ++order, Width.MEDIUM, REPLACEMENT_DISPLAY,
                VisibleWhen.keyIs(MODE_CONFIG, Mode.REPLACE));

        order = 0;
        def.define(HASH_ALGORITHM_CONFIG, Type.STRING, HASH_ALGORITHM_DEFAULT,
                ConfigChoice.validator(HashAlgorithm.class), Importance.MEDIUM, HASH_ALGORITHM_DOC,
                HASH_GROUP, ++order, Width.SHORT, HASH_ALGORITHM_DISPLAY,
                VisibleWhen.keyIs(MODE_CONFIG, Mode.HASH).listing(HashAlgorithm.class))
            .define(HASH_KEY_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, HASH_KEY_DOC,
                HASH_GROUP, ++order, Width.MEDIUM, HASH_KEY_DISPLAY,
                VisibleWhen.keyIs(MODE_CONFIG, Mode.HASH))
            .define(HASH_SALT_CONFIG, Type.PASSWORD, null, Importance.LOW, HASH_SALT_DOC,
                HASH_GROUP, ++order, Width.MEDIUM, HASH_SALT_DISPLAY,
                VisibleWhen.keyIs(MODE_CONFIG, Mode.HASH))
            .define(HASH_ENCODING_CONFIG, Type.STRING, HASH_ENCODING_DEFAULT,
                ConfigChoice.validator(HashEncoding.class), Importance.LOW, HASH_ENCODING_DOC,
                HASH_GROUP, ++order, Width.SHORT, HASH_ENCODING_DISPLAY,
                VisibleWhen.keyIs(MODE_CONFIG, Mode.HASH).listing(HashEncoding.class));

        order = 0;
        def.define(PARTIAL_KEEP_FIRST_CONFIG, Type.INT, PARTIAL_KEEP_FIRST_DEFAULT, Range.atLeast(0),
                Importance.MEDIUM, PARTIAL_KEEP_FIRST_DOC, PARTIAL_GROUP, ++order, Width.SHORT,
                PARTIAL_KEEP_FIRST_DISPLAY,
                VisibleWhen.keyIs(MODE_CONFIG, Mode.PARTIAL))
            .define(PARTIAL_KEEP_LAST_CONFIG, Type.INT, PARTIAL_KEEP_LAST_DEFAULT, Range.atLeast(0),
                Importance.MEDIUM, PARTIAL_KEEP_LAST_DOC, PARTIAL_GROUP, ++order, Width.SHORT,
                PARTIAL_KEEP_LAST_DISPLAY,
                VisibleWhen.keyIs(MODE_CONFIG, Mode.PARTIAL))
            .define(PARTIAL_MASK_CHAR_CONFIG, Type.STRING, PARTIAL_MASK_CHAR_DEFAULT, ConfigValidators.singleCharacter(),
                Importance.LOW, PARTIAL_MASK_CHAR_DOC, PARTIAL_GROUP, ++order, Width.SHORT,
                PARTIAL_MASK_CHAR_DISPLAY,
                VisibleWhen.keyIs(MODE_CONFIG, Mode.PARTIAL))
            .define(PARTIAL_REGEX_CONFIG, Type.STRING, null, ConfigValidators.regex(), Importance.MEDIUM,
                PARTIAL_REGEX_DOC, PARTIAL_GROUP, ++order, Width.LONG, PARTIAL_REGEX_DISPLAY,
                VisibleWhen.keyIs(MODE_CONFIG, Mode.PARTIAL))
            .define(PARTIAL_REGEX_REPLACEMENT_CONFIG, Type.STRING, null, Importance.LOW,
                PARTIAL_REGEX_REPLACEMENT_DOC, PARTIAL_GROUP, ++order, Width.MEDIUM,
                PARTIAL_REGEX_REPLACEMENT_DISPLAY,
                VisibleWhen.keyIs(MODE_CONFIG, Mode.PARTIAL));
        return def;
    }

    /** Checks settings that are only wrong together; only those that the chosen mode uses. */
    private void validateCombinations() {
        if (mode == Mode.HASH) {
            refuseUnresolvedReference(HASH_KEY_CONFIG);
            refuseUnresolvedReference(HASH_SALT_CONFIG);
            Password key = getPassword(HASH_KEY_CONFIG);
            boolean hasKey = key != null && !key.value().isEmpty();
            if (hashAlgorithm == HashAlgorithm.HMAC_SHA_256 && !hasKey) {
                throw new ConfigException(HASH_KEY_CONFIG, key, "a non-empty key is required when "
                    + HASH_ALGORITHM_CONFIG + "=" + HashAlgorithm.HMAC_SHA_256.configValue());
            }
            if (hashAlgorithm == HashAlgorithm.SHA_256 && hasKey) {
                // Silently ignoring a key would let users believe the hashes are keyed.
                throw new ConfigException(HASH_KEY_CONFIG, key, "a key is only used with " + HASH_ALGORITHM_CONFIG
                    + "=" + HashAlgorithm.HMAC_SHA_256.configValue() + "; set that algorithm or remove the key");
            }
        }
        if (mode == Mode.PARTIAL) {
            if (partialRegex != null && (partialKeepFirst() > 0 || partialKeepLast() > 0)) {
                throw new ConfigException(PARTIAL_REGEX_CONFIG, partialRegex.pattern(), "cannot be combined with "
                    + PARTIAL_KEEP_FIRST_CONFIG + " or " + PARTIAL_KEEP_LAST_CONFIG + "; choose one way to mask");
            }
            String replacement = getString(PARTIAL_REGEX_REPLACEMENT_CONFIG);
            if (replacement != null && partialRegex == null) {
                throw new ConfigException(PARTIAL_REGEX_REPLACEMENT_CONFIG, replacement, "is only used with "
                    + PARTIAL_REGEX_CONFIG + ", which is not set");
            }
            if (replacement != null) {
                validateReplacement(partialRegex, replacement);
            }
        }
    }

    /**
     * The worker replaces {@code ${provider:path:key}} only for a provider listed in its {@code config.providers}
     * that has the key; otherwise the text stays, and hashes would be keyed with a string anyone can read in the
     * connector configuration.
     */
    private void refuseUnresolvedReference(String name) {
        Password secret = getPassword(name);
        if (secret == null) {
            return;
        }
        Matcher reference = UNRESOLVED_REFERENCE.matcher(secret.value());
        if (reference.matches()) {
            String provider = reference.group(1);
            throw new ConfigException(name, secret, "is a config provider reference (${" + provider + ":...}) that"
                + " the worker left unresolved; the worker needs config.providers=" + provider + " (with"
                + " config.providers." + provider + ".class) and the referenced key must exist, else the literal"
                + " text would be the secret");
        }
    }

    /**
     * A replacement is only parsed once something matches, so a reference to a missing group would otherwise
     * fail on some record much later. An empty alternative makes the regex match the empty string while keeping
     * all its groups, which exercises the replacement now.
     */
    private static void validateReplacement(Pattern regex, String replacement) {
        Pattern alwaysMatching;
        try {
            alwaysMatching = Pattern.compile("(?:" + regex.pattern() + ")|", regex.flags());
        } catch (PatternSyntaxException e) {
            // Constructs such as an unterminated \Q cannot be wrapped; the replacement is checked per record then.
            return;
        }
        try {
            alwaysMatching.matcher("").replaceAll(replacement);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new ConfigException(PARTIAL_REGEX_REPLACEMENT_CONFIG, replacement,
                "not a valid replacement for " + PARTIAL_REGEX_CONFIG + ": " + e.getMessage());
        }
    }

    public FieldPaths fieldPaths() {
        return fieldPaths;
    }

    public Mode mode() {
        return mode;
    }

    public MissingFieldAction missingFieldAction() {
        return missingFieldAction;
    }

    public String replacement() {
        return getString(REPLACEMENT_CONFIG);
    }

    public HashAlgorithm hashAlgorithm() {
        return hashAlgorithm;
    }

    /** The HMAC key; never log it. */
    public Optional<Password> hashKey() {
        return Optional.ofNullable(getPassword(HASH_KEY_CONFIG));
    }

    /** The salt; never log it. */
    public Optional<Password> hashSalt() {
        return Optional.ofNullable(getPassword(HASH_SALT_CONFIG));
    }

    public HashEncoding hashEncoding() {
        return hashEncoding;
    }

    public int partialKeepFirst() {
        return getInt(PARTIAL_KEEP_FIRST_CONFIG);
    }

    public int partialKeepLast() {
        return getInt(PARTIAL_KEEP_LAST_CONFIG);
    }

    /** A string of exactly one code point. */
    public String partialMaskChar() {
        return getString(PARTIAL_MASK_CHAR_CONFIG);
    }

    public Optional<Pattern> partialRegex() {
        return Optional.ofNullable(partialRegex);
    }

    /** The replacement for each regex match, in {@link Matcher#replaceAll(String)} syntax. */
    public String partialRegexReplacement() {
        String replacement = getString(PARTIAL_REGEX_REPLACEMENT_CONFIG);
        return replacement != null ? replacement : Matcher.quoteReplacement(partialMaskChar());
    }

    /** The values of {@value #MODE_CONFIG}. */
    public enum Mode implements ConfigChoice {
        REPLACE("replace"),
        NULL("null"),
        HASH("hash"),
        PARTIAL("partial");

        private final String configValue;

        Mode(String configValue) {
            this.configValue = configValue;
        }

        @Override
        public String configValue() {
            return configValue;
        }
    }

    /** The values of {@value #HASH_ALGORITHM_CONFIG}. */
    public enum HashAlgorithm implements ConfigChoice {
        SHA_256("SHA-256"),
        HMAC_SHA_256("HMAC-SHA-256");

        private final String configValue;

        HashAlgorithm(String configValue) {
            this.configValue = configValue;
        }

        @Override
        public String configValue() {
            return configValue;
        }
    }

    /** The values of {@value #HASH_ENCODING_CONFIG}. */
    public enum HashEncoding implements ConfigChoice {
        HEX("hex"),
        BASE64("base64");

        private final String configValue;

        HashEncoding(String configValue) {
            this.configValue = configValue;
        }

        @Override
        public String configValue() {
            return configValue;
        }
    }
}
