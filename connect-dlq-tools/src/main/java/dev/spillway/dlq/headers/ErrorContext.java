package dev.spillway.dlq.headers;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The decoded error context of one dead-letter record: where the failed record came from and why it failed. Absent
 * parts are {@code null}/empty: Connect omits what it does not know, and Streams writes no connector or stage.
 *
 * @param occurrences how many times the context headers appear; more than one means the record failed, was
 *                    replayed with its headers and failed again (values here are from the latest failure)
 */
public record ErrorContext(
        ErrorSource source,
        String originalTopic,
        Integer originalPartition,
        Long originalOffset,
        String connector,
        Integer taskId,
        String stage,
        String executingClass,
        String exceptionClass,
        String exceptionMessage,
        String stackTrace,
        String transformAlias,
        int occurrences) {

    public Optional<String> topic() {
        return Optional.ofNullable(originalTopic);
    }

    public OptionalInt partition() {
        return originalPartition == null ? OptionalInt.empty() : OptionalInt.of(originalPartition);
    }

    public OptionalLong offset() {
        return originalOffset == null ? OptionalLong.empty() : OptionalLong.of(originalOffset);
    }

    /** The exception class without its package, for short human output. */
    public String exceptionSimpleName() {
        if (exceptionClass == null) {
            return null;
        }
        int dot = exceptionClass.lastIndexOf('.');
        return dot < 0 ? exceptionClass : exceptionClass.substring(dot + 1);
    }
}
