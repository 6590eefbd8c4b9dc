package dev.spillway.connect.jdbc.metrics;

import com.zaxxer.hikari.HikariPoolMXBean;
import dev.spillway.connect.metrics.MetricSet;
import dev.spillway.connect.metrics.SpillwayMetrics;
import dev.spillway.connect.metrics.TaskIdentity;
import org.apache.kafka.connect.source.SourceTaskContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The metrics of one JDBC source task, one {@link PartitionMetrics} per table (or the custom query) it reads. On a
 * 4.1+ worker they are the task's KIP-877 plugin metrics ({@code kafka.connect:type=plugins,connector=..,task=..,
 * table=..}); on older workers MBeans {@code spillway:type=jdbc-source-task-metrics,connector=..,task=..,table=..}.
 * The task's connection pool gauges have no table tag: the pool is the task's.
 */
public final class JdbcTaskMetrics implements AutoCloseable {

    /** The JMX group (MBean {@code type}) where the worker offers no plugin metrics. */
    public static final String GROUP = "jdbc-source-task-metrics";
    public static final String TABLE_TAG = "table";
    public static final String QUERY_TAG = "query";
    public static final String RANGE_TAG = "range";

    private final SpillwayMetrics metrics;

    private JdbcTaskMetrics(SpillwayMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * @param taskContext the task's {@code SourceTaskContext}, asked for plugin metrics
     * @param taskConfig  the task's configuration, which carries the connector's {@code name}
     */
    public static JdbcTaskMetrics register(SourceTaskContext taskContext, Map<String, String> taskConfig) {
        return new JdbcTaskMetrics(SpillwayMetrics.forTask(taskContext, GROUP, TaskIdentity.of(taskConfig)));
    }

    /** Registers the metrics of one table, tagged {@code table=<schema.table>}. */
    public PartitionMetrics table(String qualifiedName, boolean timestampMode) {
        return new PartitionMetrics(metrics.metricSet(Map.of(TABLE_TAG, qualifiedName)), timestampMode);
    }

    /** Registers the metrics of one key range of a table snapshotted in parallel, tagged table and range. */
    public PartitionMetrics range(String qualifiedName, int range, boolean timestampMode) {
        // In this order: JMX names and the exporter rules list the table before the range.
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TABLE_TAG, qualifiedName);
        tags.put(RANGE_TAG, String.valueOf(range));
        return new PartitionMetrics(metrics.metricSet(tags), timestampMode);
    }

    /** Registers the metrics of the custom query, tagged {@code query=<query.topic>}. */
    public PartitionMetrics query(String topic, boolean timestampMode) {
        return new PartitionMetrics(metrics.metricSet(Map.of(QUERY_TAG, topic)), timestampMode);
    }

    /**
     * Registers gauges of the task's connection pool, read from HikariCP's pool MXBean when they are read; 0 while
     * {@code pool} supplies null (before the pool is built).
     */
    public void pool(Supplier<HikariPoolMXBean> pool, int maxConnections) {
        MetricSet set = metrics.metricSet(Map.of());
        poolGauge(set, pool, "pool-active-connections", "Connections of the task's pool in use by a query",
            HikariPoolMXBean::getActiveConnections);
        poolGauge(set, pool, "pool-idle-connections", "Open connections of the task's pool not in use",
            HikariPoolMXBean::getIdleConnections);
        poolGauge(set, pool, "pool-total-connections", "Open connections of the task's pool, active and idle",
            HikariPoolMXBean::getTotalConnections);
        poolGauge(set, pool, "pool-threads-waiting", "Threads waiting for a connection of the task's pool",
            HikariPoolMXBean::getThreadsAwaitingConnection);
        set.gauge("pool-max-connections", "The most connections the task's pool opens", () -> maxConnections);
    }

    private static void poolGauge(MetricSet set, Supplier<HikariPoolMXBean> pool, String name, String description,
                                  ToIntFunction<HikariPoolMXBean> value) {
        set.gauge(name, description, () -> {
            HikariPoolMXBean bean = pool.get();
            return bean == null ? 0 : value.applyAsInt(bean);
        });
    }

    /** Unregisters every metric of the task; idempotent. */
    @Override
    public void close() {
        metrics.close();
    }
}
