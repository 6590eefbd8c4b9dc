package dev.spillway.connect.smt;

import dev.spillway.connect.common.config.ConfigChoice;


/** The values of {@value MaskConfig#MISSING_FIELD_ACTION_CONFIG}: what Mask does when a listed field is missing. */
public enum MissingFieldAction implements ConfigChoice {
    /** Pass the record on (and count the miss). */
    IGNORE("ignore"),
    /** Fail the record, naming the field path (and count the miss). */
    FAIL("fail");

    private final String configValue;

    MissingFieldAction(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
