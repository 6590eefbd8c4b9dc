package dev.spillway.testcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One OS process, relaunchable with the same command; output appended to a log file. */
final class ChildProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);

    private final String name;
    private final List<String> command;
    private final Path workingDir;
    private final Path logFile;
    private Process process;

    ChildProcess(String name, List<String> command, Path workingDir, Path logFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.workingDir = workingDir;
        this.logFile = logFile;
    }

    synchronized void launch() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    // Append: the log of a restarted process keeps the history of its previous runs.
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            process = builder.start();
            // Nothing is ever written to stdin; close it so the child sees EOF if it ever reads.
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + String.join(" ", command), e);
        }
        ProcessRegistry.register(process);
        LOG.debug("Started {} as pid {}", name, process.pid());
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized OptionalLong pid() {
        return isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    /** Exit code of the last run, if it has ended. */
    synchronized OptionalLong exitCode() {
        return process != null && !process.isAlive() ? OptionalLong.of(process.exitValue()) : OptionalLong.empty();
    }

    /** SIGTERM, then SIGKILL if the process has not exited within {@code timeout}. */
    void stop(Duration timeout) {
        stop(null, timeout);
    }

    /**
     * Sends {@code signal} (a name for kill(1), e.g. {@code INT}; null for SIGTERM), then SIGKILL if the process has
     * not exited within {@code timeout}.
     */
    void stop(String signal, Duration timeout) {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current == null || !current.isAlive()) {
            return;
        }
        if (signal == null) {
            current.destroy();
        } else {
            send(signal, current);
        }
        if (!waitFor(current, timeout)) {
            LOG.warn("{} did not stop within {}; killing it", name, Await.format(timeout));
            current.destroyForcibly();
            waitFor(current, Duration.ofSeconds(30));
        }
    }

    /**
     * SIGKILL to the process and to every process it started (a database server's workers), and wait until all are
     * gone, so its ports and files are free afterwards.
     */
    void kill() {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current == null || !current.isAlive()) {
            return;
        }
        // Listed before the kill: once the parent is gone its children are re-parented and no longer found.
        List<ProcessHandle> descendants = current.descendants().toList();
        current.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        if (!waitFor(current, Duration.ofSeconds(30))) {
            throw new IllegalStateException(name + " (pid " + current.pid() + ") survived SIGKILL for 30 s");
        }
        for (ProcessHandle child : descendants) {
            try {
                child.onExit().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(name + "'s child " + child.pid() + " survived SIGKILL for 30 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for process " + child.pid(), e);
            }
        }
    }

    /** Waits up to {@code timeout} for the process to exit by itself; true if it has. */
    boolean awaitExit(Duration timeout) {
        Process current;
        synchronized (this) {
            current = process;
        }
        return current == null || waitFor(current, timeout);
    }

    private void send(String signal, Process target) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(target.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0 && target.isAlive()) {
                throw new IllegalStateException("kill -s " + signal + " " + target.pid() + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot send SIG" + signal + " to " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling " + name, e);
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for process " + process.pid(), e);
        }
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    List<String> command() {
        return command;
    }
}
