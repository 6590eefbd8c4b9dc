package dev.spillway.connect.smt;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Single-key validators shared by the transforms' settings. */
final class ConfigValidators {

    private ConfigValidators() {
    }

    /** A Java regular expression, or unset. */
    static ConfigDef.Validator regex() {
        return new ValidRegex();
    }

    /** A string of exactly one code point. */
    static ConfigDef.Validator singleCharacter() {
        return new SingleCharacter();
    }

    private static final class SingleCharacter implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = (String) value;
            if (text == null || text.codePointCount(0, text.length()) != 1) {
                throw new ConfigException(name, value, "must be exactly one character");
            }
        }

        @Override
        public String toString() {
            return "a single character";
        }
    }

    private static final class ValidRegex implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            try {
                Pattern.compile((String) value);
            } catch (PatternSyntaxException e) {
                throw new ConfigException(name, value, "not a valid Java regular expression: "
                    + e.getDescription() + " near index " + e.getIndex());
            }
        }

        @Override
        public String toString() {
            return "a Java regular expression";
        }
    }
}
