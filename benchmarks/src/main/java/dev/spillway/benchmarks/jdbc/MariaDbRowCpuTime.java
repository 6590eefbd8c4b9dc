package dev.spillway.benchmarks.jdbc;

import dev.spillway.benchmarks.cpu.CpuRounds;
import dev.spillway.connect.jdbc.dialect.MariaDbDialect;
import dev.spillway.connect.jdbc.schema.ColumnMapper;
import dev.spillway.connect.jdbc.schema.ColumnTypes;
import dev.spillway.connect.jdbc.schema.NumericMapping;
import dev.spillway.connect.jdbc.schema.RowSchema;
import dev.spillway.connect.jdbc.schema.SchemaNames;
import dev.spillway.connect.jdbc.schema.TypeSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What reading one row of the JDBC benchmark's table costs the task thread on MariaDB, driver included: the same
 * streamed result read into value Structs with the DATETIME column read from its text (the driver formats it, the
 * connector parses it) and as the driver's LocalDateTime first (the MariaDB dialect's way), timed by
 * {@link CpuRounds}. The server's own work is not in it.
 *
 * <p>Usage: {@code MariaDbRowCpuTime [rounds] [rows] [jdbc url]}; the URL defaults to the loopback MariaDB
 * ({@code jdbc:mariadb://127.0.0.1:3306/test}, user root, no password). It creates a database of its own and drops
 * it afterwards.
 */
public final class MariaDbRowCpuTime {

    private MariaDbRowCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        String url = args.length > 2 ? args[2] : "jdbc:mariadb://127.0.0.1:3306/test";
        String database = "jdbc_bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        try (Connection connection = DriverManager.getConnection(url, "root", "")) {
            execute(connection, "CREATE DATABASE " + database,
                "CREATE TABLE " + database + ".bench (id BIGINT AUTO_INCREMENT PRIMARY KEY, c_int INT NOT NULL,"
                    + " c_bigint BIGINT, c_num DECIMAL(12,2), c_double DOUBLE, c_text TEXT, c_varchar VARCHAR(40),"
                    + " c_bool BOOLEAN, c_date DATE, updated DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))",
                "INSERT INTO " + database + ".bench (c_int, c_bigint, c_num, c_double, c_text, c_varchar, c_bool,"
                    + " c_date) SELECT seq, seq * 10, (seq % 100000) / 100.0, seq * 1.5, md5(seq),"
                    + " CONCAT('name-', seq), seq % 2 = 0, DATE '2020-01-01' + INTERVAL (seq % 1000) DAY"
                    + " FROM seq_1_to_" + rows);
            try {
                Map<String, CpuRounds.Case> cases = new LinkedHashMap<>();
                cases.put("DATETIME from its text", read(connection, database, ColumnTypes.STANDARD));
                cases.put("DATETIME as LocalDateTime first",
                    read(connection, database, new MariaDbDialect(ZoneOffset.UTC).columnTypes()));
                Map<String, CpuRounds.Result> results = CpuRounds.run(rounds, rows, cases);
                System.out.printf("Task-thread CPU per MariaDB row read into a Struct, median of %d rounds of %d"
                    + " rows%n", rounds, rows);
                results.forEach((name, result) -> System.out.printf("RESULT %-34s %6.0f ns/row%n", name,
                    result.nanosPerOperation()));
            } finally {
                execute(connection, "DROP DATABASE " + database);
            }
        }
    }

    /** Streams the whole table (operations is its row count) into value Structs. */
    private static CpuRounds.Case read(Connection connection, String database, ColumnTypes types) {
        ColumnMapper mapper = new ColumnMapper(NumericMapping.NONE, ZoneOffset.UTC, false, TypeSettings.DEFAULTS, types);
        return operations -> {
            long read = 0;
            try (PreparedStatement statement = connection.prepareStatement(
                "SELECT * FROM " + database + ".bench ORDER BY id")) {
                statement.setFetchSize(1000);
                try (ResultSet rs = statement.executeQuery()) {
                    RowSchema schema = mapper.map(SchemaNames.forTable(database, "bench"), database + ".bench",
                        rs.getMetaData(), List.of("id"), Map.of(), true);
                    while (rs.next()) {
                        read += schema.row(rs).value().getInt64("id") > 0 ? 1 : 0;
                    }
                }
            }
            if (read != operations) {
                throw new IllegalStateException("read " + read + " rows of " + operations);
            }
            return read;
        };
    }

    private static void execute(Connection connection, String... sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }
}
