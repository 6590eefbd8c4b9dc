package dev.spillway.connect.smt;

import org.apache.kafka.common.config.ConfigException;

import java.util.Arrays;

/** The values of {@value MaskConfig#MISSING_FIELD_ACTION_CONFIG}: what Mask does when a listed field is missing. */
public enum MissingFieldAction {
    /** Pass the record on (and count the miss). */
    IGNORE("ignore"),
    /** Fail the record, naming the field path (and count the miss). */
    FAIL("fail");

    private final String configValue;

    MissingFieldAction(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    static MissingFieldAction fromConfig(String value) {
        return Arrays.stream(values())
            .filter(action -> action.configValue.equals(value))
            .findFirst()
            .orElseThrow(() -> new ConfigException(MaskConfig.MISSING_FIELD_ACTION_CONFIG, value, "unknown action"));
    }

    static String[] configValues() {
        return Arrays.stream(values()).map(MissingFieldAction::configValue).toArray(String[]::new);
    }
}
