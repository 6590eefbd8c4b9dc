package dev.spillway.connect.jdbc;

import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.schema.SchemaNames;

/**
 * The {@code table.naming} setting: the name a table goes by downstream, in its topic and its value schema. Only
 * these names change; the source partition (and so the stored offset) always names schema.table.
 */
public enum TableNaming implements ConfigChoice {
    /** schema.table (database.table on MariaDB/MySQL): unique within the database. */
    SCHEMA_TABLE("schema.table"),
    /** The bare table name, as Confluent's JDBC source names topics and value schemas. */
    TABLE("table");

    private final String configValue;

    TableNaming(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }

    /** The table's topic under {@code prefix}. */
    String topic(String prefix, TableId table) {
        return prefix + (this == TABLE ? table.name() : table.qualified());
    }

    /** The table's value and key schema names. */
    SchemaNames schemaNames(TableId table) {
        return SchemaNames.forTable(this == TABLE ? null : table.schema(), table.name());
    }
}
