package dev.spillway.connect.jdbc.schema;

import java.sql.ResultSetMetaData;

/**
 * A dialect's hook into {@link ColumnMapper}: the types its driver reports with a JDBC type code that maps them
 * wrongly, or with none, recognised by the type name the driver reports.
 */
public interface ColumnTypes {

    /** No type known by name: every column goes by its JDBC type code. */
    ColumnTypes STANDARD = new ColumnTypes() {
    };

    /**
     * How a column of type {@code typeName} (as the driver reports it) is mapped whatever its JDBC type code, or
     * null to go by the code.
     */
    default NamedType byName(String typeName, int precision, boolean signed) {
        return null;
    }

    /** True for a type whose JDBC type code maps to nothing that is sent as the database's text of it. */
    default boolean isText(String lowerCaseName) {
        return false;
    }

    /** True if a NUMERIC/DECIMAL column of this type can hold NaN and ±Infinity. */
    default boolean hasSpecialNumbers(String lowerCaseName) {
        return false;
    }

    /**
     * True if, for the result {@code md} describes, the driver's {@code getObject(i, LocalDateTime.class)} of a
     * TIMESTAMP column is, whenever it is not null, exactly the value the column's text names, so that the text
     * need not be read (see {@link TemporalMapper}).
     */
    default boolean readsLocalTimestampsTyped(ResultSetMetaData md) {
        return false;
    }

    /** The types of both, {@code first} asked first. */
    static ColumnTypes both(ColumnTypes first, ColumnTypes second) {
        return new ColumnTypes() {
            @Override
            public NamedType byName(String typeName, int precision, boolean signed) {
                NamedType named = first.byName(typeName, precision, signed);
                return named != null ? named : second.byName(typeName, precision, signed);
            }

            @Override
            public boolean isText(String lowerCaseName) {
                return first.isText(lowerCaseName) || second.isText(lowerCaseName);
            }

            @Override
            public boolean hasSpecialNumbers(String lowerCaseName) {
                return first.hasSpecialNumbers(lowerCaseName) || second.hasSpecialNumbers(lowerCaseName);
            }
        };
    }

    /** The mappings a type name can ask for. */
    enum NamedType {
        /** The database's text of the value. */
        TEXT,
        /** A timestamp with a time zone, as time.precision.mode says. */
        ZONED_TIMESTAMP,
        /** A boolean, read from its text. */
        BOOLEAN,
        /** INT8, read from its text (a driver may show it as a boolean). */
        INT8,
        /** INT16, read from its text. */
        INT16
    }
}
