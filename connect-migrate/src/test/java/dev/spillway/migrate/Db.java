package dev.spillway.migrate;

import dev.spillway.testcluster.LoopbackDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The loopback PostgreSQL and MariaDB, each test in a schema or database of its own, dropped afterwards. */
enum Db {
    POSTGRES(LoopbackDatabase.POSTGRES),
    MARIADB(LoopbackDatabase.MARIADB);

    final LoopbackDatabase server;
    final String url;
    final String user;

    Db(LoopbackDatabase server) {
        this.server = server;
        this.url = server.url();
        this.user = server.user();
    }

    Connection connect() throws SQLException {
        return server.connect();
    }

    String createNamespace() throws SQLException {
        return server.createNamespace("migrate_it_");
    }

    void dropNamespace(String name) throws SQLException {
        server.dropNamespace(name);
    }

    void execute(String... sql) throws SQLException {
        server.execute(sql);
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
