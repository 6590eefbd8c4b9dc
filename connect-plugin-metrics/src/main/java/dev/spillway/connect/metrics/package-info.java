/**
 * Metrics shared by every Spillway plugin, so that names, tags and lifecycle are the same everywhere.
 *
 * <p>A task registers its metrics in {@code start()} and closes them in {@code stop()}:
 * <pre>{@code
 * metrics = SpillwayMetrics.forTask(context, "jdbc-source-task-metrics", TaskIdentity.of(props));
 * MetricSet table = metrics.metricSet(Map.of("table", name));
 * Counter rows = table.counter("rows", "rows emitted");          // rows-total, rows-rate
 * table.gauge("lag-ms", "now minus the newest timestamp emitted", () -> lagMillis);
 * ...
 * metrics.close();                                                // in stop(), and when start() fails
 * }</pre>
 * {@link dev.spillway.connect.metrics.SpillwayMetrics#forTask} chooses the worker's KIP-877 plugin metrics (Kafka
 * 4.1+) or MBeans in the {@code spillway} JMX domain; transforms use
 * {@link dev.spillway.connect.metrics.SpillwayMetrics#forTransform}. See {@code docs/operations.md}.
 */
package dev.spillway.connect.metrics;
