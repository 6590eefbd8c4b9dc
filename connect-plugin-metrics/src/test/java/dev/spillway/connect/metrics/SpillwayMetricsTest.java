package dev.spillway.connect.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

class SpillwayMetricsTest {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    @Test
    void aTaskWithoutPluginMetricsRegistersSpillwayMBeansAndUnregistersThemOnClose() throws Exception {
        ObjectName name = new ObjectName("spillway:type=test-task-metrics,connector=c1,task=0,endpoint=items");
        SpillwayMetrics metrics = SpillwayMetrics.forTask(new Object(), "test-task-metrics", new TaskIdentity("c1", "0"));
        MetricSet set = metrics.metricSet(Map.of("endpoint", "items"));
        Counter requests = set.counter("requests", "requests sent");
        Counter retries = set.total("retries-http-5xx-total", "retries after a 5xx");
        set.gauge("last-success-timestamp-ms", "when", () -> 42.0);
        requests.increment();
        requests.increment();
        retries.add(3);

        assertThat(metrics.usesWorkerPluginMetrics()).isFalse();
        assertThat(SERVER.getAttribute(name, "requests-total")).isEqualTo(2.0);
        assertThat((Double) SERVER.getAttribute(name, "requests-rate")).isPositive();
        assertThat(SERVER.getAttribute(name, "retries-http-5xx-total")).isEqualTo(3.0);
        assertThat(SERVER.getAttribute(name, "last-success-timestamp-ms")).isEqualTo(42.0);

        metrics.close();
        metrics.close();
        assertThat(SERVER.isRegistered(name)).isFalse();
        assertThat(SERVER.queryNames(new ObjectName("spillway:*,connector=c1"), null)).isEmpty();
    }

    @Test
    void twoRegistriesDoNotCollideOnTheMetricsCountMBean() throws Exception {
        try (SpillwayMetrics a = SpillwayMetrics.forTask(null, "test-task-metrics", new TaskIdentity("c2", "0"));
             SpillwayMetrics b = SpillwayMetrics.forTask(null, "test-task-metrics", new TaskIdentity("c2", "1"))) {
            a.metricSet(Map.of()).counter("pages", "pages").increment();
            b.metricSet(Map.of()).counter("pages", "pages").increment();
            Set<ObjectName> names = SERVER.queryNames(new ObjectName("spillway:type=test-task-metrics,*"), null);
            assertThat(names).extracting(ObjectName::toString).contains(
                "spillway:type=test-task-metrics,connector=c2,task=0",
                "spillway:type=test-task-metrics,connector=c2,task=1");
        }
        assertThat(SERVER.queryNames(new ObjectName("spillway:*,connector=c2"), null)).isEmpty();
    }

    @Test
    void aTakenNameCostsTheMetricNotThePlugin() throws Exception {
        try (SpillwayMetrics old = SpillwayMetrics.forTask(null, "test-task-metrics", new TaskIdentity("c3", "0"));
             SpillwayMetrics restarted =
                 SpillwayMetrics.forTask(null, "test-task-metrics", new TaskIdentity("c3", "0"))) {
            old.metricSet(Map.of()).counter("pages", "pages").increment();
            Counter counter = restarted.metricSet(Map.of()).counter("pages", "pages");
            counter.increment();
            assertThat(SERVER.getAttribute(new ObjectName("spillway:type=test-task-metrics,connector=c3,task=0"),
                "pages-total")).isEqualTo(1.0);
        }
    }

