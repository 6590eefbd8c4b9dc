package dev.spillway.connect.metrics;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.Sensor;

import java.util.LinkedHashMap;

/** Where a plugin's metrics are registered: the worker's KIP-877 plugin metrics, or Spillway's own JMX registry. */
interface MetricsBackend extends AutoCloseable {

    /** A name in this backend's group; the backend adds the tags that identify the plugin instance. */
    MetricName metricName(String name, String description, LinkedHashMap<String, String> tags);

    /** A new sensor; {@code name} must be unique within the backend. */
    Sensor sensor(String name);

    void addMetric(MetricName name, MetricValueProvider<?> value);

    /** Removes everything this backend registered; idempotent, never throws. */
    @Override
    void close();

    /** For logs: where the metrics can be found. */
    String describe();
}
