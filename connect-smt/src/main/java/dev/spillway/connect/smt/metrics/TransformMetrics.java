package dev.spillway.connect.smt.metrics;

import dev.spillway.connect.metrics.MetricSet;
import dev.spillway.connect.metrics.SpillwayMetrics;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The metrics of one transform instance, as MBeans
 * {@code spillway:type=transform-metrics,connector=<name>,task=<id>,transform=<type>} on every Kafka version (a
 * transform compiled against the 3.9 API cannot receive the worker's KIP-877 plugin metrics).
 *
 * <p>Registered on the first record rather than in {@code configure()}: the worker also configures transforms
 * that never see a record (while it validates a connector configuration) and never closes some of those; and the
 * first record arrives on the task's thread, whose logging context names the connector and task.
 */
public final class TransformMetrics implements AutoCloseable {

    private final String transformType;
    private final Consumer<MetricSet> definitions;
    private volatile SpillwayMetrics metrics;
    private boolean closed;

    /**
     * @param transformType the {@code transform} tag, such as {@code CdcUnwrap.Value}
     * @param definitions   defines the metrics, typically gauges over counters the transform keeps anyway
     */
    public TransformMetrics(String transformType, Consumer<MetricSet> definitions) {
        this.transformType = transformType;
        this.definitions = definitions;
    }

    /** The {@code transform} tag of a transform class: {@code Mask.Value} for {@code Mask$Value}. */
    public static String typeOf(Class<?> transform) {
        Class<?> outer = transform.getEnclosingClass();
        return outer == null ? transform.getSimpleName() : outer.getSimpleName() + "." + transform.getSimpleName();
    }

    /** Registers the metrics unless they are already; cheap after the first call. */
    public void ensureRegistered() {
        if (metrics == null) {
            register();
        }
    }

    private synchronized void register() {
        if (metrics == null && !closed) {
            SpillwayMetrics created = SpillwayMetrics.forTransform(transformType);
            definitions.accept(created.metricSet(Map.of()));
            metrics = created;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
    }
}
