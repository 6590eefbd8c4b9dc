package dev.spillway.connect.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics of one plugin instance (a task, a transform), and the one place that chooses where they go:
 * <ul>
 *   <li>a task on a worker that offers KIP-877 plugin metrics (Kafka 4.1+): the worker's registry, MBeans
 *       {@code kafka.connect:type=plugins,connector=<name>,task=<id>,<tags>};</li>
 *   <li>otherwise (Kafka 3.9, and transforms on every version): a registry of Spillway's own, MBeans
 *       {@code spillway:type=<group>,connector=<name>,task=<id>,<tags>}.</li>
 * </ul>
 * Metric names and tags other than the instance's are the same on both. {@link #close()} unregisters everything,
 * so a restarted or rebalanced task leaves no MBean behind.
 */
public final class SpillwayMetrics implements AutoCloseable {

    /** JMX domain of the metrics Spillway registers itself. */
    public static final String JMX_DOMAIN = "spillway";
    public static final String CONNECTOR_TAG = "connector";
    public static final String TASK_TAG = "task";
    /** Tag of transform metrics: the transform's type, with a {@code -2}, {@code -3} suffix for repeats in a chain. */
    public static final String TRANSFORM_TAG = "transform";
    /** JMX group (the {@code type} key) of transform metrics. */
    public static final String TRANSFORM_GROUP = "transform-metrics";

    private static final Logger LOG = LoggerFactory.getLogger(SpillwayMetrics.class);

    private final MetricsBackend backend;
    private final String sensorPrefix;
    private boolean closed;

    private SpillwayMetrics(MetricsBackend backend, String sensorPrefix) {
        this.backend = backend;
        this.sensorPrefix = sensorPrefix;
    }

    /**
     * Metrics of a connector task: the worker's plugin metrics if {@code taskContext} offers them, else MBeans of
     * {@code jmxGroup} tagged with the connector and task.
     */
    public static SpillwayMetrics forTask(Object taskContext, String jmxGroup, TaskIdentity task) {
        String prefix = JMX_DOMAIN + "." + jmxGroup + "." + task.connector() + "." + task.task() + ".";
        MetricsBackend backend = WorkerPluginMetricsBackend.of(taskContext)
            .orElseGet(() -> new JmxBackend(jmxGroup, task.tags()));
        SpillwayMetrics metrics = new SpillwayMetrics(backend, prefix);
        LOG.info("Metrics of {} task {} are in {}", task.connector(), task.task(), backend.describe());
        return metrics;
    }

    /**
     * Metrics of a transform in the task whose thread calls this (see {@link TaskIdentity#current()}), as MBeans
     * {@code spillway:type=transform-metrics,connector=<name>,task=<id>,transform=<type>}.
     *
     * <p>Transforms get no plugin metrics from a 3.9 worker, and from 4.1+ only through the {@code Monitorable}
     * interface, which a plugin compiled against 3.9 cannot implement; so they use JMX on every version. Define
     * the metrics right away: the first metric takes the MBean name that the next instance of the type must skip.
     */
    public static SpillwayMetrics forTransform(String transformType) {
        return forTransform(transformType, TaskIdentity.current());
    }

    /** Metrics of a transform in {@code task}; see {@link #forTransform(String)}. */
    public static SpillwayMetrics forTransform(String transformType, TaskIdentity task) {
        LinkedHashMap<String, String> tags = freeTransformTags(task, transformType);
        String prefix = JMX_DOMAIN + "." + TRANSFORM_GROUP + "." + String.join(".", tags.values()) + ".";
        return new SpillwayMetrics(new JmxBackend(TRANSFORM_GROUP, tags), prefix);
    }

    /** The same transform type twice in one chain: the MBean server is what knows which names are taken. */
    private static LinkedHashMap<String, String> freeTransformTags(TaskIdentity task, String transformType) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (int n = 1; ; n++) {
            LinkedHashMap<String, String> tags = task.tags();
            tags.put(TRANSFORM_TAG, n == 1 ? transformType : transformType + "-" + n);
            try {
                if (n >= 100 || !server.isRegistered(new ObjectName(JmxBackend.objectName(TRANSFORM_GROUP, tags)))) {
                    return tags;
                }
            } catch (MalformedObjectNameException e) {
                return tags;
            }
        }
    }

    /** Metrics with these tags in addition to the instance's, e.g. {@code endpoint=<name>}. */
    public MetricSet metricSet(Map<String, String> tags) {
        return new MetricSet(backend, sensorPrefix, new LinkedHashMap<>(tags));
    }

    /** True if the metrics went to the worker's KIP-877 plugin metrics rather than Spillway's own MBeans. */
    public boolean usesWorkerPluginMetrics() {
        return backend instanceof WorkerPluginMetricsBackend;
    }

    /** Unregisters every metric; idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            backend.close();
        }
    }
}
