package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.spillway.connect.jdbc.dialect.Dialect;

import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A custom query is pasted into SQL. Queries that break out of their parentheses, or hide a write in a CTE, run by
 * validate() and by the task on both databases, must leave the table as it was: such a query is refused before it
 * runs (the driver would split it into several statements), and every session is read-only anyway.
 */
class ReadOnlySessionIT {

    static Stream<Arguments> hostileQueries() {
        List<Arguments> cases = new ArrayList<>();
        for (TestDatabase db : TestDatabase.values()) {
            String reopen = db == TestDatabase.POSTGRES
                ? "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; SET default_transaction_read_only = off"
                : "SET SESSION TRANSACTION READ WRITE";
            cases.add(Arguments.of(db, "breakout", "SELECT 1 AS id) x; DELETE FROM %1$s.victim; --"));
            cases.add(Arguments.of(db, "breakout-insert", "SELECT 1 AS id) x; INSERT INTO %1$s.victim (name)"
                + " VALUES ('injected'); --"));
            cases.add(Arguments.of(db, "writable-cte", "WITH d AS (DELETE FROM %1$s.victim RETURNING *) SELECT * FROM d"));
            cases.add(Arguments.of(db, "breakout-reopen", "SELECT 1 AS id) x; COMMIT; " + reopen
                + "; DELETE FROM %1$s.victim; --"));
            cases.add(Arguments.of(db, "breakout-reopen-commit", "SELECT 1 AS id) x; COMMIT; " + reopen
                + "; COMMIT; DELETE FROM %1$s.victim; --"));
            cases.add(Arguments.of(db, "breakout-begin-read-write", "SELECT 1 AS id) x; COMMIT; "
                + (db == TestDatabase.POSTGRES ? "BEGIN READ WRITE" : "START TRANSACTION READ WRITE")
                + "; DELETE FROM %1$s.victim; COMMIT; --"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("hostileQueries")
    void aQueryThatTriesToWriteLeavesTheTableAlone(TestDatabase db, String label, String template) throws Exception {
        String ns = db.createNamespace();
        try {
            String victim = db.createEventsTable(ns, "victim");
            db.execute("INSERT INTO " + victim + " (name) VALUES ('a'), ('b'), ('c')");
            Map<String, String> config = queryConfig(db, String.format(template, ns));

            JdbcSourceConnector connector = new JdbcSourceConnector();
            List<ConfigValue> values = connector.validate(config).configValues();
            assertThat(count(db, victim)).as("rows after validate()").isEqualTo(3);
            assertThat(names(db, victim)).containsExactly("a", "b", "c");
            ConfigValue query = values.stream().filter(v -> v.name().equals("query")).findFirst().orElseThrow();
            assertThat(query.errorMessages()).as("validate() reports the query as failing").isNotEmpty();

            try (TaskDriver driver = new TaskDriver(config)) {
                for (int i = 0; i < 5; i++) {
                    try {
                        driver.poll();
                    } catch (ConnectException e) {
                        // Failed or retried: either way nothing may have been written.
                        if (!(e instanceof RetriableException)) {
                            break;
                        }
                    }
                }
            } catch (ConnectException refusedAtStart) {
                assertThat(refusedAtStart.getMessage()).startsWith("query: The query must be one SELECT");
            }
            assertThat(count(db, victim)).as("rows after the task ran").isEqualTo(3);
            assertThat(names(db, victim)).containsExactly("a", "b", "c");
        } finally {
            db.dropNamespace(ns);
        }
    }

    /** The second layer on its own: whatever SQL reaches a connector session, the session refuses to write. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyConnectorSessionRefusesWrites(TestDatabase db) throws Exception {
        String ns = db.createNamespace();
        try {
            String victim = db.createEventsTable(ns, "victim");
            db.execute("INSERT INTO " + victim + " (name) VALUES ('a')");
            JdbcSourceConfig config = new JdbcSourceConfig(queryConfig(db, "SELECT * FROM " + victim));
            Dialect dialect = Dialect.forUrl(config.connectionSettings().url(), config.recordSettings().dbZone());
            try (Connection catalog = Connections.open(config, dialect)) {
                assertThat(catalog.isReadOnly()).isTrue();
                assertWriteRefused(catalog, victim);
                assertDialectPropertiesHold(db, catalog);
            }
            try (HikariDataSource pool = Connections.pool(config, dialect, "read-only-it");
                 Connection pooled = pool.getConnection()) {
                assertThat(pooled.isReadOnly()).isTrue();
                assertWriteRefused(pooled, victim);
                assertDialectPropertiesHold(db, pooled);
                // Inside an explicit transaction too (PostgreSQL streams inside one).
                pooled.setAutoCommit(false);
                assertWriteRefused(pooled, victim);
                pooled.rollback();
                pooled.setAutoCommit(true);
            }
            assertThat(names(db, victim)).containsExactly("a");
        } finally {
            db.dropNamespace(ns);
        }
    }

    /**
     * The read-only session is made on top of the dialect's connection properties, not instead of them: on
     * PostgreSQL binaryTransfer=false, without which the driver switches to the binary format after five runs of a
     * statement and then rewrites a timetz offset to +00.
     */
    private static void assertDialectPropertiesHold(TestDatabase db, Connection connection) throws SQLException {
        if (db != TestDatabase.POSTGRES) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT '10:00:00+05'::timetz")) {
            for (int run = 1; run <= 8; run++) {
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).as("run %d", run).isEqualTo("10:00:00+05");
                }
            }
        }
    }

    private static void assertWriteRefused(Connection connection, String table) {
        assertThatThrownBy(() -> {
            try (Statement s = connection.createStatement()) {
                s.executeUpdate("DELETE FROM " + table);
            }
        }).isInstanceOf(SQLException.class).message().containsIgnoringCase("read");
    }

    private static Map<String, String> queryConfig(TestDatabase db, String query) {
        Map<String, String> config = new HashMap<>();
        config.put("name", "read-only-" + db.name().toLowerCase());
        // MariaDB refuses a second statement unless the URL allows it: allow it, the sessions must still hold.
        config.put("connection.url", db == TestDatabase.MARIADB ? db.url + "?allowMultiQueries=true" : db.url);
        config.put("connection.user", db.user);
        config.put("mode", "bulk");
        config.put("query", query);
        config.put("query.topic", "read-only");
        config.put("key.mode", "none");
        config.put("poll.interval.ms", "10");
        config.put("connection.backoff.ms", "10");
        config.put("connection.backoff.max.ms", "10");
        return config;
    }

    private static int count(TestDatabase db, String table) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> names(TestDatabase db, String table) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
