package dev.spillway.connect.jdbc.schema;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The value schema of one table or query (a Struct named after it) and the mapped columns that fill it, plus the
 * key schema for the configured key columns (null when records carry no key). Built once per result shape.
 */
public final class RowSchema {

    /** Followed by the column's name: the header of a value sent as null because its type cannot hold it. */
    public static final String UNREPRESENTABLE_HEADER_PREFIX = "spillway.unrepresentable.";

    private final String source;
    private final Schema valueSchema;
    private final List<Column> columns;
    private final Schema keySchema;
    private final List<String> keyColumns;
    /** The value field of each column, by position: resolved once, not by name for every row. */
    private final Field[] valueFields;
    /** The key's fields and, by position, the value fields they copy. */
    private final Field[] keyFields;
    private final Field[] keySources;

    private final SchemaNames names;

    RowSchema(String source, SchemaNames names, Schema valueSchema, List<Column> columns, List<String> keyColumns) {
        this.source = source;
        this.names = names;
        this.valueSchema = valueSchema;
        this.columns = List.copyOf(columns);
        this.keyColumns = List.copyOf(keyColumns);
        this.keySchema = keyColumns.isEmpty() ? null : buildKeySchema();
        this.valueFields = new Field[this.columns.size()];
        for (int i = 0; i < valueFields.length; i++) {
            valueFields[i] = valueSchema.field(this.columns.get(i).name());
        }
        this.keyFields = keySchema == null ? new Field[0] : keySchema.fields().toArray(new Field[0]);
        this.keySources = new Field[keyFields.length];
        for (int i = 0; i < keyFields.length; i++) {
            keySources[i] = valueSchema.field(keyFields[i].name());
        }
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

    /**
     * The current row as a value Struct, its key Struct (null without key columns) and its headers. A value its column's Connect type cannot hold is sent
     * as null with a header when the column allows that, else fails the row with one line naming the source, the
     * column, the row's key and the value.
     */
    public RowValue row(ResultSet rs) throws SQLException {
        Struct struct = new Struct(valueSchema);
        ConnectHeaders headers = null;
        Column failed = null;
        UnrepresentableValueException failure = null;
        for (int c = 0; c < valueFields.length; c++) {
            Column column = columns.get(c);
            Object value;
            try {
                value = column.reader().read(rs, column.index());
            } catch (UnrepresentableValueException e) {
                value = null;
                if (!column.nullsUnrepresentable()) {
                    // Read on, so that the error can name the row's key.
                    if (failure == null) {
                        failed = column;
                        failure = e;
                    }
                    continue;
                }
                if (headers == null) {
                    headers = new ConnectHeaders();
                }
                headers.addString(UNREPRESENTABLE_HEADER_PREFIX + column.name(), e.text());
            } catch (RuntimeException e) {
                throw new DataException("Column '" + column.name() + "' of " + source + ": cannot read the value: "
                    + e, e);
            }
            try {
                struct.put(valueFields[c], value);
            } catch (DataException e) {
                throw new DataException("Column '" + column.name() + "' of " + source + ": " + e.getMessage(), e);
            }
        }
        if (failure != null) {
            throw new DataException("Column '" + failed.name() + "' of " + source + ", " + keyText(struct, failed,
                failure) + ": the value '" + failure.text() + "' cannot be sent as " + typeName(failed.schema())
                + ": " + failure.getMessage() + ". Set value.unrepresentable.action=null to send it as null with a"
                + " header, or choose a mapping that holds it (numeric.mapping=string, time.precision.mode=string,"
                + " array.mapping=string) or cast the column in a custom 'query'.");
        }
        return new RowValue(struct, key(struct), headers);
    }

    private String keyText(Struct struct, Column failed, UnrepresentableValueException failure) {
        if (keyColumns.isEmpty()) {
            return "a row without key";
        }
        StringBuilder text = new StringBuilder("key ");
        for (String column : keyColumns) {
            Object value = column.equals(failed.name()) ? failure.text() : struct.get(column);
            text.append(text.length() > 4 ? ", " : "").append(column).append('=').append(value);
        }
        return text.toString();
    }

    private static String typeName(Schema schema) {
        return schema.name() != null ? schema.name() : schema.type().toString();
    }

    /**
     * The key Struct of a value, or null when records carry no key: the value's own objects (immutable) in the
     * key's fields, by position, with no lookup by name.
     */
    Struct key(Struct value) {
        if (keySchema == null) {
            return null;
        }
        Struct key = new Struct(keySchema);
        for (int i = 0; i < keyFields.length; i++) {
            key.put(keyFields[i], value.get(keySources[i]));
        }
        return key;
    }
}
