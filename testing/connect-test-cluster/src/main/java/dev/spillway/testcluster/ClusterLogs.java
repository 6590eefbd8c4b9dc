package dev.spillway.testcluster;

/**
 * Carries the tails of cluster process logs, attached as a suppressed exception to a failure so that they are
 * printed with it in test reports. It has no stack trace of its own: only the text matters.
 */
public final class ClusterLogs extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClusterLogs(String logs) {
        super(logs, null, false, false);
    }

    @Override
    public String toString() {
        // The class name prefix would only clutter the first log line in reports.
        return "Cluster process logs:\n" + getMessage();
    }
}
