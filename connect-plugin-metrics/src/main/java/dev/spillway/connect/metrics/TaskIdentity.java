package dev.spillway.connect.metrics;

import org.slf4j.MDC;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connector and task a plugin instance works for, the {@code connector} and {@code task} tags of its metrics.
 *
 * @param connector the connector's name
 * @param task      the task number, or {@code unknown}
 */
public record TaskIdentity(String connector, String task) {

    /** The worker's logging context (KIP-449), set on task threads: {@code "[<connector>|task-<n>] "}. */
    static final String CONTEXT_KEY = "connector.context";
    static final String UNKNOWN = "unknown";
    private static final Pattern CONTEXT = Pattern.compile("^\\[(.+)\\|task-(\\d+)(?:\\|[^\\]]*)?\\]\\s*$");

    public TaskIdentity {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(task, "task");
    }

    /**
     * From a task's configuration: the worker passes the connector's name as {@code name} when the connector
     * copies its own configuration into its task configurations, as Spillway's connectors do; the task number is
     * not in it, so it comes from the logging context of the calling thread.
     */
    public static TaskIdentity of(Map<String, String> taskConfig) {
        return of(taskConfig, current());
    }

    static TaskIdentity of(Map<String, String> taskConfig, TaskIdentity fromContext) {
        String name = taskConfig.get("name");
        return name == null || name.isBlank() ? fromContext : new TaskIdentity(name, fromContext.task());
    }

    /**
     * From the logging context of the calling thread, which the worker sets while it starts and runs a task (with
     * a logging backend that keeps an MDC, as the worker's do).
     */
    public static TaskIdentity current() {
        return parse(MDC.get(CONTEXT_KEY));
    }

    static TaskIdentity parse(String context) {
        if (context != null) {
            Matcher matcher = CONTEXT.matcher(context);
            if (matcher.matches()) {
                return new TaskIdentity(matcher.group(1), matcher.group(2));
            }
        }
        return new TaskIdentity(UNKNOWN, UNKNOWN);
    }

    /** {@code connector=<name>, task=<n>}, in that order. */
    LinkedHashMap<String, String> tags() {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put(SpillwayMetrics.CONNECTOR_TAG, connector);
        tags.put(SpillwayMetrics.TASK_TAG, task);
        return tags;
    }
}
