package dev.spillway.dlq.filter;

import dev.spillway.dlq.headers.ErrorContext;
import dev.spillway.dlq.kafka.DeadLetter;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Selects dead-letter records. Every criterion that is set must match; an empty filter matches everything.
 *
 * @param originalTopics  original topics (from the error headers); empty: any
 * @param connectors      connector names; empty: any
 * @param exceptionClasses exception classes, fully qualified or simple names; empty: any
 * @param messagePattern  found anywhere in the exception message; {@code null}: any
 * @param since           record timestamp at or after; {@code null}: no lower bound
 * @param until           record timestamp before; {@code null}: no upper bound
 * @param offsets         offsets in the dead-letter topic; {@code null}: any
 */
public record RecordFilter(
        Set<String> originalTopics,
        Set<String> connectors,
        Set<String> exceptionClasses,
        Pattern messagePattern,
        Instant since,
        Instant until,
        OffsetRange offsets) {

    public static final RecordFilter ALL = new RecordFilter(Set.of(), Set.of(), Set.of(), null, null, null, null);

    public RecordFilter {
        originalTopics = Set.copyOf(originalTopics);
        connectors = Set.copyOf(connectors);
        exceptionClasses = Set.copyOf(exceptionClasses);
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("--since " + since + " must be before --until " + until);
        }
    }

    public static RecordFilter of(List<String> originalTopics, List<String> connectors, List<String> exceptionClasses,
                                  Pattern messagePattern, Instant since, Instant until, OffsetRange offsets) {
        return new RecordFilter(Set.copyOf(originalTopics), Set.copyOf(connectors), Set.copyOf(exceptionClasses),
                messagePattern, since, until, offsets);
    }

    public boolean matches(DeadLetter letter) {
        ErrorContext context = letter.context();
        long offset = letter.record().offset();
        long timestamp = letter.record().timestamp();
        if (offsets != null && !offsets.contains(offset)) {
            return false;
        }
        if (since != null && timestamp < since.toEpochMilli()) {
            return false;
        }
        if (until != null && timestamp >= until.toEpochMilli()) {
            return false;
        }
        if (!originalTopics.isEmpty() && !originalTopics.contains(context.originalTopic())) {
            return false;
        }
        if (!connectors.isEmpty() && !connectors.contains(context.connector())) {
            return false;
        }
        if (!exceptionClasses.isEmpty() && !exceptionClasses.contains(context.exceptionClass())
                && !exceptionClasses.contains(context.exceptionSimpleName())) {
            return false;
        }
        if (messagePattern != null) {
            String message = context.exceptionMessage();
            return message != null && messagePattern.matcher(message).find();
        }
        return true;
    }

    /** Whether any criterion is set (an empty result then means "nothing matched", not "empty topic"). */
    public boolean isRestrictive() {
        return !equals(ALL);
    }
}
