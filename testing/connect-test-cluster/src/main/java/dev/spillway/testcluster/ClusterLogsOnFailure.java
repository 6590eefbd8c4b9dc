package dev.spillway.testcluster;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * JUnit 5 extension that appends the log tails of watched clusters to failures of tests and lifecycle methods, as a
 * suppressed {@link ClusterLogs}, so that Surefire and Failsafe reports show what the processes were doing.
 *
 * <pre>{@code
 * @RegisterExtension
 * static ClusterLogsOnFailure logs = new ClusterLogsOnFailure();
 *
 * @BeforeAll
 * static void startCluster() {
 *     cluster = logs.watch(ConnectCluster.builder().name("it").start());
 * }
 * }</pre>
 */
public final class ClusterLogsOnFailure implements TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

    public static final int DEFAULT_LINES = 200;

    private final int lines;
    private final List<Watched> watched = new CopyOnWriteArrayList<>();

    public ClusterLogsOnFailure() {
        this(DEFAULT_LINES);
    }

    /** @param lines how many trailing lines of each process log to attach */
    public ClusterLogsOnFailure(int lines) {
        this.lines = lines;
    }

    /** Attaches the logs of {@code cluster} to future failures; returns the cluster for chaining. */
    public ConnectCluster watch(ConnectCluster cluster) {
        Objects.requireNonNull(cluster, "cluster");
        watch(cluster, cluster.name(), cluster::logTails);
        return cluster;
    }

    /** Attaches the log of {@code registry} to future failures; returns the registry for chaining. */
    public SchemaRegistryServer watch(SchemaRegistryServer registry) {
        Objects.requireNonNull(registry, "registry");
        watch(registry, registry.name(), registry::logTails);
        return registry;
    }

    /** Stops attaching the logs of {@code cluster}, e.g. after closing it in a test that goes on. */
    public void unwatch(ConnectCluster cluster) {
        watched.removeIf(entry -> entry.key() == cluster);
    }

    /** Watches any source of log tails; {@code key} identifies it for {@link #unwatch}. */
    void watch(Object key, String name, IntFunction<String> logTails) {
        watched.add(new Watched(key, name, logTails));
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw attachLogs(throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw attachLogs(throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw attachLogs(throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw attachLogs(throwable);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw attachLogs(throwable);
    }

    /** Adds the log tails to {@code throwable} unless it is an aborted test or already carries them. */
    Throwable attachLogs(Throwable throwable) {
        if (watched.isEmpty() || throwable instanceof TestAbortedException) {
            return throwable;
        }
        for (Throwable suppressed : throwable.getSuppressed()) {
            if (suppressed instanceof ClusterLogs) {
                return throwable;
            }
        }
        StringBuilder text = new StringBuilder();
        for (Watched entry : watched) {
            try {
                text.append(entry.logTails().apply(lines));
            } catch (RuntimeException e) {
                text.append("(cannot read logs of ").append(entry.name()).append(": ").append(e).append(")\n");
            }
        }
        throwable.addSuppressed(new ClusterLogs(text.toString()));
        return throwable;
    }

    private record Watched(Object key, String name, IntFunction<String> logTails) {
    }
}
