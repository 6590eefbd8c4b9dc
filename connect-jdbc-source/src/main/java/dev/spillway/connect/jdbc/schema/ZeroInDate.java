package dev.spillway.connect.jdbc.schema;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MariaDB date-time with a zero month or day ({@code 0000-00-00 00:00:00}, {@code 2020-00-00 10:00:00},
 * {@code 2020-05-00 ...}) in a timestamp mode's tracking column. No {@link LocalDateTime} can hold it, but it is a
 * position all the same: MariaDB orders date-times as the number YYYYMMDDhhmmss.f, so
 * {@code 2019-12-31 < 2020-00-00 < 2020-01-00 < 2020-01-01}. The database's own text is what the offset keeps and
 * what is bound back (as a string the server casts to a date-time), so the next query compares exactly as the
 * server ordered the rows.
 */
public record ZeroInDate(String text, int year, int month, int day, long nanoOfDay) implements Comparable<Object> {

    private static final Pattern TEXT =
        Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?");

    /** The value of a date-time text with a zero month or day; null for any other text. */
    static ZeroInDate parseOrNull(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        int hours = Integer.parseInt(m.group(4));
        int minutes = Integer.parseInt(m.group(5));
        int seconds = Integer.parseInt(m.group(6));
        if ((month != 0 && day != 0) || month > 12 || day > 31 || hours > 23 || minutes > 59 || seconds > 59) {
            return null;
        }
        String fraction = m.group(7) == null ? "" : m.group(7);
        long nanos = Long.parseLong((fraction + "000000000").substring(0, 9));
        long nanoOfDay = ((hours * 60L + minutes) * 60 + seconds) * 1_000_000_000L + nanos;
        return new ZeroInDate(text, Integer.parseInt(m.group(1)), month, day, nanoOfDay);
    }

    /** The nearest real date-time at or after this position (the zero parts as 1), for the lag metrics only. */
    LocalDateTime approximately() {
        return LocalDateTime.of(LocalDate.of(year, Math.max(month, 1), Math.max(day, 1)),
            LocalTime.ofNanoOfDay(nanoOfDay));
    }

    /** Orders this and a {@link LocalDateTime} (or two of these) as MariaDB does: field by field, zero first. */
    static int compare(Object a, Object b) {
        long[] x = key(a);
        long[] y = key(b);
        for (int i = 0; i < x.length; i++) {
            int c = Long.compare(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static long[] key(Object value) {
        if (value instanceof ZeroInDate z) {
            return new long[] {z.year, z.month, z.day, z.nanoOfDay};
        }
        LocalDateTime t = (LocalDateTime) value;
        return new long[] {t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.toLocalTime().toNanoOfDay()};
    }

    /** Against a {@link LocalDateTime} or another of these; a LocalDateTime's own compareTo knows neither. */
    @Override
    public int compareTo(Object other) {
        return compare(this, other);
    }

    @Override
    public String toString() {
        return text;
    }
}
