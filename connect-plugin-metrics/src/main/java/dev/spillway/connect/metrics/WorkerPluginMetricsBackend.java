package dev.spillway.connect.metrics;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.Sensor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The worker's KIP-877 {@code PluginMetrics} (Kafka 4.1+), reached by reflection because Spillway compiles against
 * the 3.9 API, where neither {@code pluginMetrics()} nor the {@code PluginMetrics} type exist. The worker adds its
 * own {@code connector} and {@code task} tags and puts the metrics in its registry, group {@code plugins}, so they
 * appear as {@code kafka.connect:type=plugins,connector=...,task=...,<tags>} next to Connect's own.
 */
final class WorkerPluginMetricsBackend implements MetricsBackend {

    private final Object pluginMetrics;
    private final Method metricName;
    private final Method addMetric;
    private final Method removeMetric;
    private final Method addSensor;
    private final Method removeSensor;
    private final List<MetricName> metricNames = new CopyOnWriteArrayList<>();
    private final List<String> sensorNames = new CopyOnWriteArrayList<>();

    private WorkerPluginMetricsBackend(Object pluginMetrics, Class<?> type) throws NoSuchMethodException {
        this.pluginMetrics = pluginMetrics;
        this.metricName = type.getMethod("metricName", String.class, String.class, LinkedHashMap.class);
        this.addMetric = type.getMethod("addMetric", MetricName.class, MetricValueProvider.class);
        this.removeMetric = type.getMethod("removeMetric", MetricName.class);
        this.addSensor = type.getMethod("addSensor", String.class);
        this.removeSensor = type.getMethod("removeSensor", String.class);
    }

    /**
     * The plugin metrics a task context offers, if the worker has them: a public {@code pluginMetrics()} on one of
     * the context's interfaces (such as {@code SourceTaskContext}) returning non-null.
     */
    static Optional<MetricsBackend> of(Object taskContext) {
        if (taskContext == null) {
            return Optional.empty();
        }
        Method accessor = interfaceMethod(taskContext.getClass(), "pluginMetrics");
        if (accessor == null) {
            return Optional.empty();
        }
        try {
            Object metrics = accessor.invoke(taskContext);
            return metrics == null ? Optional.empty()
                : Optional.of(new WorkerPluginMetricsBackend(metrics, accessor.getReturnType()));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A worker that declares the method but cannot serve it: JMX of our own still works.
            return Optional.empty();
        }
    }

    private static Method interfaceMethod(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> candidate : c.getInterfaces()) {
                if (!Modifier.isPublic(candidate.getModifiers())) {
                    continue;
                }
                try {
                    return candidate.getMethod(name);
                } catch (NoSuchMethodException e) {
                    // not on this interface
                }
            }
        }
        return null;
    }

    @Override
    public MetricName metricName(String name, String description, LinkedHashMap<String, String> tags) {
        return (MetricName) call(metricName, name, description, new LinkedHashMap<>(tags));
    }

    @Override
    public Sensor sensor(String name) {
        Sensor sensor = (Sensor) call(addSensor, name);
        sensorNames.add(name);
        return sensor;
    }

    @Override
    public void addMetric(MetricName name, MetricValueProvider<?> value) {
        call(addMetric, name, value);
        metricNames.add(name);
    }

    @Override
    public void close() {
        // The worker also drops a task's plugin metrics when the task closes; removing them here makes stop() final.
        for (String sensor : sensorNames) {
            quietly(removeSensor, sensor);
        }
        for (MetricName name : metricNames) {
            quietly(removeMetric, name);
        }
        sensorNames.clear();
        metricNames.clear();
    }

    private void quietly(Method method, Object argument) {
        try {
            method.invoke(pluginMetrics, argument);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // already removed, or the worker closed its PluginMetrics first
        }
    }

    private Object call(Method method, Object... arguments) {
        try {
            return method.invoke(pluginMetrics, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime
                : new IllegalStateException("PluginMetrics." + method.getName() + " failed", cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("PluginMetrics." + method.getName() + " is not accessible", e);
        }
    }

    @Override
    public String describe() {
        return "the worker's plugin metrics (kafka.connect:type=plugins,...)";
    }
}
