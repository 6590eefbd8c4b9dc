package dev.spillway.connect.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.jdbc.schema.ArrayMapping;
import dev.spillway.connect.jdbc.schema.ColumnMapper;
import dev.spillway.connect.jdbc.schema.ColumnTypes;
import dev.spillway.connect.jdbc.schema.NumericMapping;
import dev.spillway.connect.jdbc.schema.RowSchema;
import dev.spillway.connect.jdbc.schema.SchemaNames;
import dev.spillway.connect.jdbc.schema.TimePrecisionMode;
import dev.spillway.connect.jdbc.schema.TypeSettings;
import dev.spillway.connect.jdbc.schema.UnrepresentableAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * MariaDB DATETIME and TIMESTAMP columns read with the driver's LocalDateTime first give, row for row, what reading
 * their text gives: fractions of every precision, the calendar's ends, NULL, zero dates and dates with a zero month
 * or day, in every time.precision.mode and with unrepresentable values failing or sent as null. Except year 0, whose
 * text the driver writes as year 1: read typed first, it stays year 0.
 */
class MariaDbTimestampsIT {

    private static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";
    private static final ZoneId ZONE = ZoneId.of("UTC");
    private static String database;

    @BeforeAll
    static void createTable() throws SQLException {
        database = "jdbc_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        try (Connection connection = DriverManager.getConnection(URL, "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
            statement.execute("SET SESSION sql_mode = ''");
            statement.execute("CREATE TABLE " + database + ".t (id INT PRIMARY KEY, d0 DATETIME NULL, d3 DATETIME(3) NULL,"
                + " d6 DATETIME(6) NULL, ts TIMESTAMP(6) NULL DEFAULT NULL)");
            statement.execute("INSERT INTO " + database + ".t VALUES"
                + " (1, '2026-01-02 03:04:05', '2026-01-02 03:04:05.123', '2026-01-02 03:04:05.123456',"
                + "  '2026-01-02 03:04:05.000001'),"
                + " (2, '1000-01-01 00:00:00', '1000-01-01 00:00:00.000', '9999-12-31 23:59:59.999999',"
                + "  '1970-01-01 00:00:01.000000'),"
                + " (3, NULL, NULL, NULL, NULL),"
                + " (4, '0000-00-00 00:00:00', '0000-00-00 00:00:00.000', '0000-00-00 00:00:00', '0000-00-00 00:00:00'),"
                + " (5, '2020-00-00 00:00:00', '2020-02-00 10:00:00.500', NULL, NULL),"
                + " (6, '2024-02-29 23:59:59', '2021-03-28 02:30:00.250', '2021-10-31 02:30:00.999999',"
                + "  '2038-01-19 03:14:07.999999'),"
                + " (7, NULL, NULL, '0000-01-01 00:00:00.000001', NULL)");
        }
    }

    @AfterAll
    static void dropTable() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    @ParameterizedTest
    @EnumSource(TimePrecisionMode.class)
    void typedFirstReadsWhatTheTextReads(TimePrecisionMode mode) throws SQLException {
        for (UnrepresentableAction action : UnrepresentableAction.values()) {
            TypeSettings types = new TypeSettings(mode, action, ArrayMapping.ARRAY);
            ColumnTypes mariaDb = new MariaDbDialect(ZONE).columnTypes();
            List<Object> byText = read(types, ColumnTypes.STANDARD);
            List<Object> typedFirst = read(types, mariaDb);
            assertThat(typedFirst.subList(0, 6)).as("%s, %s", mode, action).isEqualTo(byText.subList(0, 6));
        }
    }

    @Test
    void yearZeroStaysYearZero() throws SQLException {
        TypeSettings micros = new TypeSettings(TimePrecisionMode.MICROSECONDS, UnrepresentableAction.FAIL,
            ArrayMapping.ARRAY);
        long yearZero = LocalDateTime.of(0, 1, 1, 0, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000 + 1;
        assertThat(read(micros, new MariaDbDialect(ZONE).columnTypes()).get(6))
            .isEqualTo("Struct{id=7,d6=" + yearZero + "}");
        // Read by its text it is a year later: the driver writes 0001-01-01 00:00:00.000001 (year 0 has 366 days).
        assertThat(read(micros, ColumnTypes.STANDARD).get(6))
            .isEqualTo("Struct{id=7,d6=" + (yearZero + 366L * 86_400_000_000L) + "}");
    }

    @Test
    void mariaDbsOwnDriverIsReadTypedFirst() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, "root", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM " + database + ".t")) {
            assertThat(new MariaDbDialect(ZONE).columnTypes().readsLocalTimestampsTyped(rs.getMetaData())).isTrue();
            assertThat(ColumnTypes.STANDARD.readsLocalTimestampsTyped(rs.getMetaData())).isFalse();
        }
    }

    /** Every row's values, or the message of the row's failure, in id order. */
    private static List<Object> read(TypeSettings types, ColumnTypes columnTypes) throws SQLException {
        ColumnMapper mapper = new ColumnMapper(NumericMapping.BEST_FIT, ZONE, false, types, columnTypes);
        List<Object> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(URL, "root", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM " + database + ".t ORDER BY id")) {
            RowSchema schema = mapper.map(SchemaNames.forTable(database, "t"), database + ".t", rs.getMetaData(),
                List.of("id"), Map.of(), true);
            while (rs.next()) {
                try {
                    rows.add(schema.row(rs).value().toString());
                } catch (RuntimeException e) {
                    rows.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }
        assertThat(rows).hasSize(7);
        return rows;
    }
}
