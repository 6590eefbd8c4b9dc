package dev.spillway.connect.jdbc.schema;

import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * How one column type is sent: its Connect schema, how to read it, and whether the database can hold values of
 * it that the schema cannot ({@link UnrepresentableValueException}); such columns become optional when those
 * values are sent as null.
 */
record Mapped(SchemaBuilder schema, ColumnReader reader, boolean mayBeUnrepresentable) {

    Mapped(SchemaBuilder schema, ColumnReader reader) {
        this(schema, reader, false);
    }
}
