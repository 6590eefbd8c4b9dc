package dev.spillway.testcluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps track of the child processes this JVM started, so that none outlives it.
 *
 * <p>Every child is tagged on its command line with the pid (and start time) of the JVM that owns it. A JVM shutdown
 * hook kills the children still running; children of a JVM that died without running its hooks (SIGKILL, Failsafe
 * fork timeout) are reaped by the next cluster start on this machine.
 */
final class ProcessRegistry {

    static final String OWNER_PROPERTY = "spillway.testcluster.owner";
    static final String OWNER_START_PROPERTY = "spillway.testcluster.ownerStart";

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRegistry.class);
    /** Start instants are derived from clock ticks and boot time, so allow for rounding between readers. */
    private static final long START_TOLERANCE_MILLIS = 2_000;

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final ProcessHandle SELF = ProcessHandle.current();
    private static final long SELF_START_MILLIS =
            SELF.info().startInstant().map(Instant::toEpochMilli).orElse(0L);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessRegistry::killAll, "spillway-testcluster-shutdown"));
    }

    private ProcessRegistry() {
    }

    /** JVM options that tag a child with this JVM as its owner. */
    static List<String> ownerTagOptions() {
        return ownerTags().stream().map(tag -> "-D" + tag).toList();
    }

    /**
     * The owner tag as {@code name=value} pairs, for children that are not JVMs to carry in an argument of their own
     * syntax: as {@code -c name=value} (PostgreSQL) or {@code --loose-name=value} with dashes for dots (MariaDB).
     */
    static List<String> ownerTags() {
        return List.of(OWNER_PROPERTY + "=" + SELF.pid(), OWNER_START_PROPERTY + "=" + SELF_START_MILLIS);
    }

    static void register(Process process) {
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
    }

    /** Kills leftover children of JVMs that are gone; returns how many were killed. */
    static int reapOrphans() {
        int killed = 0;
        for (ProcessHandle handle : (Iterable<ProcessHandle>) ProcessHandle.allProcesses()::iterator) {
            Optional<String[]> arguments = handle.info().arguments();
            if (arguments.isEmpty()) {
                continue;
            }
            Optional<Owner> owner = ownerOf(List.of(arguments.get()));
            if (owner.isPresent() && !isAlive(owner.get())) {
                String commandLine = handle.info().commandLine().orElse(String.join(" ", arguments.get()));
                if (handle.destroyForcibly()) {
                    LOG.warn("Killed orphaned test-cluster process {} left behind by dead JVM {}: {}",
                            handle.pid(), owner.get().pid(), commandLine);
                    killed++;
                }
            }
        }
        return killed;
    }

    /** The owner tag in a child's arguments, if any. */
    static Optional<Owner> ownerOf(List<String> arguments) {
        Long pid = null;
        Long start = null;
        for (String argument : arguments) {
            Long value = longValue(argument, "-D" + OWNER_PROPERTY + "=");
            if (value != null) {
                pid = value;
            }
            value = longValue(argument, "-D" + OWNER_START_PROPERTY + "=");
            if (value != null) {
                start = value;
            }
        }
        return pid == null ? Optional.empty() : Optional.of(new Owner(pid, start == null ? 0 : start));
    }

    private static Long longValue(String argument, String prefix) {
        String tag = normalizedTag(argument);
        if (!tag.startsWith(prefix)) {
            return null;
        }
        try {
            return Long.parseLong(tag.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A tag in any of the forms of {@link #ownerTags()}, as the JVM option {@code -Dname=value}. */
    private static String normalizedTag(String argument) {
        if (argument.startsWith("-D")) {
            return argument;
        }
        String tag = argument.startsWith("--loose-") ? argument.substring("--loose-".length()) : argument;
        int equals = tag.indexOf('=');
        return equals < 0 ? argument : "-D" + tag.substring(0, equals).replace('-', '.') + tag.substring(equals);
    }

    static boolean isAlive(Owner owner) {
        Optional<ProcessHandle> handle = ProcessHandle.of(owner.pid());
        if (handle.isEmpty() || !handle.get().isAlive() || isZombie(owner.pid())) {
            return false;
        }
        if (owner.startMillis() == 0) {
            return true;
        }
        // A live process with the same pid but another start time is a different process that reused the pid.
        return handle.get().info().startInstant()
                .map(start -> Math.abs(start.toEpochMilli() - owner.startMillis()) <= START_TOLERANCE_MILLIS)
                .orElse(true);
    }

    /**
     * A JVM killed with SIGKILL stays a zombie until its parent reaps it, and Java reports zombies as alive; on Linux
     * the state in {@code /proc/<pid>/stat} tells them apart.
     */
    static boolean isZombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            // Format: "pid (command) state ..."; the command may contain spaces and parentheses.
            int end = text.lastIndexOf(')');
            return end >= 0 && end + 2 < text.length() && text.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static void killAll() {
        List<Process> processes = new ArrayList<>(LIVE);
        // A database server's workers exit when it dies, but the kill must not depend on that.
        List<ProcessHandle> descendants = processes.stream().flatMap(Process::descendants).toList();
        processes.forEach(Process::destroyForcibly);
        descendants.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (Process process : processes) {
            try {
                process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    record Owner(long pid, long startMillis) {
    }
}
