package dev.spillway.connect.jdbc.dialect;

import dev.spillway.connect.jdbc.schema.ColumnTypes;

import java.util.Set;

/**
 * PostgreSQL's types that its driver reports with a misleading JDBC type code (money as DOUBLE, which it then
 * cannot read) or with none ({@code OTHER}). Its type names are lower-case.
 */
final class PostgresColumnTypes implements ColumnTypes {

    static final PostgresColumnTypes INSTANCE = new PostgresColumnTypes();

    /**
     * Types sent as the database's text of them, which is exact: money (its text follows lc_monetary, so no number
     * can be parsed from it safely), intervals (months, days and seconds are separate and cannot become one
     * duration), network, geometric, text search and range types, and timetz, whose offset no Connect type holds.
     */
    private static final Set<String> TEXT_TYPES = Set.of("uuid", "json", "jsonb", "xml", "inet", "cidr", "macaddr",
        "macaddr8", "interval", "money", "citext", "tsvector", "tsquery", "ltree", "varbit", "timetz", "point",
        "line", "lseg", "box", "path", "polygon", "circle", "pg_lsn", "pg_snapshot", "txid_snapshot", "jsonpath");

    private PostgresColumnTypes() {
    }

    @Override
    public NamedType byName(String typeName, int precision, boolean signed) {
        return switch (typeName) {
            case "money", "timetz" -> NamedType.TEXT;
            case "timestamptz" -> NamedType.ZONED_TIMESTAMP;
            // bit(n) for n > 1 is a bit string, kept as its text of 0s and 1s.
            case "bit" -> precision > 1 ? NamedType.TEXT : NamedType.BOOLEAN;
            default -> null;
        };
    }

    @Override
    public boolean isText(String lowerCaseName) {
        return TEXT_TYPES.contains(lowerCaseName) || lowerCaseName.endsWith("range");
    }

    /** Only PostgreSQL's numeric holds NaN and ±Infinity; MariaDB's DECIMAL never does. */
    @Override
    public boolean hasSpecialNumbers(String lowerCaseName) {
        return lowerCaseName.equals("numeric");
    }
}
