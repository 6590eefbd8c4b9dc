package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.jdbc.dialect.Dialect;
import dev.spillway.connect.jdbc.discovery.DiscoveredTable;
import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.discovery.TableType;
import dev.spillway.connect.jdbc.snapshot.SnapshotRange;
import dev.spillway.connect.jdbc.snapshot.TableSplit;
import dev.spillway.testcluster.DatabaseServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database goes away while a split plan is due or being made: a private server of the test's own (the shared
 * ones must stay up), the connector's snapshot coordinator driven directly. While the server is down the big table
 * gets no decision, so no task is given it (neither whole nor split), and nothing fails the connector; once the
 * server is back the next pass makes the plan. A kill in the middle of the key scan leaves no partial plan: the
 * plan after the restart has the same ranges as one made on an undisturbed server.
 */
class SnapshotPlanningOutageIT {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPlanningOutageIT.class);
    private static final int ROWS = 400_000;

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseServer.Kind.class)
    void noPlanWhileTheDatabaseIsDownNoPartialPlanFromAKillMidScanAndTheSamePlanOnceItIsBack(DatabaseServer.Kind kind)
        throws Exception {
        boolean postgres = kind == DatabaseServer.Kind.POSTGRESQL;
        try (DatabaseServer server = DatabaseServer.start(kind, Path.of("target", "db-servers"))) {
            String url = server.jdbcUrl(postgres ? "postgres" : "mysql");
            execute(server, url, postgres ? "CREATE SCHEMA plan_outage" : "CREATE DATABASE plan_outage",
                "CREATE TABLE plan_outage.big (id BIGINT NOT NULL, name VARCHAR(40), PRIMARY KEY (id))",
                postgres ? "INSERT INTO plan_outage.big SELECT g, 'row-' || g FROM generate_series(1, " + ROWS + ") g"
                    : "INSERT INTO plan_outage.big SELECT seq, CONCAT('row-', seq) FROM seq_1_to_" + ROWS);
            DiscoveredTable big = new DiscoveredTable(new TableId("plan_outage", "big"), TableType.TABLE, ROWS);
            JdbcSourceConfig config = new JdbcSourceConfig(Map.of("connection.url", url,
                "connection.user", server.user(), "mode", "incrementing", "incrementing.column.name", "id",
                "table.include.list", "plan_outage\\.big", "snapshot.split.min.rows", "10000",
                "snapshot.split.max.ranges", "8", "connection.timeout.ms", "2000"));
            Dialect dialect = Dialect.forUrl(url, config.recordSettings().dbZone());

            // Down before the pass: no decision, the table is held back, the connector is not failed.
            server.stop();
            Recorder down = new Recorder();
            SnapshotCoordinator coordinator = coordinator(config, dialect, big, down);
            coordinator.refresh();
            assertThat(coordinator.decision(big.id())).as("decision while the database is down").isNull();
            assertThat(WorkUnit.of(List.of(big), coordinator)).as("work assigned while undecided").isEmpty();
            assertThat(down.failures).as("connector failures").isEmpty();
            assertThat(down.changes).hasValue(0);

            server.start();
            coordinator.refresh();
            TableSplit afterOutage = coordinator.decision(big.id()).orElseThrow();
            assertThat(down.changes).hasValue(1);
            assertThat(WorkUnit.of(List.of(big), coordinator)).as("the table's own unit and one per range")
                .extracting(unit -> unit.range() == null ? "table" : "range").containsOnlyOnce("table").hasSize(9);
            assertThat(afterOutage.w()).isEqualTo(Integer.toString(ROWS));

            // Killed during the key scan, at one of several points: never a partial plan.
            int interrupted = 0;
            for (long delayMs : List.of(5L, 20L, 60L)) {
                Recorder killed = new Recorder();
                SnapshotCoordinator another = coordinator(config, dialect, big, killed);
                Thread pass = new Thread(another::refresh, "plan-pass");
                pass.start();
                Thread.sleep(delayMs);
                server.kill();
                pass.join(60_000);
                assertThat(pass.isAlive()).as("the pass ended after the kill").isFalse();
                assertThat(killed.failures).as("connector failures").isEmpty();
                Optional<TableSplit> decided = another.decision(big.id());
                if (decided == null) {
                    interrupted++;
                } else {
                    assertThat(bounds(decided.orElseThrow())).as("a plan finished before the kill")
                        .isEqualTo(bounds(afterOutage));
                }
                server.start();
                another.refresh();
                assertThat(bounds(another.decision(big.id()).orElseThrow())).as("the plan after the restart")
                    .isEqualTo(bounds(afterOutage));
                another.stop();
            }
            LOG.info("SnapshotPlanningOutageIT {}: {} of 3 kills landed during the plan", kind, interrupted);
            coordinator.stop();
        }
    }

    private static List<String> bounds(TableSplit split) {
        return split.ranges().stream().map(SnapshotRange::describe).toList();
    }

    private static SnapshotCoordinator coordinator(JdbcSourceConfig config, Dialect dialect, DiscoveredTable big,
                                                   Recorder listener) {
        // No stored offsets: a connector's first start.
        StoredOffsetsFake offsets = new StoredOffsetsFake();
        return new SnapshotCoordinator("plan-outage", config, dialect, () -> offsets, () -> List.of(big), 2,
            listener);
    }

    private static void execute(DatabaseServer server, String url, String... sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, server.user(), "");
             Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    private static final class Recorder implements SnapshotCoordinator.Listener {
        final AtomicInteger changes = new AtomicInteger();
        final List<RuntimeException> failures = new CopyOnWriteArrayList<>();

        @Override
        public void changed() {
            changes.incrementAndGet();
        }

        @Override
        public void failed(RuntimeException e) {
            failures.add(e);
        }
    }
}
