package dev.spillway.connect.common.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * An enum constant that is one value of a string setting, such as {@code mode=incrementing}.
 *
 * <p>Every config enum implements this and gets, from the static methods here, the parser, the
 * {@code ConfigDef} validator and the recommender that lists the choices, instead of repeating them.
 */
public interface ConfigChoice {

    /** The value as written in the configuration, such as {@code timestamp+incrementing}. */
    String configValue();

    /** The constant whose {@link #configValue()} is {@code value}; an exception naming {@code key} otherwise. */
    static <E extends Enum<E> & ConfigChoice> E parse(Class<E> type, String key, String value) {
        for (E choice : type.getEnumConstants()) {
            if (choice.configValue().equals(value)) {
                return choice;
            }
        }
        throw new ConfigException(key, value, "must be one of " + String.join(", ", values(type)));
    }

    /** Every value in declaration order, for docs and messages. */
    static <E extends Enum<E> & ConfigChoice> List<String> values(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(ConfigChoice::configValue).toList();
    }

    /** A validator that accepts exactly the values of {@code type} (and null where the key has no default). */
    static <E extends Enum<E> & ConfigChoice> ConfigDef.Validator validator(Class<E> type) {
        return ConfigDef.ValidString.in(values(type).toArray(String[]::new));
    }

    /** A recommender listing the values of {@code type}, so config UIs and {@code validate} can offer them. */
    static <E extends Enum<E> & ConfigChoice> ConfigDef.Recommender recommender(Class<E> type) {
        List<Object> choices = List.copyOf(values(type));
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
                return choices;
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsedConfig) {
                return true;
            }
        };
    }
}
