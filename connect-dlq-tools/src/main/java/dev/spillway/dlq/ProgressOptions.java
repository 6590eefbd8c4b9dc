package dev.spillway.dlq;

import dev.spillway.dlq.render.Progress;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** What every command says on stderr while it works: progress, and informational lines such as export's count. */
public final class ProgressOptions {

    @Option(names = {"-q", "--quiet"},
            description = "Print nothing on stderr but errors and warnings: no progress, no summary line.")
    boolean quiet;

    @Option(names = "--no-progress",
            description = "No progress: neither the bar drawn on a terminal nor the line printed every 10 seconds"
                    + " otherwise.")
    boolean noProgress;

    /**
     * @param machineOutput the command prints a JSON document: stderr then stays free of progress too
     * @param barAllowed    whether a bar suits when on a terminal (not while records go to that terminal)
     */
    Progress start(PrintWriter err, String label, long total, boolean machineOutput, boolean barAllowed) {
        return new Progress(err, Progress.style(quiet || noProgress || machineOutput, barAllowed), label, total);
    }

    /** Whether informational lines are wanted. */
    boolean informational() {
        return !quiet;
    }
}
