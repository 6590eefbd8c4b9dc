package dev.spillway.migrate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;

/** The loopback PostgreSQL and MariaDB, each test in a schema or database of its own, dropped afterwards. */
enum Db {
    POSTGRES("jdbc:postgresql://127.0.0.1:5432/test", "postgres"),
    MARIADB("jdbc:mariadb://127.0.0.1:3306/test", "root");

    final String url;
    final String user;

    Db(String url, String user) {
        this.url = url;
        this.user = user;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    String createNamespace() throws SQLException {
        String name = "migrate_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
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

    /** id from a sequence, name, and a last-modified column the database sets (timestamptz / DATETIME(6)). */
    void createEvents(String table) throws SQLException {
        execute(this == POSTGRES
            ? "CREATE TABLE " + table + " (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL,"
                + " updated TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())"
            : "CREATE TABLE " + table + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                + " updated DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB");
    }

    /**
     * The row's timestamp as Confluent's connector holds it: an instant (a DATETIME read as a wall-clock time in
     * db.timezone, UTC here).
     */
    Instant updatedOf(String table, long id) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT updated FROM " + table + " WHERE id = " + id)) {
            rs.next();
            return this == POSTGRES ? rs.getObject(1, OffsetDateTime.class).toInstant()
                : rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
        }
    }

    /** How Confluent names the table in a protocol-1 partition: catalog.schema.table, absent parts left out. */
    String confluentTableName(String namespace, String table) {
        return this == POSTGRES ? "test." + namespace + "." + table : namespace + "." + table;
    }
}
