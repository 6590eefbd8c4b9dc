package dev.spillway.connect.jdbc.schema;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one column of the current row as the Connect value its schema expects (null for SQL NULL). */
@FunctionalInterface
public interface ColumnReader {
    Object read(ResultSet rs, int index) throws SQLException;
}
