package dev.spillway.connect.jdbc.schema;

import dev.spillway.connect.common.config.ConfigChoice;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How DATE, TIME and TIMESTAMP values become Connect values: the schema of each and the value of one instant,
 * time of day or day. The schema names of the non-Connect forms are Spillway's own ({@link #NAMESPACE}): they
 * resemble Debezium's but are not the same contract (a timestamp without zone here is an instant placed with
 * {@code db.timezone}, where Debezium's {@code MicroTimestamp} is the wall-clock reading as if in UTC).
 */
public enum TimePrecisionMode implements ConfigChoice {
    /** Connect's Date, Time and Timestamp: milliseconds, the rest of the digits cut. */
    CONNECT,
    /** INT64 microseconds: lossless for PostgreSQL and MariaDB. */
    MICROSECONDS,
    /** INT64 nanoseconds: exact, but only for instants between 1677 and 2262. */
    NANOSECONDS,
    /** ISO-8601 text with every digit; the database's own text where ISO has no form for a value. */
    STRING;

    public static final String NAMESPACE = "dev.spillway.time.";
    public static final String MICRO_TIME = NAMESPACE + "MicroTime";
    public static final String MICRO_TIMESTAMP = NAMESPACE + "MicroTimestamp";
    public static final String NANO_TIME = NAMESPACE + "NanoTime";
    public static final String NANO_TIMESTAMP = NAMESPACE + "NanoTimestamp";
    public static final String ISO_DATE = NAMESPACE + "IsoDate";
    public static final String ISO_TIME = NAMESPACE + "IsoTime";
    public static final String ISO_TIMESTAMP = NAMESPACE + "IsoTimestamp";
    public static final String ISO_ZONED_TIMESTAMP = NAMESPACE + "IsoZonedTimestamp";

    private static final long MILLIS_PER_DAY = 86_400_000L;

    public static TimePrecisionMode parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when values the other modes cannot hold (infinity, zero dates) travel as the database's text. */
    boolean keepsText() {
        return this == STRING;
    }

    SchemaBuilder dateSchema() {
        return this == STRING ? SchemaBuilder.string().name(ISO_DATE).version(1) : Date.builder();
    }

    Object date(LocalDate date) {
        if (this == STRING) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
        }
        try {
            return new java.util.Date(Math.multiplyExact(date.toEpochDay(), MILLIS_PER_DAY));
        } catch (ArithmeticException e) {
            throw new UnrepresentableValueException(date.toString(), "the date is beyond a Connect Date");
        }
    }

    SchemaBuilder timeSchema() {
        return switch (this) {
            case CONNECT -> Time.builder();
            case MICROSECONDS -> SchemaBuilder.int64().name(MICRO_TIME).version(1);
            case NANOSECONDS -> SchemaBuilder.int64().name(NANO_TIME).version(1);
            case STRING -> SchemaBuilder.string().name(ISO_TIME).version(1);
        };
    }

    /** A time of day in nanoseconds since midnight; MariaDB's TIME may be negative or beyond a day. */
    Object time(long nanos, String text) {
        return switch (this) {
            case CONNECT -> {
                // Connect's Time takes 0 to 86 400 000 ms inclusive: 24:00:00 fits, a MariaDB duration may not.
                if (nanos < 0 || nanos > TemporalText.NANOS_PER_DAY) {
                    throw new UnrepresentableValueException(text, "Connect's Time holds 00:00 to 24:00 only");
                }
                yield new java.util.Date(nanos / 1_000_000L);
            }
            case MICROSECONDS -> nanos / 1_000L;
            case NANOSECONDS -> nanos;
            case STRING -> isoTime(nanos);
        };
    }

    SchemaBuilder timestampSchema(boolean zoned) {
        return switch (this) {
            case CONNECT -> Timestamp.builder();
            case MICROSECONDS -> SchemaBuilder.int64().name(MICRO_TIMESTAMP).version(1);
            case NANOSECONDS -> SchemaBuilder.int64().name(NANO_TIMESTAMP).version(1);
            case STRING -> SchemaBuilder.string().name(zoned ? ISO_ZONED_TIMESTAMP : ISO_TIMESTAMP).version(1);
        };
    }

    /** A timestamp without zone: {@code instant} is it placed with db.timezone, used by all but STRING. */
    Object localTimestamp(LocalDateTime local, Instant instant) {
        return this == STRING ? DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local) : timestamp(instant);
    }

    Object zonedTimestamp(Instant instant) {
        return this == STRING ? DateTimeFormatter.ISO_INSTANT.format(instant) : timestamp(instant);
    }

    private Object timestamp(Instant instant) {
        try {
            return switch (this) {
                case CONNECT -> new java.util.Date(instant.toEpochMilli());
                case MICROSECONDS -> Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                    instant.getNano() / 1_000L);
                case NANOSECONDS -> Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L),
                    instant.getNano());
                case STRING -> DateTimeFormatter.ISO_INSTANT.format(instant);
            };
        } catch (ArithmeticException e) {
            throw new UnrepresentableValueException(instant.toString(), "the instant is beyond what "
                + configValue() + " time.precision.mode can count");
        }
    }

    /** {@code HH:MM:SS[.fraction]} without trailing zeros; hours may pass 24, a MariaDB duration may be negative. */
    static String isoTime(long nanos) {
        long abs = Math.abs(nanos);
        long seconds = abs / 1_000_000_000L;
        long fraction = abs % 1_000_000_000L;
        StringBuilder text = new StringBuilder(nanos < 0 ? "-" : "");
        text.append(String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60));
        if (fraction != 0) {
            String digits = String.format(Locale.ROOT, "%09d", fraction);
            text.append('.').append(digits.replaceAll("0+$", ""));
        }
        return text.toString();
    }
}
