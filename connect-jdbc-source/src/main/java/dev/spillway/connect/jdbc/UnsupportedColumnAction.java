package dev.spillway.connect.jdbc;

import dev.spillway.connect.common.config.ConfigChoice;

/** The {@code column.unsupported.action} setting: what happens to a column whose type has no Connect mapping. */
public enum UnsupportedColumnAction implements ConfigChoice {
    FAIL("fail"),
    SKIP("skip");

    private final String configValue;

    UnsupportedColumnAction(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
