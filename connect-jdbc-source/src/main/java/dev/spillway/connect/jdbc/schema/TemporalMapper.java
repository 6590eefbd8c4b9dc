package dev.spillway.connect.jdbc.schema;

import org.apache.kafka.connect.data.SchemaBuilder;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * DATE, TIME and TIMESTAMP columns in the configured {@link TimePrecisionMode}, read from the database's text
 * ({@link TemporalText}). Values that the mode cannot hold (infinity, zero dates, a MariaDB TIME beyond a day in
 * Connect's Time) are unrepresentable, except in the string mode, which sends the database's text of them. A
 * text in a format {@link TemporalText} does not know (a database other than PostgreSQL and MariaDB) is read with
 * the driver's typed getter instead.
 */
final class TemporalMapper {

    private final TimePrecisionMode mode;
    private final ZoneId dbZone;

    TemporalMapper(TimePrecisionMode mode, ZoneId dbZone) {
        this.mode = mode;
        this.dbZone = dbZone;
    }

    Mapped date() {
        return mapped(mode.dateSchema(), (text, rs, i) -> {
            LocalDate date;
            try {
                date = TemporalText.date(text);
            } catch (IllegalArgumentException e) {
                date = typed(rs.getObject(i, LocalDate.class), text);
            }
            return mode.date(date);
        });
    }

    Mapped time() {
        return mapped(mode.timeSchema(), (text, rs, i) -> {
            long nanos;
            try {
                nanos = TemporalText.timeNanos(text);
            } catch (IllegalArgumentException e) {
                nanos = typed(rs.getObject(i, LocalTime.class), text).toNanoOfDay();
            }
            return mode.time(nanos, text);
        });
    }

    /** A timestamp without zone, meant in db.timezone. */
    Mapped localTimestamp() {
        return mapped(mode.timestampSchema(false), (text, rs, i) -> {
            LocalDateTime local;
            try {
                local = TemporalText.localDateTime(text);
            } catch (IllegalArgumentException e) {
                local = typed(rs.getObject(i, LocalDateTime.class), text);
            }
            return mode.localTimestamp(local, local.atZone(dbZone).toInstant());
        });
    }

    /**
     * A timestamp without zone read with the driver's {@code LocalDateTime} first, for a driver whose typed value is
     * exactly the one its text names ({@link ColumnTypes#readsLocalTimestampsTyped}): that saves the driver
     * formatting the text and this class parsing it again, on every row, and it keeps the year 0 that MariaDB
     * Connector/J's text of it turns into year 1. SQL NULL, zero dates, values the driver refuses and values the
     * mode cannot hold still go by the text, so that they read, and fail, as {@link #localTimestamp()} says.
     */
    Mapped localTimestampTypedFirst() {
        Mapped byText = localTimestamp();
        ColumnReader text = byText.reader();
        return new Mapped(byText.schema(), (rs, i) -> {
            LocalDateTime local;
            try {
                local = rs.getObject(i, LocalDateTime.class);
            } catch (SQLException | RuntimeException e) {
                // A value the driver refuses (it throws DateTimeException for a zero month): its text decides.
                return text.read(rs, i);
            }
            if (local == null) {
                return text.read(rs, i);
            }
            try {
                return mode.localTimestamp(local, local.atZone(dbZone).toInstant());
            } catch (UnrepresentableValueException e) {
                return text.read(rs, i);
            }
        }, byText.mayBeUnrepresentable());
    }

    /** PostgreSQL timestamptz: its text carries the session's offset. */
    Mapped zonedTimestamp() {
        return mapped(mode.timestampSchema(true), (text, rs, i) -> {
            try {
                return mode.zonedTimestamp(TemporalText.instant(text));
            } catch (IllegalArgumentException e) {
                return mode.zonedTimestamp(typed(rs.getObject(i, OffsetDateTime.class), text).toInstant());
            }
        });
    }

    /** The driver's value, or unrepresentable when it has none for a non-null text. */
    private static <T> T typed(T value, String text) {
        if (value == null) {
            throw new UnrepresentableValueException(text, "neither this connector nor the driver can read the text"
                + " as a date/time");
        }
        return value;
    }

    @FunctionalInterface
    private interface Convert {
        Object apply(String text, ResultSet rs, int index) throws SQLException;
    }

    private Mapped mapped(SchemaBuilder schema, Convert convert) {
        return new Mapped(schema, (rs, i) -> {
            String text = rs.getString(i);
            if (text == null) {
                return null;
            }
            try {
                return convert.apply(text, rs, i);
            } catch (UnrepresentableValueException e) {
                if (mode.keepsText()) {
                    return text;
                }
                // The database's text, not the intermediate value the mode could not count.
                throw e.text().equals(text) ? e : new UnrepresentableValueException(text, e.getMessage());
            } catch (RuntimeException e) {
                // The driver's getter refused the text too (DateTimeException, its own exceptions).
                if (mode.keepsText()) {
                    return text;
                }
                throw new UnrepresentableValueException(text, "the driver cannot read the text as a date/time: " + e);
            }
        }, !mode.keepsText());
    }
}
