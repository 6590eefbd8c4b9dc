package dev.spillway.connect.common.config;

import java.util.Objects;

import org.apache.kafka.common.config.ConfigException;

/**
 * A setting that is wrong given the others: the key it is attached to (so a connector's {@code validate()} can put
 * the message on that key's {@code ConfigValue}) and a one-line message that never quotes a secret.
 */
public record Problem(String key, String message) {

    public Problem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    /** The problem as the exception {@code start()} throws: "Invalid value for configuration KEY: MESSAGE". */
    public ConfigException toException() {
        return new ConfigException("Invalid value for configuration " + key + ": " + message);
    }

    @Override
    public String toString() {
        return key + ": " + message;
    }
}
