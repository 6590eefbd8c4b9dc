package dev.spillway.connect.rest.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * Reads a since watermark as a point in time, for the lag metric. The watermark is whatever the API's field holds,
 * so this guesses, conservatively: ISO-8601 text (an instant, a date-time with or without offset - without, UTC -
 * or a date), or a number that is plausibly epoch seconds or epoch milliseconds of the years 2001 to 2286. Anything
 * else, such as an id, has no lag.
 */
final class Watermarks {

    private static final double SECONDS_FROM = 1e9;
    private static final double SECONDS_UNTIL = 1e10;
    private static final double MILLIS_FROM = 1e12;
    private static final double MILLIS_UNTIL = 1e13;

    private Watermarks() {
    }

    static OptionalLong epochMillis(String watermark) {
        if (watermark == null || watermark.isBlank()) {
            return OptionalLong.empty();
        }
        String text = watermark.strip();
        try {
            double number = Double.parseDouble(text);
            if (number >= SECONDS_FROM && number < SECONDS_UNTIL) {
                return OptionalLong.of(Math.round(number * 1000));
            }
            if (number >= MILLIS_FROM && number < MILLIS_UNTIL) {
                return OptionalLong.of(Math.round(number));
            }
            return OptionalLong.empty();
        } catch (NumberFormatException notANumber) {
            // text: try the timestamp formats
        }
        try {
            return OptionalLong.of(OffsetDateTime.parse(text).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            return OptionalLong.of(Instant.parse(text).toEpochMilli());
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            return OptionalLong.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli());
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            return OptionalLong.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }
}
