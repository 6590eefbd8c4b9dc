package dev.spillway.testcluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The shared PostgreSQL and MariaDB servers the integration tests use on loopback (database {@code test}, trust or
 * empty-password logins), never assumed clean: each test works in a schema (PostgreSQL) or database (MariaDB) of
 * its own with a random name and drops it afterwards. The JDBC driver comes from the module using it.
 */
public enum LoopbackDatabase {
    POSTGRES("jdbc:postgresql://127.0.0.1:5432/test", "postgres"),
    MARIADB("jdbc:mariadb://127.0.0.1:3306/test", "root");

    private final String url;
    private final String user;

    LoopbackDatabase(String url, String user) {
        this.url = url;
        this.user = user;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    /** A fresh namespace (schema or database) named {@code prefix} and a random suffix; returns its name. */
    public String createNamespace(String prefix) throws SQLException {
        String name = prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        execute((this == POSTGRES ? "CREATE SCHEMA " : "CREATE DATABASE ") + name);
        return name;
    }

    public void dropNamespace(String name) throws SQLException {
        execute(this == POSTGRES ? "DROP SCHEMA IF EXISTS " + name + " CASCADE" : "DROP DATABASE IF EXISTS " + name);
    }

    /** Runs the statements in order on one connection. */
    public void execute(String... sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }
}
