package dev.spillway.dlq.replay;

/** What replay does with a dead letter's error-context headers. */
public enum ErrorHeaderPolicy {
    /** Drop them: the replayed record looks like the original (plus the replay counter). */
    STRIP,
    /**
     * Keep the latest failure's context under a prefix, dropping any kept by an earlier replay, so a record that
     * fails again carries exactly one previous context besides Connect's new one.
     */
    KEEP
}
