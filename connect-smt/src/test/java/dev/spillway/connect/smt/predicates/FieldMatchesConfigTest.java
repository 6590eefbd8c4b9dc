package dev.spillway.connect.smt.predicates;

import dev.spillway.connect.smt.field.FieldPath;
import dev.spillway.connect.smt.predicates.FieldMatchesConfig.Operator;
import dev.spillway.connect.smt.predicates.FieldMatchesConfig.Target;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldMatchesConfigTest {

    private static FieldMatchesConfig config(String... keysAndValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new FieldMatchesConfig(props);
    }

    @Test
    void readsEverySetting() {
        FieldMatchesConfig config = config("target", "key", "field", "a.`b.c`", "operator", "regex", "value", "x+");

        assertThat(config.target()).isEqualTo(Target.KEY);
        assertThat(config.field()).isEqualTo(FieldPath.parse("a.`b.c`"));
        assertThat(config.operator()).isEqualTo(Operator.REGEX);
        assertThat(config.expectedValue()).contains("x+");
        assertThat(config.regex()).hasValueSatisfying(regex -> assertThat(regex.pattern()).isEqualTo("x+"));
        assertThat(config.expectedValues()).isEmpty();

        FieldMatchesConfig in = config("field", "a", "operator", "in", "values", "x, y");
        assertThat(in.target()).isEqualTo(Target.VALUE);
        assertThat(in.expectedValues()).containsExactly("x", "y");
        assertThat(in.regex()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing field|operator|null|||field|Missing required configuration \"field\"",
        "bad field|field|a..b|operator|null|field|empty field name",
        "bad operator|field|a|operator|like|operator|String must be one of",
        "bad target|field|a|target|header|target|String must be one of",
        "equals without value|field|a|operator|equals|value|a value is required when operator=equals",
        "regex without value|field|a|operator|regex|value|a value is required when operator=regex",
        "in without values|field|a|operator|in|values|at least one value is required",
    })
    void rejectsInvalidSettingsNamingTheKey(String description, String key1, String value1, String key2,
                                            String value2, String failingKey, String problem) {
        Map<String, String> props = new HashMap<>();
        props.put(key1, value1);
        if (key2 != null) {
            props.put(key2, value2);
        }
        if (!props.containsKey("operator")) {
            props.put("operator", "null");
        }
        assertThatThrownBy(() -> new FieldMatchesConfig(props))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(failingKey)
            .hasMessageContaining(problem);
    }

    @Test
    void rejectsInvalidRegexes() {
        assertThatThrownBy(() -> config("field", "a", "operator", "regex", "value", "(oops"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration value")
            .hasMessageContaining("not a valid Java regular expression");
    }

    @Test
    void rejectsSettingsTheOperatorIgnores() {
        assertThatThrownBy(() -> config("field", "a", "operator", "null", "value", "x"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration value")
            .hasMessageContaining("is not used with operator=null");
        assertThatThrownBy(() -> config("field", "a", "operator", "equals", "value", "x", "values", "y"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration values");
        assertThatThrownBy(() -> config("field", "a", "operator", "in", "values", "y", "value", "x"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration value");
    }

    @Test
    void documentsAndGroupsEverySetting() {
        ConfigDef def = FieldMatchesConfig.configDef();
        assertThat(def.configKeys().values()).allSatisfy(key -> {
            assertThat(key.documentation).isNotBlank();
            assertThat(key.group).isNotBlank();
            assertThat(key.orderInGroup).isPositive();
        });
    }
}