    @Test
    void transformsTakeTheirTaskFromTheLoggingContextAndNumberRepeats() throws Exception {
        TaskIdentity task = TaskIdentity.parse("[orders-cdc|task-2] ");
        // As transforms do: the metrics are defined right away, which takes the MBean name.
        SpillwayMetrics first = SpillwayMetrics.forTransform("Mask.Value", task);
        first.metricSet(Map.of()).counter("masked-values", "values masked").increment();
        SpillwayMetrics second = SpillwayMetrics.forTransform("Mask.Value", task);
        second.metricSet(Map.of()).counter("masked-values", "values masked").add(5);
        try (first; second) {
            ObjectName one = new ObjectName(
                "spillway:type=transform-metrics,connector=orders-cdc,task=2,transform=Mask.Value");
            ObjectName two = new ObjectName(
                "spillway:type=transform-metrics,connector=orders-cdc,task=2,transform=Mask.Value-2");
            assertThat(SERVER.getAttribute(one, "masked-values-total")).isEqualTo(1.0);
            assertThat(SERVER.getAttribute(two, "masked-values-total")).isEqualTo(5.0);
        }
        assertThat(SERVER.queryNames(new ObjectName("spillway:*,connector=orders-cdc"), null)).isEmpty();
    }

    @Test
    void theLoggingContextNamesConnectorAndTask() {
        assertThat(TaskIdentity.parse("[my|connector|task-12] ")).isEqualTo(new TaskIdentity("my|connector", "12"));
        assertThat(TaskIdentity.parse("[rest|task-0|offsets] ")).isEqualTo(new TaskIdentity("rest", "0"));
        assertThat(TaskIdentity.parse("[rest|worker] ")).isEqualTo(new TaskIdentity("unknown", "unknown"));
        assertThat(TaskIdentity.parse(null)).isEqualTo(new TaskIdentity("unknown", "unknown"));
        TaskIdentity context = TaskIdentity.parse("[ctx|task-3] ");
        assertThat(TaskIdentity.of(Map.of("name", "from-config"), context))
            .isEqualTo(new TaskIdentity("from-config", "3"));
        assertThat(TaskIdentity.of(Map.of(), context)).isEqualTo(context);
    }

    /** What a 4.1+ worker's task context looks like, to this module: a public pluginMetrics() on an interface. */
    public interface ContextWithPluginMetrics {
        FakePluginMetrics pluginMetrics();
    }

    /** The KIP-877 PluginMetrics contract over a Metrics registry with a "plugins" group and the task's tags. */
    public static final class FakePluginMetrics {
        final Metrics metrics = new Metrics();
        final Map<String, String> taskTags = Map.of("connector", "c4", "task", "0");

        public MetricName metricName(String name, String description, LinkedHashMap<String, String> tags) {
            LinkedHashMap<String, String> all = new LinkedHashMap<>(taskTags);
            all.putAll(tags);
            return metrics.metricName(name, "plugins", description, all);
        }

        public void addMetric(MetricName name, MetricValueProvider<?> value) {
            metrics.addMetric(name, value);
        }

        public void removeMetric(MetricName name) {
            metrics.removeMetric(name);
        }

        public Sensor addSensor(String name) {
            return metrics.sensor(name);
        }

        public void removeSensor(String name) {
            metrics.removeSensor(name);
        }
    }

    @Test
    void aTaskWithPluginMetricsRegistersThereUnderTheSameNamesAndRemovesThemOnClose() {
        FakePluginMetrics plugin = new FakePluginMetrics();
        ContextWithPluginMetrics context = () -> plugin;
        SpillwayMetrics metrics = SpillwayMetrics.forTask(context, "test-task-metrics", new TaskIdentity("c4", "0"));
        MetricSet set = metrics.metricSet(Map.of("endpoint", "items"));
        set.counter("items", "items emitted").add(7);
        set.gauge("since-lag-ms", "lag", () -> 1.5);

        assertThat(metrics.usesWorkerPluginMetrics()).isTrue();
        Map<String, Object> values = new LinkedHashMap<>();
        plugin.metrics.metrics().forEach((name, metric) -> {
            if (name.group().equals("plugins")) {
                assertThat(name.tags()).containsEntry("endpoint", "items").containsEntry("connector", "c4");
                values.put(name.name(), metric.metricValue());
            }
        });
        assertThat(values).containsEntry("items-total", 7.0).containsEntry("since-lag-ms", 1.5)
            .containsKey("items-rate");

        metrics.close();
        assertThat(plugin.metrics.metrics().keySet()).noneMatch(name -> name.group().equals("plugins"));
        plugin.metrics.close();
    }
}
