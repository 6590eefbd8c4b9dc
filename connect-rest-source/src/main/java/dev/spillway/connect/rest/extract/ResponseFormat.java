package dev.spillway.connect.rest.extract;

import dev.spillway.connect.common.config.ConfigChoice;

/** How items are laid out in a response body ({@code records.format}). */
public enum ResponseFormat implements ConfigChoice {
    /** One JSON document; the items are the array at {@code records.pointer}. */
    JSON("json"),
    /** JSON Lines / NDJSON: one item per line (any JSON value), as bulk exports send them. */
    NDJSON("ndjson");

    private final String configValue;

    ResponseFormat(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
