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
            return parseDate(text, 0, bc ? text.length() - BC.length() : text.length(), bc);
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
            return timeNanos(text, 0, text.length());
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

    // Every row's timestamps pass here: the text is read by index, without splitting it into new strings.
    private static Parts split(String text) {
        if (text.equals("infinity") || text.equals("-infinity")) {
            throw new UnrepresentableValueException(text, "an infinite timestamp has no place on the time line");
        }
        try {
            boolean bc = text.endsWith(BC);
            int end = bc ? text.length() - BC.length() : text.length();
            int sep = text.indexOf(' ');
            if (sep < 0 || sep >= end) {
                sep = text.indexOf('T');
            }
            if (sep < 0 || sep >= end) {
                throw notADate(text);
            }
            LocalDate date = parseDate(text, 0, sep, bc);
            int timeStart = sep + 1;
            int timeEnd = end;
            ZoneOffset offset = null;
            int sign = Math.max(text.indexOf('+', timeStart), text.indexOf('-', timeStart));
            if (sign > timeStart && sign < end) {
                offset = offset(text, sign, end);
                timeEnd = sign;
            } else if (text.charAt(end - 1) == 'Z') {
                offset = ZoneOffset.UTC;
                timeEnd = end - 1;
            }
            long nanos = timeNanos(text, timeStart, timeEnd);
            if (nanos < 0 || nanos >= NANOS_PER_DAY) {
                throw notADate(text);
            }
            return new Parts(LocalDateTime.of(date, LocalTime.ofNanoOfDay(nanos)), offset);
        } catch (NumberFormatException | DateTimeException | IndexOutOfBoundsException e) {
            throw notADate(text);
        }
    }

    /** {@code [-]hours:mm:ss[.fraction]} in {@code text} from {@code from} to {@code to}. */
    private static long timeNanos(String text, int from, int to) {
        boolean negative = from < to && text.charAt(from) == '-';
        int start = negative ? from + 1 : from;
        int firstColon = indexOf(text, ':', start, to);
        int secondColon = indexOf(text, ':', firstColon + 1, to);
        if (firstColon < 0 || secondColon < 0 || indexOf(text, ':', secondColon + 1, to) >= 0) {
            throw notADate(text);
        }
        long hours = digits(text, start, firstColon);
        long minutes = digits(text, firstColon + 1, secondColon);
        int dot = indexOf(text, '.', secondColon + 1, to);
        long secs = digits(text, secondColon + 1, dot < 0 ? to : dot);
        long nanos = dot < 0 ? 0 : fraction(text, dot + 1, to);
        if (minutes > 59 || secs > 59) {
            throw notADate(text);
        }
        long total = ((hours * 60 + minutes) * 60 + secs) * 1_000_000_000L + nanos;
        return negative ? -total : total;
    }

    /** The date in {@code text} from {@code from} to {@code to}: year-month-day, the year of any length. */
    private static LocalDate parseDate(String text, int from, int to, boolean bc) {
        if (to - from == 8 && text.startsWith("infinity", from) || to - from == 9 && text.startsWith("-infinity", from)) {
            throw new UnrepresentableValueException(text, "an infinite date has no place on the calendar");
        }
        int second = text.lastIndexOf('-', to - 1);
        int first = second <= from ? -1 : text.lastIndexOf('-', second - 1);
        if (first <= from) {
            throw notADate(text);
        }
        int year = number(text, from, first);
        int month = number(text, first + 1, second);
        int day = number(text, second + 1, to);
        if (month == 0 || day == 0) {
            throw new UnrepresentableValueException(text, "a zero date (or a date with a zero month or day) names"
                + " no day");
        }
        // 1 BC is ISO year 0.
        return LocalDate.of(bc ? 1 - year : year, month, day);
    }

    /** {@code +05}, {@code -03:30}, {@code +00:53:28} (local mean time offsets have seconds). */
    private static ZoneOffset offset(String text, int from, int to) {
        int sign = text.charAt(from) == '-' ? -1 : 1;
        int firstColon = indexOf(text, ':', from + 1, to);
        int secondColon = firstColon < 0 ? -1 : indexOf(text, ':', firstColon + 1, to);
        int hours = number(text, from + 1, firstColon < 0 ? to : firstColon);
        int minutes = firstColon < 0 ? 0 : number(text, firstColon + 1, secondColon < 0 ? to : secondColon);
        int seconds = secondColon < 0 ? 0 : number(text, secondColon + 1, to);
        if (hours == 0 && minutes == 0 && seconds == 0) {
            // A UTC session's every value: skips the offset cache's lookup.
            return ZoneOffset.UTC;
        }
        return ZoneOffset.ofHoursMinutesSeconds(sign * hours, sign * minutes, sign * seconds);
    }

    /** The unsigned decimal number from {@code from} to {@code to}: one to 18 ASCII digits, nothing else. */
    private static long digits(String text, int from, int to) {
        if (from >= to || to - from > 18) {
            throw new NumberFormatException(text);
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** An int of one to nine digits (so that a longer one is refused rather than wrapped). */
    private static int number(String text, int from, int to) {
        if (to - from > 9) {
            throw new NumberFormatException(text);
        }
        return (int) digits(text, from, to);
    }

    /** Nanoseconds of 1 to 9 fraction digits. */
    private static long fraction(String text, int from, int to) {
        if (from >= to || to - from > 9) {
            throw new NumberFormatException(text);
        }
        long nanos = digits(text, from, to);
        for (int i = to - from; i < 9; i++) {
            nanos *= 10;
        }
        return nanos;
    }

    /** The index of {@code c} in {@code text} from {@code from} to before {@code to}, or -1. */
    private static int indexOf(String text, char c, int from, int to) {
        int index = text.indexOf(c, from);
        return index < to ? index : -1;
    }

    private static IllegalArgumentException notADate(String text) {
        return new IllegalArgumentException("not a date/time text this connector can read: " + text);
    }
}
