package dev.spillway.connect.jdbc;

import dev.spillway.connect.common.config.ConfigChoice;

/** Where an incremental mode starts when no offset is stored. */
public enum InitialPosition implements ConfigChoice {
    /** Every row. */
    EARLIEST("earliest"),
    /** Rows written from the connector's first start on. */
    NOW("now");

    private final String configValue;

    InitialPosition(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
