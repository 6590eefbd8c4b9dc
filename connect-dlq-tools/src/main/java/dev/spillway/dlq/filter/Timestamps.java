package dev.spillway.dlq.filter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses the time bounds of {@code --since}/{@code --until}: ISO-8601 instants, dates or epoch milliseconds. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant parse(String text) {
        String value = text.strip();
        if (value.matches("\\d+")) {
            return Instant.ofEpochMilli(Long.parseLong(value));
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new IllegalArgumentException("'" + text
                        + "' is not a time: use ISO-8601 (2026-12-01T10:00:00Z), a date (2026-12-01, UTC) or epoch ms");
            }
        }
    }
}
