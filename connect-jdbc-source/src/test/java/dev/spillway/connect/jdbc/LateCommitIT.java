package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The heart of the connector, on the real databases: transaction A writes a row and stays open, B writes a newer
 * row and commits, the task polls, A commits; A's row must arrive. Each incremental mode, on PostgreSQL and
 * MariaDB, with the task driven directly (offsets committed after every poll) and restarted at the end.
 */
class LateCommitIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static Stream<Arguments> cases() {
        return Stream.of(TestDatabase.values()).filter(db -> System.getProperty("it.db", db.name()).equals(db.name())).flatMap(db -> Stream.of("incrementing", "timestamp",
            "timestamp+incrementing").filter(m -> System.getProperty("it.mode", m).equals(m)).map(mode -> Arguments.of(db, mode)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aRowThatCommitsLateIsNotLost(TestDatabase db, String mode) throws Exception {
        String ns = db.createNamespace();
        try {
            String table = db.createEventsTable(ns, "events");
            Map<String, String> props = db.taskConfig(ns, "events", mode);
            props.put("batch.max.rows", "2");
            db.execute("INSERT INTO " + table + " (name) VALUES ('early-1')", "INSERT INTO " + table
                + " (name) VALUES ('early-2')", "INSERT INTO " + table + " (name) VALUES ('early-3')");
            try (TaskDriver driver = new TaskDriver(props);
                 Connection a = db.connect(); Connection b = db.connect()) {
                driver.pollUntil(r -> r.size() >= 3, TIMEOUT);
                assertThat(TaskDriver.names(driver.emitted)).containsExactly("early-1", "early-2", "early-3");

                a.setAutoCommit(false);
                try (Statement sa = a.createStatement()) {
                    sa.execute("INSERT INTO " + table + " (name) VALUES ('late-A')");
                }
                Thread.sleep(20);
                try (Statement sb = b.createStatement()) {
                    sb.execute("INSERT INTO " + table + " (name) VALUES ('B')");
                }
                // B is committed, A is not: B is held back below the horizon, so that A cannot be skipped.
                List<SourceRecord> whileOpen = driver.pollFor(Duration.ofMillis(1500));
                assertThat(TaskDriver.names(whileOpen)).as("nothing past the open transaction yet").isEmpty();

                a.commit();
                driver.pollUntil(r -> TaskDriver.names(r).containsAll(List.of("late-A", "B")), TIMEOUT);
                assertThat(TaskDriver.names(driver.emitted))
                    .containsExactly("early-1", "early-2", "early-3", "late-A", "B");

                // Restarted from its committed offsets: nothing again, and new rows still come.
                driver.restart();
                db.execute("INSERT INTO " + table + " (name) VALUES ('after-restart')");
                driver.pollUntil(r -> TaskDriver.names(r).contains("after-restart"), TIMEOUT);
                assertThat(TaskDriver.names(driver.emitted))
                    .containsExactly("early-1", "early-2", "early-3", "late-A", "B", "after-restart");
            }
        } finally {
            db.dropNamespace(ns);
        }
    }
}
