package dev.spillway.connect.metrics;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Sanitizer;
import org.apache.kafka.common.utils.Time;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Kafka {@link Metrics} registry of the plugin instance's own, reported by Kafka's {@link JmxReporter} as MBeans
 * {@code spillway:type=<group>,<instance tags>,<tags>} — the naming Connect uses for its own metrics, in another
 * domain. Closing it unregisters every MBean it created.
 */
final class JmxBackend implements MetricsBackend {

    private final String group;
    private final LinkedHashMap<String, String> instanceTags;
    private final Metrics metrics;

    JmxBackend(String group, LinkedHashMap<String, String> instanceTags) {
        this.group = group;
        this.instanceTags = new LinkedHashMap<>(instanceTags);
        JmxReporter reporter = new JmxReporter();
        // Every Metrics registry counts its metrics in one untagged MBean; several registries would collide on it.
        reporter.configure(Map.of(JmxReporter.EXCLUDE_CONFIG,
            SpillwayMetrics.JMX_DOMAIN + ":type=kafka-metrics-count.*"));
        this.metrics = new Metrics(new MetricConfig(), List.of(reporter), Time.SYSTEM,
            new KafkaMetricsContext(SpillwayMetrics.JMX_DOMAIN));
    }

    @Override
    public MetricName metricName(String name, String description, LinkedHashMap<String, String> tags) {
        LinkedHashMap<String, String> all = new LinkedHashMap<>(instanceTags);
        all.putAll(tags);
        return metrics.metricName(name, group, description, all);
    }

    @Override
    public Sensor sensor(String name) {
        return metrics.sensor(name);
    }

    @Override
    public void addMetric(MetricName name, MetricValueProvider<?> value) {
        metrics.addMetric(name, value);
    }

    @Override
    public void close() {
        metrics.close();
    }

    @Override
    public String describe() {
        return "JMX MBeans " + objectName(group, instanceTags) + ",...";
    }

    /** The MBean name JmxReporter gives metrics of {@code group} with exactly these tags. */
    static String objectName(String group, Map<String, String> tags) {
        return SpillwayMetrics.JMX_DOMAIN + ":type=" + group + tags.entrySet().stream()
            .map(tag -> "," + tag.getKey() + "=" + Sanitizer.jmxSanitize(tag.getValue()))
            .collect(Collectors.joining());
    }
}
