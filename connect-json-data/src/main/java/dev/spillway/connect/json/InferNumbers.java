package dev.spillway.connect.json;

import dev.spillway.connect.common.config.ConfigChoice;

/** What inferred JSON numbers that are not 64-bit integers become: {@code FLOAT64}, or exact {@code Decimal}s. */
public enum InferNumbers implements ConfigChoice {
    FLOAT64("float64"),
    DECIMAL("decimal");

    private final String configValue;

    InferNumbers(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
