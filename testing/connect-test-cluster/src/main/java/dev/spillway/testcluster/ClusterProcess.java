package dev.spillway.testcluster;

import java.nio.file.Path;
import java.util.OptionalLong;

/** A process of the test cluster (the broker or a Connect worker), running in a JVM of its own. */
public interface ClusterProcess {

    /** Short name used in logs and file names, e.g. {@code broker} or {@code worker-0}. */
    String name();

    /**
     * Starts the process again with the same ports, properties and data, and waits until it is ready.
     *
     * @throws IllegalStateException if it is already running
     */
    void start();

    /** Stops the process gracefully (SIGTERM), killing it if it does not exit in time; no-op if not running. */
    void stop();

    /** Kills the process at once (SIGKILL) and waits for it to be gone; no-op if not running. */
    void kill();

    boolean isRunning();

    /** The process id while running. */
    OptionalLong pid();

    /** The file receiving the process's stdout and stderr; appended to across restarts. */
    Path logFile();
}
