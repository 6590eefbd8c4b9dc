package dev.spillway.connect.jdbc;

import dev.spillway.connect.common.config.ConfigChoice;

import java.util.List;

/** The {@code key.mode} setting: what the record key of a row is. */
public enum KeyMode implements ConfigChoice {
    NONE("none"),
    PK("pk"),
    COLUMNS("columns");

    private final String configValue;

    KeyMode(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }

    /** The key columns of a table: null for its primary key, which the reader looks up in the catalog. */
    List<String> tableKey(List<String> keyColumns) {
        return switch (this) {
            case PK -> null;
            case COLUMNS -> keyColumns;
            case NONE -> List.of();
        };
    }

    /** The key columns of the custom query, which has no primary key. */
    List<String> queryKey(List<String> keyColumns) {
        return this == COLUMNS ? keyColumns : List.of();
    }
}
