package dev.spillway.connect.jdbc.schema;

import org.apache.kafka.connect.errors.ConnectException;

/** A column whose type has no Connect mapping; the message names table, column and type, and the way out. */
public final class UnsupportedColumnException extends ConnectException {

    /** @param keyColumn whether the column is part of the record key, which is never dropped */
    public UnsupportedColumnException(String source, String column, String typeName, int jdbcType,
                                      boolean keyColumn) {
        super("Column '" + column + "' of " + source + " has type " + typeName + " (java.sql.Types " + jdbcType
            + "), which has no Connect mapping. Cast it in a custom 'query', leave the table out, or "
            + (keyColumn ? "choose a key without it (key.mode=columns with key.columns, or key.mode=none): a key"
                + " column is never dropped." : "set column.unsupported.action=skip to drop such columns."));
    }
}
