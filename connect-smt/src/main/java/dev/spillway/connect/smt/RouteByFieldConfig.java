package dev.spillway.connect.smt;

import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.common.config.VisibleWhen;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Configuration of the {@link RouteByField} transform.
 */
public final class RouteByFieldConfig extends AbstractConfig {

    private static final String GROUP = "Routing";

    public static final String TOPIC_TEMPLATE_CONFIG = "topic.template";
    public static final String TOPIC_TEMPLATE_DOC = "The new topic name: literal text with placeholders ${topic}"
        + " (the record's current topic), ${key} (the whole key, when it is a single value such as a string),"
        + " ${key.<path>} and ${value.<path>} (a field of the key or value, by field path, such as"
        + " ${value.customer.country}; see docs/smt/field-paths.md). Examples: orders-${value.region},"
        + " ${topic}-${key.tenant}. Values are written in their canonical text (numbers without trailing zeros,"
        + " dates in ISO-8601); characters not allowed in topic names are replaced by 'topic.replacement.char',"
        + " and the name is cut to 249 characters. Literal text must only use a-z, A-Z, 0-9, '.', '_' and '-'."
        + " A placeholder ends at the first '}'. Placeholders that address a struct, map or array fail the"
        + " record.";
    private static final String TOPIC_TEMPLATE_DISPLAY = "Topic template";

    public static final String ON_MISSING_CONFIG = "on.missing";
    public static final String ON_MISSING_DOC = "What to do when a placeholder's field is absent or null (or the"
        + " key or value is null, or the name comes out empty). 'keep': keep the record's topic. 'fallback':"
        + " send the record to 'fallback.topic'. 'fail': fail the record, naming the placeholder.";
    public static final String ON_MISSING_DEFAULT = OnMissing.KEEP.configValue();
    private static final String ON_MISSING_DISPLAY = "When a field is missing";

    public static final String FALLBACK_TOPIC_CONFIG = "fallback.topic";
    public static final String FALLBACK_TOPIC_DOC = "With on.missing=fallback (where it is required), the topic"
        + " for records whose placeholders cannot be filled.";
    private static final String FALLBACK_TOPIC_DISPLAY = "Fallback topic";

    public static final String REPLACEMENT_CHAR_CONFIG = "topic.replacement.char";
    public static final String REPLACEMENT_CHAR_DOC = "The character that replaces each character of a"
        + " placeholder's value that is not allowed in topic names (anything but a-z, A-Z, 0-9, '.', '_' and"
        + " '-'; a character outside the BMP is replaced once). One of those allowed characters itself.";
    public static final String REPLACEMENT_CHAR_DEFAULT = "_";
    private static final String REPLACEMENT_CHAR_DISPLAY = "Replacement character";

    public static final String REQUIRED_PREFIX_CONFIG = "topic.required.prefix";
    public static final String REQUIRED_PREFIX_DOC = "If set, every topic name built from the template must start"
        + " with this text; records whose name does not are refused (see 'topic.allowed.regex'). With a template"
        + " such as ${value.tenant}, it keeps data from choosing topics outside a namespace.";
    private static final String REQUIRED_PREFIX_DISPLAY = "Required topic prefix";

    public static final String ALLOWED_REGEX_CONFIG = "topic.allowed.regex";
    public static final String ALLOWED_REGEX_DOC = "If set, a Java regular expression that every topic name built"
        + " from the template must match as a whole (orders-(eu|us|apac), say). A record whose name does not,"
        + " or does not start with 'topic.required.prefix', or is an internal name (starting with '_', such as"
        + " __consumer_offsets or _schemas, which are always refused), goes to 'fallback.topic' when"
        + " on.missing=fallback and fails otherwise, with an error naming the template's placeholders and the"
        + " (cut) name. 'fallback.topic' and the record's own topic (on.missing=keep) are not checked.";
    private static final String ALLOWED_REGEX_DISPLAY = "Allowed topics";

    private static final ConfigDef CONFIG_DEF = new ConfigDef()
        .define(TOPIC_TEMPLATE_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ValidTemplate(),
            Importance.HIGH, TOPIC_TEMPLATE_DOC, GROUP, 1, Width.LONG, TOPIC_TEMPLATE_DISPLAY)
        .define(ON_MISSING_CONFIG, Type.STRING, ON_MISSING_DEFAULT, ConfigChoice.validator(OnMissing.class),
            Importance.MEDIUM, ON_MISSING_DOC, GROUP, 2, Width.SHORT, ON_MISSING_DISPLAY,
                ConfigChoice.recommender(OnMissing.class))
        .define(FALLBACK_TOPIC_CONFIG, Type.STRING, null, new ValidTopicName(), Importance.MEDIUM,
            FALLBACK_TOPIC_DOC, GROUP, 3, Width.MEDIUM, FALLBACK_TOPIC_DISPLAY,
                VisibleWhen.keyIs(ON_MISSING_CONFIG, OnMissing.FALLBACK))
        .define(REPLACEMENT_CHAR_CONFIG, Type.STRING, REPLACEMENT_CHAR_DEFAULT, new ValidReplacement(),
            Importance.LOW, REPLACEMENT_CHAR_DOC, GROUP, 4, Width.SHORT, REPLACEMENT_CHAR_DISPLAY)
        .define(REQUIRED_PREFIX_CONFIG, Type.STRING, null, new ValidPrefix(), Importance.MEDIUM,
            REQUIRED_PREFIX_DOC, GROUP, 5, Width.MEDIUM, REQUIRED_PREFIX_DISPLAY)
        .define(ALLOWED_REGEX_CONFIG, Type.STRING, null, ConfigValidators.regex(), Importance.MEDIUM, ALLOWED_REGEX_DOC,
            GROUP, 6, Width.LONG, ALLOWED_REGEX_DISPLAY);

