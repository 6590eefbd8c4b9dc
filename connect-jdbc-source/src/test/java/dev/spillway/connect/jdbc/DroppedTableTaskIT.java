package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.jdbc.discovery.TableId;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A table dropped while its task reads it, driving the task directly on both databases: once the catalog confirms
 * the drop the task goes on with its other tables without an error (it used to retry forever); a table created
 * again is read again when the table check is on; a custom query whose table is dropped fails the task with one
 * line naming the relation.
 */
class DroppedTableTaskIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aDroppedTableLeavesTheTaskWhichGoesOnWithItsOtherTable(TestDatabase db) throws Exception {
        String ns = db.createNamespace();
        try {
            db.createEventsTable(ns, "doomed");
            db.createEventsTable(ns, "kept");
            db.insertNames(ns + ".doomed", "doomed-", 1, 10);
            db.insertNames(ns + ".kept", "kept-", 1, 10);
            Map<String, String> props = twoTables(db, ns);
            props.put("table.poll.interval.ms", "0");
            try (TaskDriver driver = new TaskDriver(props)) {
                // pollUntil fails on any exception, a RetriableException included.
                driver.pollUntil(TaskDriver.hasNames(20), TIMEOUT);
                db.execute("DROP TABLE " + ns + ".doomed");
                db.insertNames(ns + ".kept", "kept-", 11, 30);
                List<SourceRecord> all = driver.pollUntil(r -> TaskDriver.names(r).contains("kept-30"), TIMEOUT);
                assertThat(TaskDriver.names(all)).contains("kept-11", "kept-30");

                // With the table check off, a table created again under the same name is not looked for.
                db.createEventsTable(ns, "doomed");
                db.insertNames(ns + ".doomed", "reborn-", 1, 20);
                db.insertNames(ns + ".kept", "kept-", 31, 40);
                all = driver.pollUntil(r -> TaskDriver.names(r).contains("kept-40"), TIMEOUT);
                assertThat(TaskDriver.names(all)).noneMatch(n -> n.toString().startsWith("reborn-"));
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aTableCreatedAgainIsReadAgainAfterItsOffsetWhileTheTableCheckIsOn(TestDatabase db) throws Exception {
        String ns = db.createNamespace();
        try {
            db.createEventsTable(ns, "doomed");
            db.createEventsTable(ns, "kept");
            db.insertNames(ns + ".doomed", "doomed-", 1, 10);
            db.insertNames(ns + ".kept", "kept-", 1, 10);
            Map<String, String> props = twoTables(db, ns);
            props.put("table.poll.interval.ms", "200");
            try (TaskDriver driver = new TaskDriver(props)) {
                driver.pollUntil(TaskDriver.hasNames(20), TIMEOUT);
                db.execute("DROP TABLE " + ns + ".doomed");
                db.insertNames(ns + ".kept", "kept-", 11, 20);
                driver.pollUntil(r -> TaskDriver.names(r).contains("kept-20"), TIMEOUT);

                // The same name again, ids from 1: the reader resumes after its offset (id 10), as documented.
                db.createEventsTable(ns, "doomed");
                db.insertNames(ns + ".doomed", "reborn-", 1, 15);
                List<SourceRecord> all = driver.pollUntil(r -> TaskDriver.names(r).contains("reborn-15"), TIMEOUT);
                assertThat(TaskDriver.names(all)).contains("reborn-11", "reborn-15")
                    .doesNotContain("reborn-1", "reborn-10");
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aCustomQueryWhoseTableIsDroppedFailsTheTaskNamingIt(TestDatabase db) throws Exception {
        String ns = db.createNamespace();
        try {
            db.createEventsTable(ns, "source_rows");
            db.insertNames(ns + ".source_rows", "q-", 1, 5);
            Map<String, String> props = db.taskConfig(ns, "source_rows", "incrementing");
            props.remove(JdbcSourceTaskConfig.TASK_TABLES_CONFIG);
            props.remove("table.include.list");
            props.put("query", "SELECT id, name FROM " + ns + ".source_rows WHERE name <> 'x'");
            props.put("query.topic", "dropped-query");
            props.put("key.mode", "none");
            try (TaskDriver driver = new TaskDriver(props)) {
                driver.pollUntil(TaskDriver.hasNames(5), TIMEOUT);
                db.execute("DROP TABLE " + ns + ".source_rows");
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 100; i++) {
                        driver.poll();
                    }
                }).isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
                    .hasMessageStartingWith("query reads a table or view that does not exist")
                    .hasMessageContaining("source_rows")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    private static Map<String, String> twoTables(TestDatabase db, String ns) {
        Map<String, String> props = db.taskConfig(ns, "doomed", "incrementing");
        props.put("table.include.list", ns + "\\..*");
        props.put(JdbcSourceTaskConfig.TASK_TABLES_CONFIG,
            new TableId(ns, "doomed").encode() + "," + new TableId(ns, "kept").encode());
        return props;
    }
}
