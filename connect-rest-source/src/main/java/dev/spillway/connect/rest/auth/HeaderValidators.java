package dev.spillway.connect.rest.auth;

import dev.spillway.connect.rest.net.HeaderChecks;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Validators of the settings that become request headers. */
final class HeaderValidators {

    private HeaderValidators() {
    }

    static final class Name implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            HeaderChecks.nameProblem((String) value).ifPresent(problem -> {
                throw new ConfigException(name, value, problem);
            });
        }

        @Override
        public String toString() {
            return "an HTTP header name, not a hop-by-hop or restricted one (Host, Connection, Content-Length, ...)";
        }
    }

    /** A secret sent in a request header: no line breaks or control characters. The value is never quoted. */
    static final class SecretValue implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value instanceof Password password) {
                HeaderChecks.valueProblem(password.value()).ifPresent(problem -> {
                    // ConfigException prints a Password as [hidden].
                    throw new ConfigException(name, password, problem);
                });
            }
        }

        @Override
        public String toString() {
            return "a value without line breaks or control characters";
        }
    }
}
