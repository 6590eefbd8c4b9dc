package dev.spillway.connect.jdbc.dialect;

import dev.spillway.connect.jdbc.schema.ColumnTypes;

import java.sql.ResultSetMetaData;

/**
 * MariaDB/MySQL types whose JDBC type code misleads: the driver reports TINYINT(1) as BOOLEAN under its default
 * tinyInt1isBit, though it holds -128 to 127 (or 255), and YEAR as a DATE. Its type names are upper-case.
 */
final class MariaDbColumnTypes implements ColumnTypes {

    static final MariaDbColumnTypes INSTANCE = new MariaDbColumnTypes();

    private MariaDbColumnTypes() {
    }

    @Override
    public NamedType byName(String typeName, int precision, boolean signed) {
        return switch (typeName) {
            case "BOOLEAN" -> signed ? NamedType.INT8 : NamedType.INT16;
            // YEAR holds 0 and 1901-2155: a number, not a date (year 0 has no date at all).
            case "YEAR" -> NamedType.INT16;
            default -> null;
        };
    }

    /**
     * MariaDB Connector/J formats a DATETIME/TIMESTAMP's text from the very {@code LocalDateTime} it returns
     * (shifted into the JVM's zone the same way for both), so its typed value is exact; about a tenth of a task's
     * time went into that formatting and the parsing after it. Not MySQL Connector/J, whose typed getters follow
     * other settings.
     */
    @Override
    public boolean readsLocalTimestampsTyped(ResultSetMetaData md) {
        return md.getClass().getName().startsWith("org.mariadb.jdbc.");
    }

    /** UUID (MariaDB 10.7+) comes with no JDBC type code the mapper knows (OTHER); its text is exact. */
    @Override
    public boolean isText(String lowerCaseName) {
        return lowerCaseName.equals("uuid");
    }
}
