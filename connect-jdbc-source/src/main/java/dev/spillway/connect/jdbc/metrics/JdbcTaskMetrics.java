package dev.spillway.connect.jdbc.metrics;

import dev.spillway.connect.metrics.SpillwayMetrics;
import dev.spillway.connect.metrics.TaskIdentity;
import org.apache.kafka.connect.source.SourceTaskContext;

import java.util.Map;

/**
 * The metrics of one JDBC source task, one {@link PartitionMetrics} per table (or the custom query) it reads. On a
 * 4.1+ worker they are the task's KIP-877 plugin metrics ({@code kafka.connect:type=plugins,connector=..,task=..,
 * table=..}); on older workers MBeans {@code spillway:type=jdbc-source-task-metrics,connector=..,task=..,table=..}.
 */
public final class JdbcTaskMetrics implements AutoCloseable {

    /** The JMX group (MBean {@code type}) where the worker offers no plugin metrics. */
    public static final String GROUP = "jdbc-source-task-metrics";
    public static final String TABLE_TAG = "table";
    public static final String QUERY_TAG = "query";

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

    /** Registers the metrics of the custom query, tagged {@code query=<query.topic>}. */
    public PartitionMetrics query(String topic, boolean timestampMode) {
        return new PartitionMetrics(metrics.metricSet(Map.of(QUERY_TAG, topic)), timestampMode);
    }

    /** Unregisters every metric of the task; idempotent. */
    @Override
    public void close() {
        metrics.close();
    }
}
