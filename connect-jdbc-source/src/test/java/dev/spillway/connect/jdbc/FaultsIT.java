package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * Database outages (through a proxy that cuts every connection and refuses new ones), refused logins and missing
 * privileges, against the real databases with the task driven directly.
 */
class FaultsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anOutageMidStreamIsRetriedAndNothingIsLostOrRepeated(TestDatabase db) throws Exception {
        String ns = db.createNamespace();
        int port = db == TestDatabase.POSTGRES ? 5432 : 3306;
        try (TcpProxy proxy = new TcpProxy(port)) {
            String table = db.createEventsTable(ns, "events");
            db.insertNames(table, "r-", 1, 300);
            Map<String, String> props = db.taskConfig(ns, "events", "timestamp+incrementing");
            props.put("connection.url", db.url.replace(":" + port + "/", ":" + proxy.port() + "/"));
            props.put("batch.max.rows", "25");
            props.put("connection.timeout.ms", "1000");
            props.put("connection.backoff.ms", "100");
            props.put("connection.backoff.max.ms", "400");
            try (TaskDriver driver = new TaskDriver(props)) {
                driver.pollUntil(r -> r.size() >= 75, TIMEOUT);
                proxy.cut();
                int retriable = 0;
                long downUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (System.nanoTime() < downUntil) {
                    try {
                        driver.poll();
                    } catch (RetriableException e) {
                        retriable++;
                    }
                }
                db.insertNames(table, "r-", 301, 400);
                proxy.open();
                List<SourceRecord> all = pollRiding(driver, 400);
                assertThat(retriable).as("retriable errors while the database was unreachable").isPositive();
                List<Object> names = TaskDriver.names(all);
                assertThat(new LinkedHashSet<>(names)).hasSize(400);
                assertThat(names).as("no duplicates: offsets in memory are those of the records returned")
                    .hasSize(400);
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void aWrongPasswordFailsTheTaskNamingTheKeys() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        String ns = db.createNamespace();
        try {
            db.createEventsTable(ns, "events");
            Map<String, String> props = db.taskConfig(ns, "events", "incrementing");
            props.put("connection.password", "not-the-password");
            try (TaskDriver driver = new TaskDriver(props)) {
                assertThatThrownBy(driver::poll).isInstanceOf(ConnectException.class)
                    .isNotInstanceOf(RetriableException.class)
                    .hasMessageContaining("connection.password").hasMessageNotContaining("not-the-password");
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void withoutProcessPrivilegeMariaDbFallsBackToTheDelayOrFailsIfTold() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        String ns = db.createNamespace();
        String user = "u_" + ns;
        try {
            String table = db.createEventsTable(ns, "events");
            db.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'",
                "CREATE USER '" + user + "'@'localhost' IDENTIFIED BY 'pw'",
                "GRANT SELECT ON " + ns + ".* TO '" + user + "'@'%'",
                "GRANT SELECT ON " + ns + ".* TO '" + user + "'@'localhost'");
            db.insertNames(table, "r-", 1, 5);
            Map<String, String> props = db.taskConfig(ns, "events", "incrementing");
            props.put("connection.url", db.url.replace("/test", "/" + ns));
            props.put("connection.user", user);
            props.put("connection.password", "pw");
            try (TaskDriver driver = new TaskDriver(props)) {
                assertThatThrownBy(() -> driver.pollUntil(r -> false, Duration.ofSeconds(5)))
                    .isInstanceOf(ConnectException.class).hasMessageContaining("PROCESS")
                    .hasMessageContaining("horizon.mode");
            }
            JdbcSourceConnector validating = new JdbcSourceConnector();
            assertThat(validating.validate(props).configValues()).filteredOn(v -> !v.errorMessages().isEmpty())
                .singleElement().satisfies(v -> {
                    assertThat(v.name()).isEqualTo("horizon.mode");
                    assertThat(v.errorMessages().get(0)).contains("PROCESS").contains("horizon.mode=auto");
                });
            // A table big enough to split is planned by the connector, which needs the horizon too: it fails
            // rather than leave the table unread.
            Map<String, String> splitting = new HashMap<>(props);
            splitting.put("snapshot.split.min.rows", "1");
            db.execute("ANALYZE TABLE " + table);
            JdbcSourceConnector connector = new JdbcSourceConnector();
            RecordingConnectorContext context = new RecordingConnectorContext();
            connector.initialize(context);
            try {
                connector.start(splitting);
                long end = System.nanoTime() + TIMEOUT.toNanos();
                while (context.errors.isEmpty() && System.nanoTime() < end) {
                    Thread.sleep(100);
                }
                assertThat(context.errors).singleElement().satisfies(e -> assertThat(e)
                    .isInstanceOf(ConnectException.class).hasMessageContaining("PROCESS")
                    .hasMessageContaining("horizon.mode"));
                assertThat(connector.taskConfigs(2)).as("tasks while the table waits for its plan").isEmpty();
            } finally {
                connector.stop();
            }
            props.put("horizon.mode", "auto");
            props.put("horizon.delay.ms", "300");
            try (TaskDriver driver = new TaskDriver(props)) {
                assertThat(driver.pollUntil(r -> r.size() >= 5, TIMEOUT)).hasSize(5);
            }
        } finally {
            db.execute("DROP USER IF EXISTS '" + user + "'@'%'", "DROP USER IF EXISTS '" + user + "'@'localhost'");
            db.dropNamespace(ns);
        }
    }

    @Test
    void aConnectorStartedWhileTheDatabaseIsUnreachableFindsTheTablesOnceItIsBack() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        JdbcSourceConnector connector = new JdbcSourceConnector();
        try {
            db.createEventsTable(ns, "events");
            Map<String, String> props = db.taskConfig(ns, "events", "incrementing");
            props.put("table.poll.interval.ms", "0");
            RecordingConnectorContext context = startWhileDownThenBringBack(db, props, connector,
                () -> assertThat(connector.taskConfigs(2)).as("tasks while the tables are unknown").isEmpty());
            assertThat(context.errors).isEmpty();
            assertThat(context.reconfigurations).as("task reconfigurations requested").hasValue(1);
            List<Map<String, String>> tasks = connector.taskConfigs(2);
            assertThat(tasks).hasSize(1);
            assertThat(tasks.get(0).get(JdbcSourceTaskConfig.TASK_TABLES_CONFIG))
                .isEqualTo(props.get(JdbcSourceTaskConfig.TASK_TABLES_CONFIG));
        } finally {
            connector.stop();
            db.dropNamespace(ns);
        }
    }

    @Test
    void aRefusedLoginOrAnUnknownDatabaseStillFailsTheConnectorAtStart() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        String ns = db.createNamespace();
        try {
            db.createEventsTable(ns, "events");
            Map<String, String> props = db.taskConfig(ns, "events", "incrementing");
            props.put("connection.password", "not-the-password");
            assertThatThrownBy(() -> startConnector(props)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("connection.password").hasMessageNotContaining("not-the-password");
            Map<String, String> unknownDb = TestDatabase.POSTGRES.taskConfig(ns, "events", "incrementing");
            unknownDb.put("connection.url", TestDatabase.POSTGRES.url.replace("/test", "/" + ns + "_missing"));
            assertThatThrownBy(() -> startConnector(unknownDb)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("3D000");
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void aDatabaseThatComesBackRefusingTheLoginFailsTheConnectorThen() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        String ns = db.createNamespace();
        JdbcSourceConnector connector = new JdbcSourceConnector();
        try {
            db.createEventsTable(ns, "events");
            Map<String, String> props = db.taskConfig(ns, "events", "incrementing");
            props.put("connection.password", "not-the-password");
            RecordingConnectorContext context = startWhileDownThenBringBack(db, props, connector, () -> { });
            assertThat(context.errors).singleElement().satisfies(e -> assertThat(e)
                .isInstanceOf(ConnectException.class).hasMessageContaining("connection.password")
                .hasMessageNotContaining("not-the-password"));
            assertThat(context.reconfigurations).hasValue(0);
        } finally {
            connector.stop();
            db.dropNamespace(ns);
        }
    }

    /**
     * Starts the connector through a proxy that hangs up every connection, runs {@code whileDown}, lets the
     * connections through and waits until the connector asks the worker for something.
     */
    private static RecordingConnectorContext startWhileDownThenBringBack(TestDatabase db, Map<String, String> props,
                                                                       JdbcSourceConnector connector,
                                                                       Runnable whileDown) throws Exception {
        int port = db == TestDatabase.POSTGRES ? 5432 : 3306;
        try (TcpProxy proxy = new TcpProxy(port)) {
            props.put("connection.url", db.url.replace(":" + port + "/", ":" + proxy.port() + "/"));
            props.put("connection.timeout.ms", "1000");
            proxy.hangUp(true);
            RecordingConnectorContext context = new RecordingConnectorContext();
            connector.initialize(context);
            connector.start(props);
            whileDown.run();
            proxy.hangUp(false);
            long end = System.nanoTime() + TIMEOUT.toNanos();
            while (context.reconfigurations.get() == 0 && context.errors.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            return context;
        }
    }

    private static void startConnector(Map<String, String> props) {
        JdbcSourceConnector connector = new JdbcSourceConnector();
        connector.initialize(new RecordingConnectorContext());
        try {
            connector.start(props);
        } finally {
            connector.stop();
        }
    }

    @Test
    void anIncludeListThatMatchesNothingFailsTheConnectorListingTheReadableTables() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            db.createEventsTable(ns, "events");
            Map<String, String> props = db.taskConfig(ns, "events", "incrementing");
            props.put("table.include.list", ns + "\\.events\"; DROP TABLE x; --");
            JdbcSourceConnector connector = new JdbcSourceConnector();
            assertThatThrownBy(() -> connector.start(props)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("table.include.list").hasMessageContaining("matches no readable")
                .hasMessageContaining(ns + ".events");
            db.execute("SELECT COUNT(*) FROM " + ns + ".events");
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void validateRunsTheCustomQueryAndChecksItsColumns() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            db.createEventsTable(ns, "events");
            Map<String, String> props = db.taskConfig(ns, "events", "timestamp+incrementing");
            props.remove("table.include.list");
            props.put("query.topic", "q");
            props.put("key.mode", "none");
            props.put("query", "SELECT id, name FROM " + ns + ".events WHERE name <> 'x'");
            assertThat(queryErrors(props)).anySatisfy(m -> assertThat(m).contains("[updated]"));
            props.put("query", "SELECT id, nam FROM " + ns + ".events");
            assertThat(queryErrors(props)).anySatisfy(m -> assertThat(m).contains("The query fails"));
            props.put("query", "SELECT * FROM " + ns + ".events WHERE name <> 'x'");
            assertThat(queryErrors(props)).isEmpty();
        } finally {
            db.dropNamespace(ns);
        }
    }

    private static List<String> queryErrors(Map<String, String> props) {
        return new JdbcSourceConnector().validate(props).configValues().stream()
            .filter(v -> v.name().equals("query")).findFirst().orElseThrow().errorMessages();
    }

    /** Polls like a worker: a retriable error is logged and polling goes on. */
    private static List<SourceRecord> pollRiding(TaskDriver driver, int count) throws Exception {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (driver.emitted.size() < count) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out with " + driver.emitted.size() + " records");
            }
            try {
                driver.poll();
            } catch (RetriableException e) {
                // the worker would retry too
            }
        }
        Thread.sleep(500);
        driver.pollFor(Duration.ofMillis(500));
        return new ArrayList<>(driver.emitted);
    }
}
