package dev.spillway.connect.jdbc.discovery;

import dev.spillway.connect.common.config.ConfigChoice;
import java.util.Locale;

/** The kinds of relation the connector can read; a PostgreSQL partitioned table counts as a {@link #TABLE}. */
public enum TableType implements ConfigChoice {
    TABLE, VIEW;

    public static TableType parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public String configValue() {
        return name();
    }
}
