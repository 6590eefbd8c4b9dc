package dev.spillway.testcluster;

/**
 * The status of one connector task, as reported by {@code GET /connectors/{name}/status}.
 *
 * @param trace the stack trace of a {@code FAILED} task, else {@code null}
 */
public record TaskStatus(int id, String state, String workerId, String trace) {

    public boolean isRunning() {
        return ConnectorStatus.RUNNING.equals(state);
    }

    public boolean isFailed() {
        return ConnectorStatus.FAILED.equals(state);
    }
}
