package dev.spillway.connect.common.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * An enum constant that is one value of a string setting, such as {@code mode=incrementing}.
 *
 * <p>Every config enum implements this and gets, from the static methods here, the parser, the
 * {@code ConfigDef} validator and the recommender that lists the choices, instead of repeating them.
 *
 * <p>Values are matched in any case ({@code REWRITE} is {@code rewrite}), as some of Kafka's settings (such as
 * {@code security.protocol}) and Debezium's are; docs, messages and recommenders show each value as
 * {@link #configValue()} spells it.
 */
public interface ConfigChoice {

    /** The value as written in the configuration, such as {@code timestamp+incrementing}. */
    String configValue();

    /** Whether {@code value} names this choice, in any case; false for null. */
    default boolean matches(String value) {
        return value != null && fold(configValue()).equals(fold(value));
    }

    /** The constant that {@code value} names, in any case; an exception naming {@code key} otherwise. */
    static <E extends Enum<E> & ConfigChoice> E parse(Class<E> type, String key, String value) {
        for (E choice : type.getEnumConstants()) {
            if (choice.matches(value)) {
                return choice;
            }
        }
        throw new ConfigException(key, value, "must be one of " + String.join(", ", values(type)));
    }

    /** Every value in declaration order, for docs and messages. */
    static <E extends Enum<E> & ConfigChoice> List<String> values(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(ConfigChoice::configValue).toList();
    }

    /** A validator that accepts the values of {@code type} in any case, and nothing else (not null either). */
    static <E extends Enum<E> & ConfigChoice> ConfigDef.Validator validator(Class<E> type) {
        List<E> choices = List.of(type.getEnumConstants());
        List<String> values = values(type);
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String text = value instanceof String string ? string : null;
                if (choices.stream().noneMatch(choice -> choice.matches(text))) {
                    throw new ConfigException(name, value, "String must be one of: " + String.join(", ", values));
                }
            }

            @Override
            public String toString() {
                return "[" + String.join(", ", values) + "], in any case";
            }
        };
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

    /**
     * Lower case by {@link Locale#ROOT}, so that matching does not depend on the worker's locale (a Turkish default
     * locale would lower-case {@code I} to a dotless {@code ı}).
     */
    private static String fold(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
