package dev.spillway.connect.smt.cdc;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts records that a CDC transform passed through because they were not change events, and warns about the first
 * one only: a transform applied to the wrong topics should be visible in the log without flooding it.
 *
 * <p>Thread-safe; the count is ready to be exposed as a metric.
 */
public final class NonEnvelopeRecords {

    private final LongAdder count = new LongAdder();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final Consumer<String> warning;

    /**
     * @param warning receives the one warning message, typically a logger's {@code warn}
     */
    public NonEnvelopeRecords(Consumer<String> warning) {
        this.warning = Objects.requireNonNull(warning, "warning");
    }

    /**
     * Counts one record, and emits the warning if it is the first.
     *
     * @param transform   the transform's name, for the message
     * @param coordinates where the record is, such as {@code topic 'x' partition 0}
     * @param reason      why it is not a change event
     */
    public void record(String transform, String coordinates, String reason) {
        count.increment();
        if (warned.compareAndSet(false, true)) {
            warning.accept(transform + " passes records that are not Debezium-style change events through unchanged."
                + " The first was at " + coordinates + ": " + reason + ". If the transform should not see such"
                + " records, limit it with a predicate; further ones are only counted, not logged.");
        }
    }

    /** How many records were passed through so far. */
    public long count() {
        return count.sum();
    }
}
