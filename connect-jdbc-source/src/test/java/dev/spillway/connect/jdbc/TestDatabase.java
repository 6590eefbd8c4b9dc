package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.discovery.TableId;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The loopback PostgreSQL and MariaDB the integration tests use, each test in a schema (PostgreSQL) or database
 * (MariaDB) of its own that is dropped afterwards.
 */
enum TestDatabase {
    POSTGRES("jdbc:postgresql://127.0.0.1:5432/test", "postgres"),
    MARIADB("jdbc:mariadb://127.0.0.1:3306/test", "root");

    final String url;
    final String user;

    TestDatabase(String url, String user) {
        this.url = url;
        this.user = user;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    /** A fresh namespace (schema or database) with a random name. */
    String createNamespace() throws SQLException {
        String name = "jdbc_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        execute((this == POSTGRES ? "CREATE SCHEMA " : "CREATE DATABASE ") + name);
        return name;
    }

    void dropNamespace(String name) throws SQLException {
        execute(this == POSTGRES ? "DROP SCHEMA IF EXISTS " + name + " CASCADE" : "DROP DATABASE IF EXISTS " + name);
    }

    void execute(String... sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    /** Inserts rows named {@code prefix + i} for i in from..to into an events table, in one statement. */
    void insertNames(String table, String prefix, int from, int to) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (name) VALUES ");
        for (int i = from; i <= to; i++) {
            sql.append(i > from ? ", " : "").append("('").append(prefix).append(i).append("')");
        }
        execute(sql.toString());
    }

    /** A table whose ts column the database sets on insert and update, with an id from a sequence. */
    String createEventsTable(String namespace, String table) throws SQLException {
        execute(eventsTableDdl(namespace, table).toArray(String[]::new));
        return namespace + "." + table;
    }

    /** The statements creating that table, for this kind of database wherever it runs. */
    List<String> eventsTableDdl(String namespace, String table) {
        String qualified = namespace + "." + table;
        if (this == POSTGRES) {
            return List.of("CREATE TABLE " + qualified + " (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL,"
                    + " updated TIMESTAMPTZ NOT NULL DEFAULT now())",
                "CREATE OR REPLACE FUNCTION " + namespace + ".touch() RETURNS trigger AS $$ BEGIN NEW.updated = now();"
                    + " RETURN NEW; END $$ LANGUAGE plpgsql",
                "CREATE TRIGGER touch BEFORE UPDATE ON " + qualified + " FOR EACH ROW EXECUTE FUNCTION "
                    + namespace + ".touch()");
        }
        return List.of("CREATE TABLE " + qualified + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
            + " updated DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6))"
            + " ENGINE=InnoDB");
    }

    Map<String, String> taskConfig(String namespace, String table, String mode) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "it-" + name().toLowerCase(Locale.ROOT));
        props.put("connection.url", url);
        props.put("connection.user", user);
        props.put("mode", mode);
        props.put("table.include.list", namespace + "\\." + table);
        props.put(JdbcSourceTaskConfig.TASK_TABLES_CONFIG, new TableId(namespace, table).encode());
        props.put("incrementing.column.name", "id");
        props.put("timestamp.column.name", "updated");
        props.put("topic.prefix", "it.");
        props.put("poll.interval.ms", "50");
        props.put("horizon.mode", "database");
        return props;
    }
}
