package dev.spillway.connect.jdbc.schema;

import dev.spillway.connect.common.config.ConfigChoice;
import org.apache.kafka.connect.data.SchemaBuilder;

import java.sql.ResultSet;
import java.util.Locale;

/** How PostgreSQL array columns are sent; MariaDB has no array type. */
public enum ArrayMapping implements ConfigChoice {
    /**
     * A Connect ARRAY of the element type ({@link ArrayMapper}): one dimension, lower bound 1. Any array column may
     * hold other shapes, which are then unrepresentable values.
     */
    ARRAY,
    /** The database's text of the whole array ({@code {{1,2},{3,4}}}, {@code [0:1]={7,8}}): exact for every value. */
    STRING;

    public static ArrayMapping parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The schema and reader of an array column whose driver type name is {@code type}. */
    Mapped map(String type) {
        // getString is the server's text: the PostgreSQL dialect keeps results in the text format.
        return this == STRING ? new Mapped(SchemaBuilder.string(), ResultSet::getString) : ArrayMapper.map(type);
    }
}
