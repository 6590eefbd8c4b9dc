package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** The per-table task metrics, read as MBeans from the platform MBean server, as a 3.9 worker exposes them. */
class JdbcTaskMetricsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    @Test
    void rowsQueriesAndLagMoveAsTheTaskReadsAndNoMBeanOutlivesStop() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            String table = db.createEventsTable(ns, "events");
            db.execute("INSERT INTO " + table + " (name) SELECT 'm-' || g FROM generate_series(1, 25) g");
            Map<String, String> props = db.taskConfig(ns, "events", "timestamp+incrementing");
            props.put("name", "metrics-it-" + ns);
            props.put("batch.max.rows", "10");
            ObjectName pattern = new ObjectName("spillway:type=jdbc-source-task-metrics,connector=metrics-it-"
                + ns + ",*");
            try (TaskDriver driver = new TaskDriver(props)) {
                ObjectName bean = tableBean(pattern);
                assertThat(bean.getKeyProperty("table")).isEqualTo(ns + ".events");
                assertThat((Double) SERVER.getAttribute(bean, "lag-ms")).isNaN();

                driver.pollUntil(TaskDriver.hasNames(25), TIMEOUT);
                assertThat(value(bean, "rows-total")).isEqualTo(25);
                assertThat(value(bean, "queries-total")).isGreaterThanOrEqualTo(1);
                assertThat(value(bean, "query-time-avg-ms")).isGreaterThanOrEqualTo(0);
                assertThat(value(bean, "retries-total")).isZero();

                db.execute("INSERT INTO " + table + " (name) VALUES ('late')");
                driver.pollUntil(TaskDriver.hasNames(26), TIMEOUT);
                assertThat(value(bean, "rows-total")).isEqualTo(26);
                // Caught up: the next empty read moves the lag to the horizon, about now.
                long end = System.nanoTime() + TIMEOUT.toNanos();
                while (!(value(bean, "lag-ms") < 2000) && System.nanoTime() < end) {
                    driver.poll();
                }
                assertThat(value(bean, "lag-ms")).isBetween(-1000.0, 2000.0);
            }
            assertThat(SERVER.queryNames(pattern, null)).isEmpty();
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void incrementingModeHasNoLagMetric() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            db.createEventsTable(ns, "events");
            Map<String, String> props = db.taskConfig(ns, "events", "incrementing");
            props.put("name", "metrics-it-" + ns);
            ObjectName pattern = new ObjectName("spillway:type=jdbc-source-task-metrics,connector=metrics-it-"
                + ns + ",*");
            try (TaskDriver driver = new TaskDriver(props)) {
                driver.poll();
                ObjectName bean = tableBean(pattern);
                assertThat(SERVER.getMBeanInfo(bean).getAttributes())
                    .extracting(a -> a.getName()).contains("rows-total", "horizon-wait-ms-total")
                    .doesNotContain("lag-ms");
            }
            assertThat(SERVER.queryNames(pattern, null)).isEmpty();
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void poolGaugesShowTheTasksOneConnection() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            String table = db.createEventsTable(ns, "events");
            db.execute("INSERT INTO " + table + " (name) SELECT 'p-' || g FROM generate_series(1, 25) g");
            Map<String, String> props = db.taskConfig(ns, "events", "timestamp+incrementing");
            props.put("name", "metrics-it-pool-" + ns);
            props.put("batch.max.rows", "10");
            ObjectName pattern = new ObjectName("spillway:type=jdbc-source-task-metrics,connector=metrics-it-pool-"
                + ns + ",*");
            try (TaskDriver driver = new TaskDriver(props)) {
                // Task-level, tagged like the task's other metrics but without a table: the pool is the task's.
                ObjectName pool = new ObjectName("spillway:type=jdbc-source-task-metrics,connector=metrics-it-pool-"
                    + ns + ",task=unknown");
                assertThat(SERVER.queryNames(pattern, null)).contains(pool).hasSize(2);
                // The pool opens connections on first use only.
                assertThat(value(pool, "pool-total-connections")).isZero();
                assertThat(value(pool, "pool-active-connections")).isZero();
                assertThat(value(pool, "pool-max-connections")).isEqualTo(1);

                driver.pollUntil(records -> !records.isEmpty(), TIMEOUT);
                assertThat(value(pool, "pool-total-connections")).isEqualTo(1);
                assertThat(value(pool, "pool-active-connections") + value(pool, "pool-idle-connections"))
                    .isEqualTo(1);
                assertThat(value(pool, "pool-threads-waiting")).isZero();

                driver.pollUntil(TaskDriver.hasNames(25), TIMEOUT);
                // Read to the end: the connection went back to the pool, which may already have closed it.
                assertThat(value(pool, "pool-active-connections")).isZero();
                assertThat(value(pool, "pool-total-connections")).isBetween(0.0, 1.0);
                assertThat(value(pool, "pool-threads-waiting")).isZero();
            }
            assertThat(SERVER.queryNames(pattern, null)).isEmpty();
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void aFailedStartLeavesNoMBean() throws Exception {
        Map<String, String> props = TestDatabase.POSTGRES.taskConfig("no_such_schema", "events", "incrementing");
        props.put("name", "metrics-it-failed-start");
        // No driver accepts this URL: start() fails building the pool, after the task registered its metrics.
        props.put("connection.url", "jdbc:spillway-no-such-driver://127.0.0.1/test");
        JdbcSourceTask task = new JdbcSourceTask();
        assertThatThrownBy(() -> task.start(props)).isInstanceOf(ConfigException.class);
        assertThat(SERVER.queryNames(new ObjectName(
            "spillway:type=jdbc-source-task-metrics,connector=metrics-it-failed-start,*"), null)).isEmpty();
    }

    /** The one MBean of the pattern with a table tag (the other is the task's pool). */
    private static ObjectName tableBean(ObjectName pattern) {
        Set<ObjectName> names = SERVER.queryNames(pattern, null);
        assertThat(names).hasSize(2);
        return names.stream().filter(name -> name.getKeyProperty("table") != null).findFirst().orElseThrow();
    }

    private static double value(ObjectName bean, String attribute) throws Exception {
        return ((Number) SERVER.getAttribute(bean, attribute)).doubleValue();
    }
}
