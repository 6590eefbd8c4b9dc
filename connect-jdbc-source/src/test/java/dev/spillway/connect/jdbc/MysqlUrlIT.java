package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A jdbc:mysql: URL works with the bundled MariaDB driver alone (no MySQL Connector/J on this classpath), against
 * the MariaDB server, with the database transaction horizon: a row of a transaction still open is held back until
 * it commits, and nothing is lost.
 */
class MysqlUrlIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aMysqlUrlReadsThroughTheBundledDriverWithTheDatabaseHorizon() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        String ns = db.createNamespace();
        try {
            String table = db.createEventsTable(ns, "events");
            db.execute("INSERT INTO " + table + " (name) VALUES ('a')");
            Map<String, String> props = db.taskConfig(ns, "events", "timestamp+incrementing");
            props.put("connection.url", "jdbc:mysql://127.0.0.1:3306/test?useSSL=false");
            props.put("horizon.mode", "database");
            try (TaskDriver driver = new TaskDriver(props);
                 Connection open = db.connect(); Statement s = open.createStatement()) {
                driver.pollUntil(r -> r.size() >= 1, TIMEOUT);
                open.setAutoCommit(false);
                s.execute("INSERT INTO " + table + " (name) VALUES ('late')");
                db.execute("INSERT INTO " + table + " (name) VALUES ('after')");
                open.commit();
                List<SourceRecord> all = driver.pollUntil(r -> r.size() >= 3, TIMEOUT);
                assertThat(TaskDriver.names(all)).containsExactlyInAnyOrder("a", "late", "after");
            }
        } finally {
            db.dropNamespace(ns);
        }
    }
}
