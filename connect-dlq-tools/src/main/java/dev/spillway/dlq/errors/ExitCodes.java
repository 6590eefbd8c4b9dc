package dev.spillway.dlq.errors;

/** The exit codes of {@code spillway-dlq}, which scripts may rely on. */
public final class ExitCodes {

    /**
     * Done; for replay: every selected record was replayed (or, with --dry-run, would be), or nothing is left to
     * replay because earlier runs with the same consumer group got past the selection.
     */
    public static final int OK = 0;
    /** A runtime failure: broker unreachable, timeout, authorisation, I/O; nothing more was done. */
    public static final int FAILURE = 1;
    /** A bad command line: unknown or missing option, unparseable value; nothing was read or written. */
    public static final int USAGE = 2;
    /**
     * Input refused: the topic does not exist, is not a dead-letter topic, holds corrupt error headers, replay's
     * loop guard refused records replayed too often, or replay's target policy refused a target (without
     * {@code --skip-refused}).
     */
    public static final int REFUSED = 3;
    /**
     * The filters matched no record (the topic was read, nothing to show, export or replay); for replay, in the
     * range left to the run, with no earlier run of its group past any of the selection.
     */
    public static final int NOTHING_MATCHED = 4;
    /**
     * {@code replay --skip-refused}: every selected record was replayed except those whose target was refused
     * (internal, excluded, not allowed, the dead-letter topic itself, an illegal name); they stay in the
     * dead-letter topic and are listed in the report.
     */
    public static final int PARTIAL = 5;

    private ExitCodes() {
    }
}
