package dev.spillway.connect.rest.metrics;

import dev.spillway.connect.metrics.SpillwayMetrics;
import dev.spillway.connect.metrics.TaskIdentity;
import org.apache.kafka.connect.source.SourceTaskContext;

import java.util.Map;

/**
 * The metrics of one REST source task, one {@link EndpointMetrics} per endpoint it reads. On a 4.1+ worker they
 * are the task's KIP-877 plugin metrics ({@code kafka.connect:type=plugins,connector=..,task=..,endpoint=..}); on
 * older workers MBeans {@code spillway:type=rest-source-task-metrics,connector=..,task=..,endpoint=..}.
 */
public final class RestTaskMetrics implements AutoCloseable {

    /** The JMX group (MBean {@code type}) where the worker offers no plugin metrics. */
    public static final String GROUP = "rest-source-task-metrics";
    public static final String ENDPOINT_TAG = "endpoint";

    private final SpillwayMetrics metrics;

    private RestTaskMetrics(SpillwayMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * @param taskContext the task's {@code SourceTaskContext}, asked for plugin metrics
     * @param taskConfig  the task's configuration, which carries the connector's {@code name}
     */
    public static RestTaskMetrics register(SourceTaskContext taskContext, Map<String, String> taskConfig) {
        return new RestTaskMetrics(SpillwayMetrics.forTask(taskContext, GROUP, TaskIdentity.of(taskConfig)));
    }

    /** Registers the metrics of one endpoint. */
    public EndpointMetrics endpoint(String endpoint, boolean sincePagination) {
        return new EndpointMetrics(metrics.metricSet(Map.of(ENDPOINT_TAG, endpoint)), sincePagination);
    }

    /** Unregisters every metric of the task; idempotent. */
    @Override
    public void close() {
        metrics.close();
    }
}
