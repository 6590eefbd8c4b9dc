package dev.spillway.connect.jdbc.schema;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * DATE, TIME and TIMESTAMP columns in the configured {@link TimePrecisionMode}, read from the database's text
 * ({@link TemporalText}). Values that the mode cannot hold (infinity, zero dates, a MariaDB TIME beyond a day in
 * Connect's Time) are unrepresentable, except in the string mode, which sends the database's text of them.
 */
final class TemporalMapper {

    private final TimePrecisionMode mode;
    private final ZoneId dbZone;

    TemporalMapper(TimePrecisionMode mode, ZoneId dbZone) {
        this.mode = mode;
        this.dbZone = dbZone;
    }

    Mapped date() {
        return mapped(mode.dateSchema(), text -> mode.date(TemporalText.date(text)));
    }

    Mapped time() {
        return mapped(mode.timeSchema(), text -> mode.time(TemporalText.timeNanos(text), text));
    }

    /** A timestamp without zone, meant in db.timezone. */
    Mapped localTimestamp() {
        return mapped(mode.timestampSchema(false), text -> {
            LocalDateTime local = TemporalText.localDateTime(text);
            return mode.localTimestamp(local, local.atZone(dbZone).toInstant());
        });
    }

    /** PostgreSQL timestamptz: its text carries the session's offset. */
    Mapped zonedTimestamp() {
        return mapped(mode.timestampSchema(true), text -> mode.zonedTimestamp(TemporalText.instant(text)));
    }

    private Mapped mapped(org.apache.kafka.connect.data.SchemaBuilder schema, Function<String, Object> convert) {
        return new Mapped(schema, (rs, i) -> {
            String text = rs.getString(i);
            if (text == null) {
                return null;
            }
            try {
                return convert.apply(text);
            } catch (UnrepresentableValueException e) {
                if (mode.keepsText()) {
                    return text;
                }
                // The database's text, not the intermediate value the mode could not count.
                throw e.text().equals(text) ? e : new UnrepresentableValueException(text, e.getMessage());
            }
        }, !mode.keepsText());
    }
}
