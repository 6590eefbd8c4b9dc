package dev.spillway.connect.smt.predicates;

import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.common.config.VisibleWhen;
import dev.spillway.connect.smt.field.FieldPath;
import dev.spillway.connect.smt.field.FieldPathValidator;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Configuration of the {@link FieldMatches} predicate.
 */
public final class FieldMatchesConfig extends AbstractConfig {

    private static final String GROUP = "Condition";

    public static final String TARGET_CONFIG = "target";
    public static final String TARGET_DOC = "Whether 'field' is looked up in the record 'key' or 'value'.";
    public static final String TARGET_DEFAULT = Target.VALUE.configValue();
    private static final String TARGET_DISPLAY = "Target";

    public static final String FIELD_CONFIG = "field";
    public static final String FIELD_DOC = "Path of the field to test, such as customer.address.country,"
        + " `order.id` (a name containing a dot), attributes.color (a map entry) or items[*].sku (every array"
        + " element: the record matches if any element does). See docs/smt/field-paths.md.";
    private static final String FIELD_DISPLAY = "Field";

    public static final String OPERATOR_CONFIG = "operator";
    public static final String OPERATOR_DOC = "The test. 'equals': the field's text equals 'value'. 'regex': the"
        + " field's whole text matches the Java regular expression in 'value'. 'in': the field's text is one of"
        + " 'values'. 'null': the field is null or absent (including when the key or value itself is null)."
        + " 'not.null': the field is present and not null. The text of a field is its canonical form: strings as"
        + " they are, numbers as plain decimals without exponent or trailing zeros (42.0 is 42), booleans as"
        + " true/false, Date/Time/Timestamp in ISO-8601 (UTC), bytes in Base64. Structs, maps and arrays have no"
        + " text and never match 'equals', 'regex' or 'in'.";
    private static final String OPERATOR_DISPLAY = "Operator";

    public static final String VALUE_CONFIG = "value";
    public static final String VALUE_DOC = "For operator=equals, the text to compare with; for operator=regex, the"
        + " regular expression the whole text must match.";
    private static final String VALUE_DISPLAY = "Value";

    public static final String VALUES_CONFIG = "values";
    public static final String VALUES_DOC = "For operator=in, the comma-separated texts to compare with.";
    private static final String VALUES_DISPLAY = "Values";

    private static final ConfigDef CONFIG_DEF = new ConfigDef()
        .define(TARGET_CONFIG, Type.STRING, TARGET_DEFAULT, ConfigChoice.validator(Target.class),
            Importance.MEDIUM, TARGET_DOC, GROUP, 1, Width.SHORT, TARGET_DISPLAY,
                ConfigChoice.recommender(Target.class))
        .define(FIELD_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, FieldPathValidator.single(),
            Importance.HIGH, FIELD_DOC, GROUP, 2, Width.LONG, FIELD_DISPLAY)
        .define(OPERATOR_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
            ConfigChoice.validator(Operator.class), Importance.HIGH, OPERATOR_DOC, GROUP, 3,
            Width.SHORT, OPERATOR_DISPLAY,
                ConfigChoice.recommender(Operator.class))
        .define(VALUE_CONFIG, Type.STRING, null, Importance.HIGH, VALUE_DOC, GROUP, 4, Width.LONG, VALUE_DISPLAY,
                VisibleWhen.keyIs(OPERATOR_CONFIG, Operator.EQUALS, Operator.REGEX))
        .define(VALUES_CONFIG, Type.LIST, null, Importance.HIGH, VALUES_DOC, GROUP, 5, Width.LONG,
            VALUES_DISPLAY,
                VisibleWhen.keyIs(OPERATOR_CONFIG, Operator.IN));

    private final Target target;
    private final FieldPath field;
    private final Operator operator;
    private final Pattern regex;

    public FieldMatchesConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals, false);
        this.target = ConfigChoice.parse(Target.class, TARGET_CONFIG,
            getString(TARGET_CONFIG));
        this.field = FieldPath.parse(getString(FIELD_CONFIG));
        this.operator = ConfigChoice.parse(Operator.class, OPERATOR_CONFIG,
            getString(OPERATOR_CONFIG));
        this.regex = operator == Operator.REGEX ? compile(requiredValue()) : null;
        validateCombinations();
    }

    /** A copy of the definition of every setting, for {@code Predicate.config()} and documentation. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private void validateCombinations() {
        String value = getString(VALUE_CONFIG);
        List<String> values = expectedValues();
        switch (operator) {
            case EQUALS, REGEX -> {
                requiredValue();
                if (!values.isEmpty()) {
                    throw unused(VALUES_CONFIG, values);
                }
            }
            case IN -> {
                if (values.isEmpty()) {
                    throw new ConfigException(VALUES_CONFIG, values, "at least one value is required when "
                        + OPERATOR_CONFIG + "=" + Operator.IN.configValue());
                }
                if (value != null) {
                    throw unused(VALUE_CONFIG, value);
                }
            }
            case NULL, NOT_NULL -> {
                if (value != null) {
                    throw unused(VALUE_CONFIG, value);
                }
                if (!values.isEmpty()) {
                    throw unused(VALUES_CONFIG, values);
                }
            }
        }
    }

    private String requiredValue() {
        String value = getString(VALUE_CONFIG);
        if (value == null) {
            throw new ConfigException(VALUE_CONFIG, null, "a value is required when " + OPERATOR_CONFIG + "="
                + operator.configValue());
        }
        return value;
    }

    /** Ignoring a setting silently would hide a misunderstanding of the operator. */
    private ConfigException unused(String name, Object value) {
        return new ConfigException(name, value, "is not used with " + OPERATOR_CONFIG + "="
            + operator.configValue() + "; remove it");
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(VALUE_CONFIG, regex, "not a valid Java regular expression: "
                + e.getDescription() + " near index " + e.getIndex());
        }
    }

    public Target target() {
        return target;
    }

    public FieldPath field() {
        return field;
    }

    public Operator operator() {
        return operator;
    }

    /** The text for {@code equals}, or the regular expression's source for {@code regex}. */
    public Optional<String> expectedValue() {
        return Optional.ofNullable(getString(VALUE_CONFIG));
    }

    /** The texts for {@code in}; empty for other operators. */
    public List<String> expectedValues() {
        List<String> values = getList(VALUES_CONFIG);
        return values != null ? List.copyOf(values) : List.of();
    }

    /** The compiled regular expression, for {@code regex}. */
    public Optional<Pattern> regex() {
        return Optional.ofNullable(regex);
    }

    /** The values of {@value #TARGET_CONFIG}. */
    public enum Target implements ConfigChoice {
        KEY("key"),
        VALUE("value");

        private final String configValue;

        Target(String configValue) {
            this.configValue = configValue;
        }

        @Override
        public String configValue() {
            return configValue;
        }
    }

    /** The values of {@value #OPERATOR_CONFIG}. */
    public enum Operator implements ConfigChoice {
        EQUALS("equals"),
        REGEX("regex"),
        IN("in"),
        NULL("null"),
        NOT_NULL("not.null");

        private final String configValue;

        Operator(String configValue) {
            this.configValue = configValue;
        }

        @Override
        public String configValue() {
            return configValue;
        }
    }
}
