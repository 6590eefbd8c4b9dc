package dev.spillway.testcluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/** A {@link ClusterProcess} that is one child JVM: stopping, killing, its state, pid and log all go to it. */
abstract class ChildJvmProcess implements ClusterProcess {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** The child JVM behind this process. */
    abstract ChildProcess process();

    @Override
    public void stop() {
        process().stop(STOP_TIMEOUT);
    }

    @Override
    public void kill() {
        process().kill();
    }

    @Override
    public boolean isRunning() {
        return process().isAlive();
    }

    @Override
    public OptionalLong pid() {
        return process().pid();
    }

    @Override
    public Path logFile() {
        return process().logFile();
    }
}
