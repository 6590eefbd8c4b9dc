package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.schema.ValueJudge.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of the type torture tables: every built-in type a user meets, each with SQL literals for a typical
 * value, the maximum, the minimum and the special values the type allows (row ids 1, 3, 4, 5; row 2 is all
 * NULL). {@code confluent}: how Confluent's JDBC source maps the type where it differs (from its documentation
 * and dialect behaviour as we know it, not re-verified here), or null when it is the same.
 */
final class TortureColumns {

    /** One column; {@code textExpr} renders the database's text of it, %s standing for the column. */
    record Col(String name, String sqlType, Kind kind, String textExpr, List<String> values, String confluent) {
    }

    static final List<String> ROW_KINDS = List.of("typical", "NULL", "maximum", "minimum", "special");

    private TortureColumns() {
    }

    private static final class Builder {
        private final List<Col> cols = new ArrayList<>();
        private final String defaultText;

        Builder(String defaultText) {
            this.defaultText = defaultText;
        }

        Builder add(String type, Kind kind, String typical, String max, String min, String special) {
            return add(type, kind, null, typical, max, min, special, null);
        }

        Builder add(String type, Kind kind, String typical, String max, String min, String special, String confluent) {
            return add(type, kind, null, typical, max, min, special, confluent);
        }

        Builder add(String type, Kind kind, String textExpr, String typical, String max, String min, String special,
                    String confluent) {
            String name = "c" + cols.size() + "_" + type.replaceAll("[^A-Za-z0-9]+", "_").toLowerCase().replaceAll("_+$", "");
            cols.add(new Col(name, type, kind, textExpr == null ? defaultText : textExpr,
                List.of(typical, max, min, special), confluent));
            return this;
        }
    }

