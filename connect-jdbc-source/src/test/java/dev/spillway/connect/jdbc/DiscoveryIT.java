package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.jdbc.dialect.MariaDbDialect;
import dev.spillway.connect.jdbc.dialect.PostgresDialect;
import dev.spillway.connect.jdbc.discovery.DiscoveredTable;
import dev.spillway.connect.jdbc.discovery.TableType;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The catalog queries on the real databases: partitioned tables, views, row estimates, the task split. */
class DiscoveryIT {

    @Test
    void postgresFindsPartitionedParentsNotTheirPartitionsWithSummedEstimates() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            db.execute("CREATE TABLE " + ns + ".measurements (id INT, at DATE) PARTITION BY RANGE (at)",
                "CREATE TABLE " + ns + ".m2025 PARTITION OF " + ns + ".measurements FOR VALUES FROM ('2025-01-01')"
                    + " TO ('2026-01-01')",
                "CREATE TABLE " + ns + ".m2026 PARTITION OF " + ns + ".measurements FOR VALUES FROM ('2026-01-01')"
                    + " TO ('2027-01-01')",
                "INSERT INTO " + ns + ".measurements SELECT g, DATE '2025-01-01' + (g % 700) FROM"
                    + " generate_series(1, 5000) g",
                "CREATE TABLE " + ns + ".small (id INT PRIMARY KEY)",
                "INSERT INTO " + ns + ".small SELECT generate_series(1, 10)",
                "CREATE VIEW " + ns + ".v AS SELECT * FROM " + ns + ".small",
                "ANALYZE " + ns + ".m2025", "ANALYZE " + ns + ".m2026", "ANALYZE " + ns + ".small");
            Map<String, DiscoveredTable> found;
            try (Connection c = db.connect()) {
                found = new PostgresDialect().discover(c).stream().filter(t -> ns.equals(t.id().schema()))
                    .collect(Collectors.toMap(t -> t.id().name(), t -> t));
            }
            assertThat(found.keySet()).containsExactlyInAnyOrder("measurements", "small", "v");
            assertThat(found.get("measurements").type()).isEqualTo(TableType.TABLE);
            assertThat(found.get("measurements").estimatedRows()).isEqualTo(5000);
            assertThat(found.get("small").estimatedRows()).isEqualTo(10);
            assertThat(found.get("v").type()).isEqualTo(TableType.VIEW);

            Map<String, String> props = db.taskConfig(ns, "measurements", "bulk");
            props.put("table.include.list", ns + "\\..*");
            props.put("table.types", "TABLE,VIEW");
            JdbcSourceConnector connector = new JdbcSourceConnector();
            connector.start(props);
            try {
                List<Map<String, String>> tasks = connector.taskConfigs(2);
                assertThat(tasks).hasSize(2);
                // The big partitioned table alone in one task, the small table and the view in the other.
                assertThat(tasks).extracting(t -> t.get(JdbcSourceTaskConfig.TASK_TABLES_CONFIG).split(",").length)
                    .containsExactlyInAnyOrder(1, 2);
            } finally {
                connector.stop();
            }
            try (TaskDriver driver = new TaskDriver(db.taskConfig(ns, "measurements", "bulk"))) {
                assertThat(driver.pollUntil(r -> r.size() >= 5000, java.time.Duration.ofSeconds(30))).hasSize(5000);
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void mariaDbFindsTablesAndViewsOfEveryDatabase() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        String ns = db.createNamespace();
        try {
            db.execute("CREATE TABLE " + ns + ".`we``ird.name` (id INT PRIMARY KEY)",
                "CREATE VIEW " + ns + ".v AS SELECT 1 AS one");
            List<DiscoveredTable> found;
            try (Connection c = db.connect()) {
                found = new MariaDbDialect(ZoneOffset.UTC).discover(c).stream()
                    .filter(t -> ns.equals(t.id().schema())).toList();
            }
            assertThat(found).extracting(t -> t.id().name() + ":" + t.type())
                .containsExactlyInAnyOrder("we`ird.name:TABLE", "v:VIEW");
        } finally {
            db.dropNamespace(ns);
        }
    }
}
