package dev.spillway.dlq;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the tool, with what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SpillwayDlq.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The first line of stderr: the one-line explanation of a failure. */
    public String errorLine() {
        return err.lines().findFirst().orElse("");
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
