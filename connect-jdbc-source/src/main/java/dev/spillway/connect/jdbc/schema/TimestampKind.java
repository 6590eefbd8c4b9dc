package dev.spillway.connect.jdbc.schema;

import org.apache.kafka.connect.errors.DataException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * How a timestamp column is read, compared, stored in an offset and bound to a query, at full precision:
 * {@link #LOCAL} for columns without a time zone (values are {@link LocalDateTime}, meant in {@code db.timezone}),
 * {@link #ZONED} for columns with one (values are {@link Instant}).
 */
public enum TimestampKind {
    LOCAL, ZONED;

    public static TimestampKind forJdbcType(int jdbcType, String typeName) {
        if (jdbcType == Types.TIMESTAMP_WITH_TIMEZONE || "timestamptz".equalsIgnoreCase(typeName)) {
            return ZONED;
        }
        return LOCAL;
    }

    /** The column's value, or null. */
    public Comparable<?> read(ResultSet rs, int column) throws SQLException {
        if (this == LOCAL) {
            LocalDateTime value;
            try {
                value = rs.getObject(column, LocalDateTime.class);
            } catch (DateTimeException e) {
                // MariaDB's driver builds a LocalDateTime from 2020-00-00 and fails; its text says what it is.
                value = null;
            }
            if (value != null) {
                return value;
            }
            String text = rs.getString(column);
            if (text == null) {
                return null;
            }
            // MariaDB's zero date and zero-in-date values (2020-00-00), which its driver reads as null, keep
            // their text: they are positions between the real date-times (see ZeroInDate).
            ZeroInDate zero = ZeroInDate.parseOrNull(text);
            if (zero != null) {
                return zero;
            }
            throw new DataException("The timestamp column holds '" + text + "', which has no place among date-times,"
                + " so the timestamp modes cannot order it: correct the row, or read through a custom 'query' that"
                + " maps it to a date-time");
        }
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public String format(Object value) {
        return value.toString();
    }

    public Comparable<?> parse(String stored) {
        if (this == LOCAL) {
            if (stored.endsWith("Z")) {
                throw new IllegalArgumentException("offset timestamp " + stored + " has a zone but the column has none");
            }
            // An ISO date-time has a T; a zero-in-date position is kept as the database's text, with a space.
            if (stored.indexOf(' ') > 0) {
                ZeroInDate zero = ZeroInDate.parseOrNull(stored);
                if (zero == null) {
                    throw new IllegalArgumentException("offset timestamp '" + stored + "' is not a date-time");
                }
                return zero;
            }
            return LocalDateTime.parse(stored);
        }
        return Instant.parse(stored);
    }

    /** The instant as this kind's value: a local date-time in {@code zone} for LOCAL. */
    public Comparable<?> fromInstant(Instant instant, ZoneId zone) {
        return this == LOCAL ? LocalDateTime.ofInstant(instant, zone) : instant;
    }

    /** This kind's value as an instant: a local date-time is meant in {@code zone}. */
    public Instant toInstant(Object value, ZoneId zone) {
        if (value instanceof ZeroInDate zero) {
            return zero.approximately().atZone(zone).toInstant();
        }
        return value instanceof LocalDateTime local ? local.atZone(zone).toInstant() : (Instant) value;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b) {
        if (a instanceof ZeroInDate || b instanceof ZeroInDate) {
            return ZeroInDate.compare(a, b);
        }
        return ((Comparable) a).compareTo(b);
    }
}
