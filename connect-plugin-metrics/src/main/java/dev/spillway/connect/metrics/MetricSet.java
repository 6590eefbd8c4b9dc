package dev.spillway.connect.metrics;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.function.DoubleSupplier;

/** The metrics of one tag set (such as one endpoint of a task): counters and gauges. */
public final class MetricSet {

    private static final Logger LOG = LoggerFactory.getLogger(MetricSet.class);

    private final MetricsBackend backend;
    private final String sensorPrefix;
    private final LinkedHashMap<String, String> tags;

    MetricSet(MetricsBackend backend, String sensorPrefix, LinkedHashMap<String, String> tags) {
        this.backend = backend;
        this.sensorPrefix = sensorPrefix + String.join(".", tags.values()) + ".";
        this.tags = tags;
    }

    /** A counter reported as {@code <name>-total} (cumulative) and {@code <name>-rate} (per second). */
    public Counter counter(String name, String description) {
        Sensor sensor = backend.sensor(sensorPrefix + name);
        register(() -> {
            sensor.add(backend.metricName(name + "-total", "Total " + description, tags), new CumulativeSum());
            sensor.add(backend.metricName(name + "-rate", "Per second: " + description, tags), new Rate());
        }, name);
        return new Counter(sensor);
    }

    /** A counter reported as {@code <name>} (cumulative) only; {@code name} should end in {@code -total}. */
    public Counter total(String name, String description) {
        Sensor sensor = backend.sensor(sensorPrefix + name);
        register(() -> sensor.add(backend.metricName(name, description, tags), new CumulativeSum()), name);
        return new Counter(sensor);
    }

    /** A value read when the metric is read; NaN for "not known". */
    public void gauge(String name, String description, DoubleSupplier value) {
        MetricName metricName = backend.metricName(name, description, tags);
        register(() -> backend.addMetric(metricName, (Gauge<Double>) (config, now) -> value.getAsDouble()), name);
    }

    /**
     * Metrics never fail the plugin: an MBean name taken by an instance not yet closed (a task restarted before
     * the old one let go) costs that metric, not the task.
     */
    private void register(Runnable registration, String name) {
        try {
            registration.run();
        } catch (KafkaException | IllegalArgumentException | IllegalStateException e) {
            LOG.warn("Could not register metric {} {}: {}", name, tags, e.toString());
        }
    }
}
