package dev.spillway.connect.jdbc.schema;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The value schema of one table or query (a Struct named after it) and the mapped columns that fill it, plus the
 * key schema for the configured key columns (null when records carry no key). Built once per result shape.
 */
public final class RowSchema {

    private final String source;
    private final Schema valueSchema;
    private final List<Column> columns;
    private final Schema keySchema;
    private final List<String> keyColumns;

    private final SchemaNames names;

    RowSchema(String source, SchemaNames names, Schema valueSchema, List<Column> columns, List<String> keyColumns) {
        this.source = source;
        this.names = names;
        this.valueSchema = valueSchema;
        this.columns = List.copyOf(columns);
        this.keyColumns = List.copyOf(keyColumns);
        this.keySchema = keyColumns.isEmpty() ? null : buildKeySchema();
    }

    private Schema buildKeySchema() {
        SchemaBuilder builder = SchemaBuilder.struct().name(names.keyName());
        for (String column : keyColumns) {
            Field field = valueSchema.field(column);
            if (field == null) {
                throw new ConnectException("Key column '" + column + "' is not a column of " + source
                    + " (columns: " + columns.stream().map(Column::name).toList() + "): fix key.columns");
            }
            builder.field(column, field.schema());
        }
        return builder.build();
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    public Schema keySchema() {
        return keySchema;
    }

    public List<Column> columns() {
        return columns;
    }

    public boolean hasColumn(String name) {
        return valueSchema.field(name) != null;
    }

    /** The current row as a value Struct. */
    public Struct value(ResultSet rs) throws SQLException {
        Struct struct = new Struct(valueSchema);
        for (Column column : columns) {
            Object value = column.reader().read(rs, column.index());
            try {
                struct.put(column.name(), value);
            } catch (DataException e) {
                throw new DataException("Column '" + column.name() + "' of " + source + ": " + e.getMessage(), e);
            }
        }
        return struct;
    }

    /** The key Struct of a value, or null when records carry no key. */
    public Struct key(Struct value) {
        if (keySchema == null) {
            return null;
        }
        Struct key = new Struct(keySchema);
        for (String column : keyColumns) {
            key.put(column, value.get(column));
        }
        return key;
    }
}
