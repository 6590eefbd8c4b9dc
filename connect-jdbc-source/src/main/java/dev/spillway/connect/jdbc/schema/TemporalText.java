package dev.spillway.connect.jdbc.schema;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Reads date/time values from the database's own text of them (PostgreSQL with DateStyle ISO, which its driver
 * sets; MariaDB/MySQL), never from the drivers' typed getters: those throw on {@code infinity} and years beyond
 * 9999, or silently turn {@code 24:00:00}, {@code 838:59:59}, {@code 2020-00-00} and {@code 0000-00-00} into
 * other values. A text that names no point on the calendar (infinity, zero dates) is an
 * {@link UnrepresentableValueException}; a text in a format this class does not know (another database's) is an
 * {@link IllegalArgumentException}, on which callers fall back to the driver's getter.
 */
final class TemporalText {

    static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final String BC = " BC";

    private TemporalText() {
    }

    /** {@code 2026-01-02}, {@code 0044-03-15 BC}, {@code 10000-01-01}. */
    static LocalDate date(String text) {
        try {
            boolean bc = text.endsWith(BC);
            return parseDate(bc ? text.substring(0, text.length() - BC.length()) : text, bc, text);
        } catch (NumberFormatException | DateTimeException | IndexOutOfBoundsException e) {
            throw notADate(text);
        }
    }

    /**
     * Nanoseconds since midnight of {@code 03:04:05.123456}, {@code 24:00:00} (one whole day), or of a MariaDB
     * duration such as {@code 838:59:59} or {@code -838:59:59} (beyond a day or negative).
     */
    static long timeNanos(String text) {
        try {
            boolean negative = text.startsWith("-");
            String[] parts = (negative ? text.substring(1) : text).split(":");
            if (parts.length != 3) {
                throw notADate(text);
            }
            long hours = Long.parseLong(parts[0]);
            int minutes = Integer.parseInt(parts[1]);
            String seconds = parts[2];
            int dot = seconds.indexOf('.');
            long secs = Integer.parseInt(dot < 0 ? seconds : seconds.substring(0, dot));
            long nanos = dot < 0 ? 0 : fraction(seconds.substring(dot + 1));
            if (minutes > 59 || secs > 59) {
                throw notADate(text);
            }
            long total = ((hours * 60 + minutes) * 60 + secs) * 1_000_000_000L + nanos;
            return negative ? -total : total;
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw notADate(text);
        }
    }

    /** {@code 2026-01-02 03:04:05.123456} (or with a T), BC and long years as for {@link #date}. */
    static LocalDateTime localDateTime(String text) {
        Parts parts = split(text);
        if (parts.offset != null) {
            throw notADate(text);
        }
        return parts.local;
    }

    /** A timestamp with an offset, {@code 2026-01-02 01:04:05.123456+05:30} (PostgreSQL timestamptz). */
    static Instant instant(String text) {
        Parts parts = split(text);
        if (parts.offset == null) {
            throw notADate(text);
        }
        return parts.local.toInstant(parts.offset);
    }

    /** The local date-time and the offset (or null) of a timestamp's text. */
    private record Parts(LocalDateTime local, ZoneOffset offset) {
    }

    private static Parts split(String text) {
        if (text.equals("infinity") || text.equals("-infinity")) {
            throw new UnrepresentableValueException(text, "an infinite timestamp has no place on the time line");
        }
        try {
            boolean bc = text.endsWith(BC);
            String body = bc ? text.substring(0, text.length() - BC.length()) : text;
            int sep = body.indexOf(' ') >= 0 ? body.indexOf(' ') : body.indexOf('T');
            if (sep < 0) {
                throw notADate(text);
            }
            LocalDate date = parseDate(body.substring(0, sep), bc, text);
            String time = body.substring(sep + 1);
            ZoneOffset offset = null;
            int sign = Math.max(time.indexOf('+'), time.indexOf('-'));
            if (sign > 0) {
                offset = offset(time.substring(sign));
                time = time.substring(0, sign);
            } else if (time.endsWith("Z")) {
                offset = ZoneOffset.UTC;
                time = time.substring(0, time.length() - 1);
            }
            long nanos = timeNanos(time);
            if (nanos < 0 || nanos >= NANOS_PER_DAY) {
                throw notADate(text);
            }
            return new Parts(LocalDateTime.of(date, LocalTime.ofNanoOfDay(nanos)), offset);
        } catch (NumberFormatException | DateTimeException | IndexOutOfBoundsException e) {
            throw notADate(text);
        }
    }

    private static LocalDate parseDate(String text, boolean bc, String whole) {
        if (text.equals("infinity") || text.equals("-infinity")) {
            throw new UnrepresentableValueException(whole, "an infinite date has no place on the calendar");
        }
        int second = text.lastIndexOf('-');
        int first = text.lastIndexOf('-', second - 1);
        if (first <= 0) {
            throw notADate(whole);
        }
        int year = Integer.parseInt(text.substring(0, first));
        int month = Integer.parseInt(text.substring(first + 1, second));
        int day = Integer.parseInt(text.substring(second + 1));
        if (month == 0 || day == 0) {
            throw new UnrepresentableValueException(whole, "a zero date (or a date with a zero month or day) names"
                + " no day");
        }
        // 1 BC is ISO year 0.
        return LocalDate.of(bc ? 1 - year : year, month, day);
    }

    /** {@code +05}, {@code -03:30}, {@code +00:53:28} (local mean time offsets have seconds). */
    private static ZoneOffset offset(String text) {
        int sign = text.charAt(0) == '-' ? -1 : 1;
        String[] parts = text.substring(1).split(":");
        int hours = Integer.parseInt(parts[0]);
        int minutes = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        int seconds = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
        return ZoneOffset.ofHoursMinutesSeconds(sign * hours, sign * minutes, sign * seconds);
    }

    /** Nanoseconds of 1 to 9 fraction digits; read on every row, so without streams or string copies. */
    private static long fraction(String digits) {
        if (digits.isEmpty() || digits.length() > 9) {
            throw new NumberFormatException(digits);
        }
        long nanos = 0;
        for (int i = 0; i < 9; i++) {
            int digit = 0;
            if (i < digits.length()) {
                char c = digits.charAt(i);
                if (!Character.isDigit(c)) {
                    throw new NumberFormatException(digits);
                }
                digit = Character.digit(c, 10);
            }
            nanos = nanos * 10 + digit;
        }
        return nanos;
    }

    private static IllegalArgumentException notADate(String text) {
        return new IllegalArgumentException("not a date/time text this connector can read: " + text);
    }
}
