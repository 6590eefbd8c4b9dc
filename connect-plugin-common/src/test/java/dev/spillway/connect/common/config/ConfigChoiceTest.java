package dev.spillway.connect.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ConfigChoiceTest {

    enum Colour implements ConfigChoice {
        DARK_RED("dark-red"), BLUE("blue"), PINK("pink");

        private final String configValue;

        Colour(String configValue) {
            this.configValue = configValue;
        }

        @Override
        public String configValue() {
            return configValue;
        }
    }

    @Test
    void parsesByConfigValueNotByName() {
        assertThat(ConfigChoice.parse(Colour.class, "colour", "dark-red")).isEqualTo(Colour.DARK_RED);
        assertThatThrownBy(() -> ConfigChoice.parse(Colour.class, "colour", "DARK_RED"))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value DARK_RED for configuration colour: must be one of dark-red, blue, pink");
    }

    @Test
    void parserAndValidatorAcceptAnyCase() {
        assertThat(ConfigChoice.parse(Colour.class, "colour", "BLUE")).isEqualTo(Colour.BLUE);
        assertThat(ConfigChoice.parse(Colour.class, "colour", "Dark-Red")).isEqualTo(Colour.DARK_RED);
        ConfigDef.Validator validator = ConfigChoice.validator(Colour.class);
        validator.ensureValid("colour", "BLUE");
        validator.ensureValid("colour", "dArK-rEd");
        assertThatThrownBy(() -> validator.ensureValid("colour", "DARK_RED"))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value DARK_RED for configuration colour: String must be one of: dark-red, blue, pink");
        assertThatThrownBy(() -> validator.ensureValid("colour", null)).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> ConfigChoice.parse(Colour.class, "colour", null))
            .isInstanceOf(ConfigException.class);
        assertThat(validator).hasToString("[dark-red, blue, pink], in any case");
    }

    @Test
    void caseDoesNotDependOnTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            // Turkish lower-cases I to a dotless i, and upper-cases i to a dotted I.
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(ConfigChoice.parse(Colour.class, "colour", "PINK")).isEqualTo(Colour.PINK);
            ConfigChoice.validator(Colour.class).ensureValid("colour", "PINK");
            assertThatThrownBy(() -> ConfigChoice.parse(Colour.class, "colour", "p\u0131nk"))
                .isInstanceOf(ConfigException.class);
            assertThatThrownBy(() -> ConfigChoice.parse(Colour.class, "colour", "P\u0130NK"))
                .isInstanceOf(ConfigException.class);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void validatorAndRecommenderListTheValuesInOrder() {
        assertThat(ConfigChoice.values(Colour.class)).containsExactly("dark-red", "blue", "pink");
        ConfigChoice.validator(Colour.class).ensureValid("colour", "blue");
        assertThatThrownBy(() -> ConfigChoice.validator(Colour.class).ensureValid("colour", "green"))
            .isInstanceOf(ConfigException.class);
        ConfigDef.Recommender recommender = ConfigChoice.recommender(Colour.class);
        assertThat(recommender.validValues("colour", Map.of())).containsExactly("dark-red", "blue", "pink");
        assertThat(recommender.visible("colour", Map.of())).isTrue();
    }

    @Test
    void visibleWhenFollowsTheOtherKey() {
        VisibleWhen recommender = VisibleWhen.keyIs("colour", Colour.BLUE).listing(Colour.class);
        assertThat(recommender.visible("shade", Map.of("colour", "blue"))).isTrue();
        assertThat(recommender.visible("shade", Map.of("colour", "BLUE"))).isTrue();
        assertThat(recommender.visible("shade", Map.of("colour", "dark-red"))).isFalse();
        assertThat(recommender.visible("shade", Map.of())).isFalse();
        assertThat(recommender.validValues("shade", Map.of())).containsExactly("dark-red", "blue", "pink");
    }

    @Test
    void problemBecomesAnExceptionNamingItsKey() {
        assertThat(new Problem("mode", "needs a column").toException())
            .hasMessage("Invalid value for configuration mode: needs a column");
    }
}