    private final TopicTemplate topicTemplate;
    private final OnMissing onMissing;

    public RouteByFieldConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals, false);
        this.topicTemplate = parseTemplate(TOPIC_TEMPLATE_CONFIG, getString(TOPIC_TEMPLATE_CONFIG));
        checkGate();
        this.onMissing = ConfigChoice.parse(OnMissing.class, ON_MISSING_CONFIG,
            getString(ON_MISSING_CONFIG));
        String fallback = getString(FALLBACK_TOPIC_CONFIG);
        if (onMissing == OnMissing.FALLBACK && fallback == null) {
            throw new ConfigException(FALLBACK_TOPIC_CONFIG, null, "a topic is required when " + ON_MISSING_CONFIG
                + "=" + OnMissing.FALLBACK.configValue());
        }
        if (onMissing != OnMissing.FALLBACK && fallback != null) {
            // Silently ignoring it would let users believe records go there.
            throw new ConfigException(FALLBACK_TOPIC_CONFIG, fallback, "is only used with " + ON_MISSING_CONFIG
                + "=" + OnMissing.FALLBACK.configValue() + "; set that or remove the topic");
        }
    }

    /** Templates whose every name would be refused are configuration errors, not a failure per record. */
    private void checkGate() {
        String literal = topicTemplate.literalPrefix();
        if (literal.startsWith("_")) {
            throw new ConfigException(TOPIC_TEMPLATE_CONFIG, topicTemplate.toString(), "starts with '_': every"
                + " name would be an internal topic name, and those are always refused");
        }
        String prefix = getString(REQUIRED_PREFIX_CONFIG);
        if (prefix != null && !literal.startsWith(prefix) && !prefix.startsWith(literal)) {
            throw new ConfigException(REQUIRED_PREFIX_CONFIG, prefix, "no name built from "
                + TOPIC_TEMPLATE_CONFIG + " '" + topicTemplate + "' can start with it");
        }
    }

    /** A copy of the definition of every setting, for {@code Transformation.config()} and documentation. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static TopicTemplate parseTemplate(String name, String text) {
        try {
            return TopicTemplate.parse(text);
        } catch (ConfigException e) {
            throw new ConfigException(name, text, e.getMessage());
        }
    }

    public TopicTemplate topicTemplate() {
        return topicTemplate;
    }

    public OnMissing onMissing() {
        return onMissing;
    }

    /** Present exactly when {@code on.missing=fallback}. */
    public Optional<String> fallbackTopic() {
        return Optional.ofNullable(getString(FALLBACK_TOPIC_CONFIG));
    }

    public char replacementChar() {
        return getString(REPLACEMENT_CHAR_CONFIG).charAt(0);
    }

    /** Which built names may be used: internal names never, and the optional prefix and pattern. */
    public TopicGate topicGate() {
        String regex = getString(ALLOWED_REGEX_CONFIG);
        return new TopicGate(getString(REQUIRED_PREFIX_CONFIG), regex == null ? null : Pattern.compile(regex));
    }

    /** The values of {@value #ON_MISSING_CONFIG}. */
    public enum OnMissing implements ConfigChoice {
        KEEP("keep"),
        FALLBACK("fallback"),
        FAIL("fail");

        private final String configValue;

        OnMissing(String configValue) {
            this.configValue = configValue;
        }

        @Override
        public String configValue() {
            return configValue;
        }
    }

    private static final class ValidTemplate implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null) {
                parseTemplate(name, (String) value);
            }
        }

        @Override
        public String toString() {
            return "literal text with ${topic}, ${key}, ${key.<field path>} or ${value.<field path>} placeholders";
        }
    }

    static final class ValidTopicName implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String topic = (String) value;
            if (topic == null) {
                return;
            }
            if (!TopicTemplate.isLegalTopicName(topic)) {
                throw new ConfigException(name, value, "not a legal topic name: 1 to 249 characters of a-z, A-Z,"
                    + " 0-9, '.', '_' and '-', other than '.' and '..'");
            }
        }

        @Override
        public String toString() {
            return "a legal topic name";
        }
    }

    private static final class ValidPrefix implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String prefix = (String) value;
            if (prefix == null) {
                return;
            }
            if (prefix.isEmpty() || prefix.length() > TopicTemplate.MAX_LENGTH
                || !prefix.chars().allMatch(c -> TopicTemplate.isLegal((char) c))) {
                throw new ConfigException(name, value, "must be 1 to 249 of the characters allowed in topic names:"
                    + " a-z, A-Z, 0-9, '.', '_' and '-'");
            }
            if (prefix.startsWith("_")) {
                throw new ConfigException(name, value, "names starting with '_' are internal topics and are always"
                    + " refused");
            }
        }

        @Override
        public String toString() {
            return "the start of a legal topic name, not starting with '_'";
        }
    }

    private static final class ValidReplacement implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = (String) value;
            if (text == null || text.length() != 1 || !TopicTemplate.isLegal(text.charAt(0))) {
                throw new ConfigException(name, value, "must be one of the characters allowed in topic names:"
                    + " a-z, A-Z, 0-9, '.', '_' or '-'");
            }
        }

        @Override
        public String toString() {
            return "one character of a-z, A-Z, 0-9, '.', '_', '-'";
        }
    }
}
