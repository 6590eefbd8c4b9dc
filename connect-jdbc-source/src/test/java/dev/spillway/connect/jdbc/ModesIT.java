package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Bulk streaming, timestamp groups across batch limits and restarts, the custom query, ids beyond Long. */
class ModesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void timestampModeKeepsAGroupOfEqualTimestampsWholeAcrossTheBatchLimitAndARestart() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            String table = db.createEventsTable(ns, "events");
            db.execute("INSERT INTO " + table + " (name) VALUES ('solo')");
            // One transaction: now() is the same for all seven rows.
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                for (int i = 1; i <= 7; i++) {
                    s.execute("INSERT INTO " + table + " (name) VALUES ('group-" + i + "')");
                }
                c.commit();
            }
            db.execute("INSERT INTO " + table + " (name) VALUES ('after')");
            Map<String, String> props = db.taskConfig(ns, "events", "timestamp");
            props.put("batch.max.rows", "3");
            try (TaskDriver driver = new TaskDriver(props)) {
                List<SourceRecord> all = driver.pollUntil(r -> r.size() >= 9, TIMEOUT);
                assertThat(TaskDriver.names(all)).containsExactlyInAnyOrder("solo", "group-1", "group-2", "group-3",
                    "group-4", "group-5", "group-6", "group-7", "after");
                List<SourceRecord> group = all.stream()
                    .filter(r -> ((Struct) r.value()).getString("name").startsWith("group-")).toList();
                Object soloTs = all.get(0).sourceOffset().get("ts");
                // Inside the group the offset still names the previous group; only its last record moves on.
                for (int i = 0; i < 6; i++) {
                    assertThat(group.get(i).sourceOffset().get("ts")).isEqualTo(soloTs);
                }
                assertThat(group.get(6).sourceOffset().get("ts")).isNotEqualTo(soloTs);
                assertThat((String) group.get(6).sourceOffset().get("ts")).matches(".*\\.\\d{6}Z");

                // The worker crashed after committing the third record of the group: the group comes again.
                driver.commitOnlyUpTo(group.get(2));
                driver.restart();
                driver.emitted.clear();
                List<SourceRecord> again = driver.pollUntil(r -> r.size() >= 8, TIMEOUT);
                assertThat(TaskDriver.names(again)).containsExactlyInAnyOrder("group-1", "group-2", "group-3",
                    "group-4", "group-5", "group-6", "group-7", "after");
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void timestampModeStreamsItsCatchUpOverManyPollsAndCursorsAndResumesAtAWholeGroupAfterARestart()
        throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            String table = db.createEventsTable(ns, "events");
            // Groups of 4 equal timestamps, one group of 170 (more than a cursor's 3 x 50 rows), groups of 3.
            db.execute("INSERT INTO " + table + " (name, updated) SELECT 'a-' || g,"
                    + " timestamptz '2026-01-01 00:00:00Z' + (g / 4) * interval '1 second'"
                    + " FROM generate_series(1, 300) g",
                "INSERT INTO " + table + " (name, updated) SELECT 'b-' || g, timestamptz '2026-01-01 01:00:00Z'"
                    + " FROM generate_series(1, 170) g",
                "INSERT INTO " + table + " (name, updated) SELECT 'c-' || g,"
                    + " timestamptz '2026-01-01 02:00:00Z' + (g / 3) * interval '1 second'"
                    + " FROM generate_series(1, 50) g");
            Map<String, String> props = db.taskConfig(ns, "events", "timestamp");
            props.put("batch.max.rows", "3");
            try (TaskDriver driver = new TaskDriver(props)) {
                List<SourceRecord> all = new ArrayList<>(driver.pollUntil(r -> r.size() >= 520, TIMEOUT));
                List<Object> names = TaskDriver.names(all);
                assertThat(names).hasSize(520).doesNotHaveDuplicates();
                Instant previous = Instant.MIN;
                for (int i = 0; i < all.size(); i++) {
                    Instant ts = rowTs(all.get(i));
                    Instant offsetTs = offsetTs(all.get(i));
                    assertThat(ts).isAfterOrEqualTo(previous);
                    // Never ahead of the row; the last record of a group names the group itself.
                    assertThat(offsetTs == null ? Instant.MIN : offsetTs).isBeforeOrEqualTo(ts);
                    boolean endsGroup = i == all.size() - 1 || !rowTs(all.get(i + 1)).equals(ts);
                    if (endsGroup) {
                        assertThat(offsetTs).isEqualTo(ts);
                    } else {
                        assertThat(offsetTs).isNotEqualTo(ts);
                    }
                    previous = ts;
                }
                // Crashes that committed only up to a record mid-group, in the small groups and in the big one:
                // everything after the last whole group comes again, nothing before it.
                for (int crashAt : new int[] {150, 400}) {
                    Instant committed = offsetTs(all.get(crashAt));
                    List<Object> expected = all.stream().filter(r -> rowTs(r).isAfter(committed))
                        .map(r -> ((Struct) r.value()).get("name")).toList();
                    driver.commitOnlyUpTo(all.get(crashAt));
                    driver.restart();
                    driver.emitted.clear();
                    List<SourceRecord> again = driver.pollUntil(r -> r.size() >= expected.size(), TIMEOUT);
                    assertThat(TaskDriver.names(again)).containsExactlyElementsOf(expected);
                }
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    private static Instant rowTs(SourceRecord record) {
        return ((java.util.Date) ((Struct) record.value()).get("updated")).toInstant();
    }

    private static Instant offsetTs(SourceRecord record) {
        Object ts = record.sourceOffset().get("ts");
        return ts == null ? null : Instant.parse((String) ts);
    }

    @Test
    void bulkStreamsATableOverManyPollsAndShowsDeletesInTheNextSnapshot() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            String table = db.createEventsTable(ns, "events");
            db.execute("INSERT INTO " + table + " (name) SELECT 'b-' || g FROM generate_series(1, 2500) g");
            Map<String, String> props = db.taskConfig(ns, "events", "bulk");
            props.put("batch.max.rows", "100");
            props.put("poll.interval.ms", "300");
            try (TaskDriver driver = new TaskDriver(props)) {
                List<SourceRecord> first = driver.poll();
                assertThat(first).hasSize(100);
                driver.pollUntil(r -> r.size() >= 2500, TIMEOUT);
                assertThat(driver.emitted.get(0).sourceOffset().get("snapshot")).isEqualTo(1L);
                db.execute("DELETE FROM " + table + " WHERE id > 2000");
                driver.pollUntil(r -> r.size() >= 4500, TIMEOUT);
                List<SourceRecord> second = driver.emitted.subList(2500, 4500);
                assertThat(second).allSatisfy(r -> assertThat(r.sourceOffset().get("snapshot")).isEqualTo(2L));
                assertThat(TaskDriver.names(second)).doesNotContain("b-2001").contains("b-2000");
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void aCustomQueryWithItsOwnWhereGetsTheIncrementalConditionsAppendedSafely() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        String ns = db.createNamespace();
        try {
            String table = db.createEventsTable(ns, "events");
            db.execute("INSERT INTO " + table + " (name) VALUES ('keep-1'), ('drop-1'), ('keep-2'), ('drop-2')");
            Map<String, String> props = db.taskConfig(ns, "events", "timestamp+incrementing");
            props.remove("table.include.list");
            props.remove(JdbcSourceTaskConfig.TASK_TABLES_CONFIG);
            props.put("query", "SELECT id, name, updated FROM " + table + " WHERE name LIKE 'keep%' OR name = 'x';");
            props.put("query.topic", "kept");
            props.put("key.mode", "columns");
            props.put("key.columns", "id");
            try (TaskDriver driver = new TaskDriver(props)) {
                driver.pollUntil(r -> r.size() >= 2, TIMEOUT);
                db.execute("INSERT INTO " + table + " (name) VALUES ('drop-3'), ('keep-3')");
                List<SourceRecord> all = driver.pollUntil(r -> r.size() >= 3, TIMEOUT);
                driver.pollFor(Duration.ofMillis(300));
                assertThat(TaskDriver.names(driver.emitted)).containsExactly("keep-1", "keep-2", "keep-3");
                assertThat(all.get(0).topic()).isEqualTo("kept");
                assertThat(all.get(0).sourcePartition()).isEqualTo(Map.of("query", "kept"));
                assertThat(((Struct) all.get(0).key()).getInt64("id")).isEqualTo(1L);
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    /** The driver reports c.name NOT NULL (its base column is), yet the outer join gives NULL: the field is optional. */
    @Test
    void aCustomQueryWithAnOuterJoinSendsItsNulls() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            db.execute("CREATE TABLE " + ns + ".customers (id INT PRIMARY KEY, name TEXT NOT NULL)",
                "CREATE TABLE " + ns + ".orders (id INT PRIMARY KEY, customer_id INT, total INT NOT NULL)",
                "INSERT INTO " + ns + ".customers VALUES (1, 'ann')",
                "INSERT INTO " + ns + ".orders VALUES (10, 1, 5), (11, NULL, 7)");
            Map<String, String> props = db.taskConfig(ns, "orders", "incrementing");
            props.remove("table.include.list");
            props.remove(JdbcSourceTaskConfig.TASK_TABLES_CONFIG);
            props.put("query", "SELECT o.id, o.total, c.name FROM " + ns + ".orders o LEFT JOIN " + ns
                + ".customers c ON c.id = o.customer_id");
            props.put("query.topic", "orders-joined");
            props.put("incrementing.column.name", "id");
            props.put("key.mode", "columns");
            props.put("key.columns", "id");
            try (TaskDriver driver = new TaskDriver(props)) {
                List<SourceRecord> records = driver.pollUntil(r -> r.size() >= 2, TIMEOUT);
                Struct joined = (Struct) records.get(0).value();
                Struct alone = (Struct) records.get(1).value();
                assertThat(joined.getString("name")).isEqualTo("ann");
                assertThat(alone.get("name")).isNull();
                assertThat(alone.getInt32("total")).isEqualTo(7);
                assertThat(alone.schema().field("name").schema().isOptional()).isTrue();
            }
            // Two columns of one name cannot both be fields: validate says so on 'query', and so does the task.
            props.put("query", "SELECT o.id, c.id FROM " + ns + ".orders o LEFT JOIN " + ns
                + ".customers c ON c.id = o.customer_id");
            Map<String, String> connectorProps = new java.util.HashMap<>(props);
            assertThat(new JdbcSourceConnector().validate(connectorProps).configValues())
                .filteredOn(v -> !v.errorMessages().isEmpty()).singleElement().satisfies(v -> {
                    assertThat(v.name()).isEqualTo("query");
                    assertThat(v.errorMessages().get(0)).contains("two columns named 'id' (columns 1 and 2)");
                });
            try (TaskDriver driver = new TaskDriver(props)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> driver.pollUntil(r -> false,
                    Duration.ofSeconds(5))).hasMessageContaining("two columns named 'id'");
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void aNullIdInTimestampIncrementingModeFailsNamingTheRowInsteadOfLosingItsGroup() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            db.execute("CREATE TABLE " + ns + ".t (id INT, updated TIMESTAMP NOT NULL, name TEXT)",
                "INSERT INTO " + ns + ".t VALUES (1, '2026-01-01 00:00:00', 'a'), (NULL, '2026-01-01 00:00:01', 'b'),"
                    + " (3, '2026-01-01 00:00:01', 'c')");
            Map<String, String> props = db.taskConfig(ns, "t", "timestamp+incrementing");
            props.put("key.mode", "none");
            assertTaskFails(props, "id is NULL in the row at updated =", "2026-01-01");
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void anIncrementingColumnThatIsNotANumberFailsNamingTheColumn() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            db.execute("CREATE TABLE " + ns + ".t (id TEXT PRIMARY KEY, updated TIMESTAMP NOT NULL DEFAULT now())",
                "INSERT INTO " + ns + ".t (id) VALUES ('ORD-0001')");
            Map<String, String> props = db.taskConfig(ns, "t", "incrementing");
            assertTaskFails(props, "Column 'id' of", "'ORD-0001', not a number", "incrementing.column.name");
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void aStoredOffsetThatNoLongerFitsItsColumnFailsSayingHowToMoveOn() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            db.execute("CREATE TABLE " + ns + ".t (id INT PRIMARY KEY, updated TIMESTAMP NOT NULL)",
                "INSERT INTO " + ns + ".t VALUES (1, '2026-01-01 00:00:00')");
            Map<String, String> props = db.taskConfig(ns, "t", "timestamp");
            try (TaskDriver driver = new TaskDriver(props)) {
                driver.pollUntil(r -> r.size() >= 1, TIMEOUT);
                db.execute("ALTER TABLE " + ns + ".t ALTER COLUMN updated TYPE timestamptz");
                driver.restart();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> driver.pollUntil(r -> false,
                    Duration.ofSeconds(10))).hasMessageContaining("the stored offset's timestamp")
                    .hasMessageContaining("now a timestamp with time zone").hasMessageContaining("/offsets");
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void incrementingIdsBeyondLong() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        String ns = db.createNamespace();
        try {
            db.execute("CREATE TABLE " + ns + ".big (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,"
                + " name VARCHAR(20)) AUTO_INCREMENT = 9223372036854775806");
            db.execute("INSERT INTO " + ns + ".big (name) VALUES ('a'), ('b'), ('c'), ('d')");
            Map<String, String> props = db.taskConfig(ns, "big", "incrementing");
            props.put("batch.max.rows", "2");
            try (TaskDriver driver = new TaskDriver(props)) {
                driver.pollUntil(r -> r.size() >= 4, TIMEOUT);
                driver.restart();
                db.execute("INSERT INTO " + ns + ".big (name) VALUES ('e')");
                driver.pollUntil(r -> r.size() >= 5, TIMEOUT);
                assertThat(TaskDriver.names(driver.emitted)).containsExactly("a", "b", "c", "d", "e");
                List<Object> ids = new ArrayList<>();
                driver.emitted.forEach(r -> ids.add(r.sourceOffset().get("id")));
                assertThat(ids).containsExactly("9223372036854775806", "9223372036854775807",
                    "9223372036854775808", "9223372036854775809", "9223372036854775810");
                assertThat(((Struct) driver.emitted.get(4).value()).get("id"))
                    .isEqualTo(new BigDecimal("9223372036854775810"));
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    /** The task's first polls fail with a message that contains every one of {@code parts}. */
    private static void assertTaskFails(Map<String, String> props, String... parts) throws Exception {
        try (TaskDriver driver = new TaskDriver(props)) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> driver.pollUntil(r -> false,
                Duration.ofSeconds(10)));
            assertThat(thrown).as("the task's failure").isNotNull();
            assertThat(thrown.getMessage()).contains(parts);
        }
    }
}
