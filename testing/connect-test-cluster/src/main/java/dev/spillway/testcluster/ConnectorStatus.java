package dev.spillway.testcluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The status of a connector and its tasks, as reported by {@code GET /connectors/{name}/status}.
 *
 * @param state    the connector's state: {@code RUNNING}, {@code PAUSED}, {@code STOPPED}, {@code FAILED},
 *                 {@code UNASSIGNED} or {@code RESTARTING}
 * @param workerId the worker running the connector, e.g. {@code 127.0.0.1:8083}
 * @param tasks    the tasks, ordered by id
 * @param trace    the stack trace of a {@code FAILED} connector, else {@code null}
 */
public record ConnectorStatus(String name, String state, String workerId, List<TaskStatus> tasks, String trace) {

    public static final String RUNNING = "RUNNING";
    public static final String FAILED = "FAILED";
    public static final String PAUSED = "PAUSED";
    public static final String STOPPED = "STOPPED";
    public static final String UNASSIGNED = "UNASSIGNED";

    public ConnectorStatus {
        tasks = List.copyOf(tasks);
    }

    /** Parses the JSON of {@code GET /connectors/{name}/status}. */
    public static ConnectorStatus fromJson(JsonNode json) {
        JsonNode connector = json.path("connector");
        List<TaskStatus> tasks = new ArrayList<>();
        for (JsonNode task : json.path("tasks")) {
            tasks.add(new TaskStatus(task.path("id").asInt(), text(task, "state"), text(task, "worker_id"),
                    text(task, "trace")));
        }
        tasks.sort(Comparator.comparingInt(TaskStatus::id));
        return new ConnectorStatus(text(json, "name"), text(connector, "state"), text(connector, "worker_id"), tasks,
                text(connector, "trace"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public boolean isRunning() {
        return RUNNING.equals(state);
    }

    public boolean isFailed() {
        return FAILED.equals(state);
    }

    /** Whether the connector and exactly {@code taskCount} tasks are all {@code RUNNING}. */
    public boolean isRunning(int taskCount) {
        return isRunning() && tasks.size() == taskCount && tasks.stream().allMatch(TaskStatus::isRunning);
    }

    public List<TaskStatus> failedTasks() {
        return tasks.stream().filter(TaskStatus::isFailed).toList();
    }

    /** The ids of the tasks on {@code workerId}, as text (as in the {@code task} tag of metrics). */
    public Set<String> taskIdsOn(String workerId) {
        return tasks.stream().filter(task -> task.workerId().equals(workerId))
                .map(task -> String.valueOf(task.id())).collect(Collectors.toSet());
    }

    public long runningTaskCount() {
        return tasks.stream().filter(TaskStatus::isRunning).count();
    }

    /** One line per connector and task, with traces; for failure messages. */
    public String describe() {
        StringBuilder text = new StringBuilder("connector ").append(name).append(' ').append(state)
                .append(" on ").append(workerId);
        if (trace != null) {
            text.append("\n").append(trace);
        }
        for (TaskStatus task : tasks) {
            text.append("\n  task ").append(task.id()).append(' ').append(task.state()).append(" on ")
                    .append(task.workerId());
            if (task.trace() != null) {
                text.append("\n").append(task.trace());
            }
        }
        return text.toString();
    }
}
