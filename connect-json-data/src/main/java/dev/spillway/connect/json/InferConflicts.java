package dev.spillway.connect.json;

import dev.spillway.connect.common.config.ConfigChoice;

/** What schema inference does with types no single schema fits: fail, or keep the values as JSON strings. */
public enum InferConflicts implements ConfigChoice {
    FAIL("fail"),
    STRING("string");

    private final String configValue;

    InferConflicts(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
