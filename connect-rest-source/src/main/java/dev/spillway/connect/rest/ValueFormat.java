package dev.spillway.connect.rest;

import dev.spillway.connect.common.config.ConfigChoice;

import java.util.Locale;

/** The values of {@code value.format}: what a record's value is made of. */
public enum ValueFormat implements ConfigChoice {
    /** The item's JSON text, byte for byte, with a STRING schema. */
    JSON_STRING,
    /** The item as Map/List without a schema. */
    SCHEMALESS,
    /** The item as a Struct whose schema is inferred from its shape, as ParseJson infers it. */
    STRUCT;

    @Override
    public String configValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