    static List<Col> postgres(String ns) {
        String u = "'grüße 日本 🚀'";
        return new Builder("%s::text")
            .add("SMALLINT", Kind.INT, "1", "32767", "-32768", "0")
            .add("INTEGER", Kind.INT, "1", "2147483647", "-2147483648", "0")
            .add("BIGINT", Kind.INT, "1", "9223372036854775807", "-9223372036854775808", "0")
            .add("NUMERIC(38,10)", Kind.DECIMAL, "1.5", "9999999999999999999999999999.9999999999",
                "-9999999999999999999999999999.9999999999", "'NaN'", "Decimal; NaN fails the task")
            .add("NUMERIC(18,0)", Kind.DECIMAL, "42", "999999999999999999", "-999999999999999999", "'NaN'",
                "Decimal; NaN fails the task")
            .add("NUMERIC", Kind.DECIMAL, "3.14", "123456789012345678901234567890.123456789",
                "-0.000000000000000000000000000001", "'Infinity'", "a Decimal of the scale the driver reports for an"
                    + " unconstrained column (not re-verified here); NaN and Infinity fail the task")
            .add("REAL", Kind.FLOAT, "1.5", "3.4028235e38", "-3.4028235e38", "'NaN'")
            .add("DOUBLE PRECISION", Kind.FLOAT, "2.5", "1.7976931348623157e308", "4.9e-324", "'-Infinity'")
            .add("MONEY", Kind.TEXT, "1234.56", "92233720368547758.07", "-92233720368547758.08", "0",
                "FLOAT64 through the driver's getDouble, which fails on the formatted text ($1,234.56)")
            // bpchar::text drops the padding and inet::text adds the netmask: their output text is the column's.
            .add("CHAR(5)", Kind.TEXT, "%s", "'ab'", "'zzzzz'", "''", "'🚀🚀'", null)
            .add("VARCHAR(50)", Kind.TEXT, "'hello'", u, "''", "E'tab\\there\\nnl \"q\" \\\\'")
            .add("TEXT", Kind.TEXT, u, "repeat('x', 100000)", "''", "'🚀'")
            .add("BYTEA", Kind.BYTES, "'\\x00ff10'", "'\\xffffffff'", "'\\x'", "'\\x00'")
            .add("BOOLEAN", Kind.BOOL, "true", "true", "false", "false")
            .add("DATE", Kind.DATE, "'2026-01-02'", "'5874897-12-31'", "'4713-01-01 BC'", "'infinity'",
                "Date; infinity overflows to a wrong date or fails")
            .add("TIME(6)", Kind.TIME, "'03:04:05.123456'", "'24:00:00'", "'00:00:00'", "'23:59:59.999999'",
                "Time (ms); 24:00:00 becomes 00:00:00 or 23:59:59.999")
            .add("TIME(0)", Kind.TIME, "'03:04:05'", "'23:59:59'", "'00:00:00'", "'12:00:00'")
            .add("TIMETZ", Kind.TEXT, "'03:04:05.123456+05:30'", "'24:00:00-15:59'", "'00:00:00+15:59'",
                "'12:00:00+00'", "Time in UTC: the offset is lost")
            .add("TIMESTAMP(6)", Kind.TIMESTAMP, "'2026-01-02 03:04:05.123456'", "'294276-12-31 23:59:59.999999'",
                "'4713-01-01 00:00:00 BC'", "'-infinity'", "Timestamp (ms), or nanos/ISO text with"
                    + " timestamp.granularity; infinity overflows")
            .add("TIMESTAMP(3)", Kind.TIMESTAMP, "'2026-01-02 03:04:05.123'", "'2100-01-01 00:00:00'",
                "'1900-01-01 00:00:00'", "'infinity'")
            .add("TIMESTAMPTZ", Kind.TIMESTAMPTZ, "'2026-01-02 03:04:05.123456+02'",
                "'294276-12-31 23:59:59.999999+00'", "'4713-01-01 00:00:00+00 BC'", "'infinity'",
                "Timestamp (ms), or timestamp.granularity; infinity overflows")
            .add("INTERVAL", Kind.TEXT, "'1 year 2 mons 3 days 04:05:06.789'", "'178000000 years'",
                "'-178000000 years'", "'-1 days +02:03:04.000001'", "not supported (column skipped)")
            .add(ns + ".mood", Kind.TEXT, "'happy'", "'sad'", "'happy'", "'sad'")
            .add("UUID", Kind.TEXT, "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
                "'00000000-0000-0000-0000-000000000000'", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'")
            .add("JSON", Kind.TEXT, "'{\"a\": 1}'", "'{\"big\": 1e400}'", "'[]'", "'\"\\u0000 \\ud83d\\ude80\"'")
            .add("JSONB", Kind.TEXT, "'{\"b\": [true]}'", "'{\"big\": 1e400}'", "'{}'", "'\"🚀\"'")
            .add("XML", Kind.TEXT, "'<a>1</a>'", "'<b x=\"🚀\"/>'", "''", "'text only'")
            .add("INET", Kind.TEXT, "%s", "'192.168.0.1/24'", "'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'", "'0.0.0.0'",
                "'::1'", "not supported (column skipped)")
            .add("CIDR", Kind.TEXT, "'10.0.0.0/8'", "'::/0'", "'0.0.0.0/0'", "'2001:db8::/32'",
                "not supported (column skipped)")
            .add("MACADDR", Kind.TEXT, "'08:00:2b:01:02:03'", "'ff:ff:ff:ff:ff:ff'", "'00:00:00:00:00:00'",
                "'08:00:2b:01:02:03'", "not supported (column skipped)")
            .add("MACADDR8", Kind.TEXT, "'08:00:2b:01:02:03:04:05'", "'ff:ff:ff:ff:ff:ff:ff:ff'",
                "'00:00:00:00:00:00:00:00'", "'08:00:2b:01:02:03:04:05'", "not supported (column skipped)")
            .add("BIT(4)", Kind.TEXT, "B'1010'", "B'1111'", "B'0000'", "B'0001'", "BYTES")
            .add("BIT(1)", Kind.BOOL, "B'1'", "B'1'", "B'0'", "B'0'")
            .add("VARBIT", Kind.TEXT, "B'101'", "B'" + "1".repeat(200) + "'", "B''", "B'0'", "BYTES or not supported")
            .add("INTEGER[]", Kind.ARRAY, "'{1,NULL,3}'", "'{2147483647,-2147483648}'", "'{}'", "'{{1,2},{3,4}}'",
                "not supported (column skipped)")
            .add("BIGINT[]", Kind.ARRAY, "'{1,NULL}'", "'{9223372036854775807}'",
                "'[-2:-1]={-9223372036854775808,NULL}'", "'[0:1][1:2]={{7,8},{NULL,9}}'",
                "not supported (column skipped)")
            .add("TEXT[]", Kind.ARRAY, "'{a,\"b c\",NULL}'", "'{\"🚀\"}'", "'{}'", "'{\"NULL\",\"\",\",\"}'",
                "not supported (column skipped)")
            .add("NUMERIC[]", Kind.ARRAY, "'{1.5,NULL}'", "'{99999999999999999999.99}'", "'{}'", "'{NaN,Infinity}'",
                "not supported (column skipped)")
            .add("DOUBLE PRECISION[]", Kind.ARRAY, "'{1.5,NULL}'", "'{1.7976931348623157e308}'", "'{}'",
                "'{NaN,Infinity,-Infinity}'", "not supported (column skipped)")
            .add("BOOLEAN[]", Kind.ARRAY, "'{t,f,NULL}'", "'{t}'", "'{}'", "'{f}'", "not supported (column skipped)")
            .add("DATE[]", Kind.ARRAY, "'{2026-01-02,NULL}'", "'{5874897-12-31}'", "'{}'", "'{infinity,-infinity}'",
                "not supported (column skipped)")
            .add("TIMESTAMPTZ[]", Kind.ARRAY, "'{\"2026-01-02 03:04:05.123456+02\"}'", "'{infinity}'", "'{}'",
                "'{NULL}'", "not supported (column skipped)")
            .add("UUID[]", Kind.ARRAY, "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'", "'{}'", "'{}'", "'{NULL}'",
                "not supported (column skipped)")
            .add("BYTEA[]", Kind.ARRAY, "'{\"\\\\x00ff\",NULL}'", "'{\"\\\\x\"}'", "'{}'", "'{\"\\\\x00\"}'",
                "not supported (column skipped)")
            .add("JSONB[]", Kind.ARRAY, "ARRAY['{\"a\": [1, 2]}'::jsonb]", "'{}'", "'{}'", "'{NULL}'",
                "not supported (column skipped)")
            .add("BOX[]", Kind.ARRAY, "'{(1,2),(3,4);(5,6),(7,8)}'", "'{}'", "'{}'", "'{}'",
                "not supported (column skipped)")
            .add("INT4RANGE", Kind.TEXT, "'[1,5)'", "'[1,)'", "'(,1]'", "'empty'", "not supported (column skipped)")
            .add("NUMRANGE", Kind.TEXT, "'[1.5,2.5]'", "'(,)'", "'empty'", "'[NaN,NaN]'", "not supported (column skipped)")
            .add("TSRANGE", Kind.TEXT, "'[2026-01-01 00:00:00.123456,infinity)'", "'(,)'", "'empty'",
                "'[-infinity,infinity]'", "not supported (column skipped)")
            .add("TSTZRANGE", Kind.TEXT, "'[2026-01-01 00:00:00+02,2026-02-01 00:00:00+02)'", "'(,)'", "'empty'",
                "'[-infinity,infinity]'", "not supported (column skipped)")
            .add("DATERANGE", Kind.TEXT, "'[2026-01-01,2026-02-01)'", "'(,)'", "'empty'", "'[-infinity,infinity]'",
                "not supported (column skipped)")
            .add("POINT", Kind.TEXT, "'(1,2)'", "'(1e308,-1e308)'", "'(0,0)'", "'(NaN,Infinity)'",
                "not supported (column skipped)")
            .add("LINE", Kind.TEXT, "'{1,2,3}'", "'{1e308,1,0}'", "'{0,1,0}'", "'{1,-1,0}'",
                "not supported (column skipped)")
            .add("LSEG", Kind.TEXT, "'[(1,2),(3,4)]'", "'[(0,0),(1e308,1e308)]'", "'[(0,0),(0,0)]'",
                "'[(1,1),(2,2)]'", "not supported (column skipped)")
            .add("BOX", Kind.TEXT, "'(3,4),(1,2)'", "'(1e308,1e308),(0,0)'", "'(0,0),(0,0)'", "'(1,1),(1,1)'",
                "not supported (column skipped)")
            .add("PATH", Kind.TEXT, "'[(1,2),(3,4)]'", "'((0,0),(1,1),(2,0))'", "'[(0,0)]'", "'[(1,1),(2,2)]'",
                "not supported (column skipped)")
            .add("POLYGON", Kind.TEXT, "'((0,0),(1,1),(2,0))'", "'((0,0))'", "'((0,0))'", "'((1,1),(2,2))'",
                "not supported (column skipped)")
            .add("CIRCLE", Kind.TEXT, "'<(1,2),3>'", "'<(0,0),1e308>'", "'<(0,0),0>'", "'<(1,1),0.5>'",
                "not supported (column skipped)")
            .add("TSVECTOR", Kind.TEXT, "'a fat cat'", "'🚀:1A'", "''", "'''quoted'' word'",
                "not supported (column skipped)")
            .add("TSQUERY", Kind.TEXT, "'fat & cat'", "'!a | b'", "''", "'a <-> b'", "not supported (column skipped)")
            .add(ns + ".posint", Kind.INT, "1", "2147483647", "1", "7")
            .cols;
    }

    static List<Col> mariadb() {
        String u = "'grüße 日本 🚀'";
        String hex = "HEX(%s)";
        return new Builder("CAST(%s AS CHAR)")
            .add("TINYINT", Kind.INT, "1", "127", "-128", "0")
            .add("TINYINT UNSIGNED", Kind.INT, "1", "255", "0", "0")
            .add("TINYINT(1)", Kind.INT, "1", "127", "-128", "0", "BOOLEAN (driver's tinyInt1isBit): 127 and -128"
                + " are true")
            .add("BOOLEAN", Kind.INT, "1", "127", "-128", "0", "BOOLEAN: 127 and -128 are true")
            .add("SMALLINT", Kind.INT, "1", "32767", "-32768", "0")
            .add("SMALLINT UNSIGNED", Kind.INT, "1", "65535", "0", "0")
            .add("MEDIUMINT", Kind.INT, "1", "8388607", "-8388608", "0")
            .add("MEDIUMINT UNSIGNED", Kind.INT, "1", "16777215", "0", "0")
            .add("INT", Kind.INT, "1", "2147483647", "-2147483648", "0")
            .add("INT UNSIGNED", Kind.INT, "1", "4294967295", "0", "0")
            .add("BIGINT", Kind.INT, "1", "9223372036854775807", "-9223372036854775808", "0")
            .add("BIGINT UNSIGNED", Kind.INT, "1", "18446744073709551615", "0", "9223372036854775808",
                "INT64: values above 2^63-1 do not fit")
            .add("DECIMAL(65,30)", Kind.DECIMAL, "1.5", "99999999999999999999999999999999999.999999999999999999999999999999",
                "-99999999999999999999999999999999999.999999999999999999999999999999", "0")
            .add("DECIMAL(20,0)", Kind.DECIMAL, "42", "99999999999999999999", "-99999999999999999999", "0")
            .add("FLOAT", Kind.FLOAT, "1.5", "3.40282e38", "-3.40282e38", "1.17549e-38")
            .add("DOUBLE", Kind.FLOAT, "2.5", "1.7976931348623157e308", "-1.7976931348623157e308", "2.2250738585072014e-308")
            .add("BIT(1)", Kind.BOOL, "CAST(%s+0 AS CHAR)", "b'1'", "b'1'", "b'0'", "b'0'", null)
            .add("BIT(64)", Kind.BITS, "CAST(%s+0 AS CHAR)", "b'1010'", "b'" + "1".repeat(64) + "'", "b'0'", "b'1'",
                null)
            .add("DATE", Kind.DATE, "'2026-01-02'", "'9999-12-31'", "'1000-01-01'", "'0000-00-00'",
                "Date; zero dates become null or fail")
            .add("DATE", Kind.DATE, "'2026-01-02'", "'2020-12-31'", "'1000-01-01'", "'2020-00-00'",
                "Date; 2020-00-00 becomes 2019-11-30")
            .add("TIME(6)", Kind.TIME, "'03:04:05.123456'", "'838:59:59.000000'", "'-838:59:59.000000'", "'24:00:00'",
                "Time: 838:59:59 becomes 22:59:59, -838:59:59 becomes 01:00:01")
            .add("TIME", Kind.TIME, "'03:04:05'", "'23:59:59'", "'00:00:00'", "'-00:00:01'")
            .add("DATETIME(6)", Kind.TIMESTAMP, "'2026-01-02 03:04:05.123456'", "'9999-12-31 23:59:59.999999'",
                "'1000-01-01 00:00:00'", "'0000-00-00 00:00:00'", "Timestamp (ms) or timestamp.granularity; zero"
                    + " dates become null")
            .add("TIMESTAMP(6) NULL", Kind.TIMESTAMP, "'2026-01-02 03:04:05.123456'", "'2038-01-19 03:14:07.999999'",
                "'1970-01-01 00:00:01'", "'0000-00-00 00:00:00'", "Timestamp (ms); zero dates become null")
            .add("YEAR", Kind.INT, "2026", "2155", "1901", "0", "Date (January 1st); year 0 fails")
            .add("CHAR(10)", Kind.TEXT, "'ab'", "'zzzzzzzzzz'", "''", "'🚀'")
            .add("VARCHAR(100)", Kind.TEXT, "'hello'", u, "''", "'a\\0b'")
            .add("TINYTEXT", Kind.TEXT, "'t'", "REPEAT('x', 255)", "''", "'🚀'")
            .add("TEXT", Kind.TEXT, u, "REPEAT('x', 65535)", "''", "'a\\0b'")
            .add("MEDIUMTEXT", Kind.TEXT, u, "REPEAT('🚀', 100000)", "''", "'a\\0b'")
            .add("LONGTEXT", Kind.TEXT, u, "REPEAT('x', 1000000)", "''", "'a\\0b'")
            .add("BINARY(4)", Kind.BYTES, hex, "X'00ff1000'", "X'ffffffff'", "X'00000000'", "X'00'", null)
            .add("VARBINARY(10)", Kind.BYTES, hex, "X'00ff10'", "X'ffffffffffffffffffff'", "X''", "X'00'", null)
            .add("TINYBLOB", Kind.BYTES, hex, "X'00ff10'", "X'ff'", "X''", "X'00'", null)
            .add("BLOB", Kind.BYTES, hex, "X'00ff10'", "X'ffff'", "X''", "X'00'", null)
            .add("MEDIUMBLOB", Kind.BYTES, hex, "X'00ff10'", "X'ffff'", "X''", "X'00'", null)
            .add("LONGBLOB", Kind.BYTES, hex, "X'00ff10'", "X'ffff'", "X''", "X'00'", null)
            .add("ENUM('happy','sad','')", Kind.TEXT, "'happy'", "'sad'", "''", "'happy'")
            .add("SET('x','y','z')", Kind.TEXT, "'x'", "'x,y,z'", "''", "'y,z'")
            .add("JSON", Kind.TEXT, "'{\"a\": 1}'", "'{\"big\": 1e308}'", "'[]'", "'\"🚀\"'")
            .add("GEOMETRY", Kind.BYTES, hex, "ST_GeomFromText('POINT(1 2)')",
                "ST_GeomFromText('LINESTRING(0 0,1e300 1e300)')", "ST_GeomFromText('POINT(0 0)')",
                "ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))')", null)
            .add("POINT", Kind.BYTES, hex, "POINT(1, 2)", "POINT(1e308, -1e308)", "POINT(0, 0)", "POINT(0, 0)", null)
            .add("INET6", Kind.TEXT, "'::1'", "'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'", "'::'", "'192.168.0.1'")
            .add("UUID", Kind.TEXT, "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
                "'00000000-0000-0000-0000-000000000000'", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'",
                "not supported (column skipped)")
            .cols;
    }
}
