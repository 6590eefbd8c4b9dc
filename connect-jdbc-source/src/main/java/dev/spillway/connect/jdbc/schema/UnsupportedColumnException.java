package dev.spillway.connect.jdbc.schema;

import org.apache.kafka.connect.errors.ConnectException;

/** A column whose type has no Connect mapping; the message names table, column and type, and the way out. */
public final class UnsupportedColumnException extends ConnectException {

    public UnsupportedColumnException(String source, String column, String typeName, int jdbcType) {
        super("Column '" + column + "' of " + source + " has type " + typeName + " (java.sql.Types " + jdbcType
            + "), which has no Connect mapping. Cast it in a custom 'query', leave the table out, or set"
            + " column.unsupported.action=skip to drop such columns.");
    }
}
