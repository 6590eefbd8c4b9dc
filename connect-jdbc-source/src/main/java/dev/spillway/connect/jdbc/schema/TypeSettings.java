package dev.spillway.connect.jdbc.schema;

import dev.spillway.connect.common.config.ConfigChoice;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.util.List;

/**
 * The keys that decide how column values become Connect values, beyond {@code numeric.mapping}: the precision of
 * date/time values, the form of arrays and what happens to a value the Connect type cannot hold.
 */
public record TypeSettings(TimePrecisionMode timePrecision, UnrepresentableAction unrepresentable,
                           ArrayMapping arrayMapping) {

    private static final String GROUP = "Types";

    public static final String TIME_PRECISION_MODE_CONFIG = "time.precision.mode";
    private static final String TIME_PRECISION_MODE_DOC = "How TIME and TIMESTAMP values are sent."
        + " 'connect': Connect's Time and Timestamp logical types (milliseconds: microseconds and nanoseconds are"
        + " cut). 'microseconds' / 'nanoseconds': INT64 counts, named dev.spillway.time.MicroTime/NanoTime (since"
        + " midnight; MariaDB TIME may be negative or beyond a day) and dev.spillway.time.MicroTimestamp/"
        + "NanoTimestamp (since the epoch, UTC; columns without a zone placed with db.timezone); nanoseconds only"
        + " reach the years 1677-2262. 'string': ISO-8601 text with every digit, named dev.spillway.time.IsoDate,"
        + " IsoTime, IsoTimestamp (no zone, db.timezone not applied) and IsoZonedTimestamp (UTC, ending in Z);"
        + " values ISO cannot write (infinity, zero dates, MariaDB TIME beyond a day) keep the database's text."
        + " DATE is Connect's Date except in 'string'; PostgreSQL timetz is always its text with its offset.";

    public static final String UNREPRESENTABLE_ACTION_CONFIG = "value.unrepresentable.action";
    private static final String UNREPRESENTABLE_ACTION_DOC = "A legal value that the column's Connect type cannot"
        + " hold: NaN or Infinity in a NUMERIC sent as Decimal or integer, 'infinity' dates and timestamps, MariaDB"
        + " zero dates (0000-00-00, 2020-00-00), MariaDB TIME beyond 00:00-24:00 as Connect Time, a timestamp beyond"
        + " the range of the chosen time.precision.mode, a multi-dimensional or not 1-based PostgreSQL array under"
        + " array.mapping=array. 'fail': the task fails with one line naming table, column, key and the value."
        + " 'null': the row is sent with that column"
        + " null and a header spillway.unrepresentable.<column> holding the value's text; columns that can hold"
        + " such values are then optional in the schema even if NOT NULL. A lossless mapping avoids both:"
        + " numeric.mapping=string, time.precision.mode=string, array.mapping=string.";

    public static final String ARRAY_MAPPING_CONFIG = "array.mapping";
    private static final String ARRAY_MAPPING_DOC = "How PostgreSQL array columns are sent. 'array': a Connect"
        + " ARRAY of the element type (numbers, booleans and bytea as such, other elements as their text); it has one"
        + " dimension and starts at 1, so a multi-dimensional value ({{1,2},{3,4}}) or one with other bounds"
        + " ([0:1]={7,8}), legal in any array column, is an unrepresentable value (value.unrepresentable.action)."
        + " 'string': the database's text of the whole array, exactly ({{1,2},{3,4}}, [0:1]={7,8},"
        + " {NULL,\"a,b\"}), lossless for every array; consumers parse PostgreSQL's array syntax. No effect on"
        + " MariaDB, which has no array type.";

    public static final TypeSettings DEFAULTS = new TypeSettings(TimePrecisionMode.CONNECT, UnrepresentableAction.FAIL,
        ArrayMapping.ARRAY);

    /** Adds this concern's keys to the connector's ConfigDef. */
    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def.define(TIME_PRECISION_MODE_CONFIG, Type.STRING, TimePrecisionMode.CONNECT.configValue(),
                ConfigChoice.validator(TimePrecisionMode.class), Importance.MEDIUM, TIME_PRECISION_MODE_DOC, GROUP,
                ++order, Width.SHORT, "Time precision", List.of(), ConfigChoice.recommender(TimePrecisionMode.class))
            .define(UNREPRESENTABLE_ACTION_CONFIG, Type.STRING, UnrepresentableAction.FAIL.configValue(),
                ConfigChoice.validator(UnrepresentableAction.class), Importance.MEDIUM, UNREPRESENTABLE_ACTION_DOC,
                GROUP, ++order, Width.SHORT, "Unrepresentable values", List.of(),
                ConfigChoice.recommender(UnrepresentableAction.class))
            .define(ARRAY_MAPPING_CONFIG, Type.STRING, ArrayMapping.ARRAY.configValue(),
                ConfigChoice.validator(ArrayMapping.class), Importance.MEDIUM, ARRAY_MAPPING_DOC, GROUP, ++order,
                Width.SHORT, "Array mapping", List.of(), ConfigChoice.recommender(ArrayMapping.class));
    }

    /** The settings of a config whose ConfigDef went through {@link #define}. */
    public static TypeSettings from(AbstractConfig config) {
        return new TypeSettings(TimePrecisionMode.parse(config.getString(TIME_PRECISION_MODE_CONFIG)),
            UnrepresentableAction.parse(config.getString(UNREPRESENTABLE_ACTION_CONFIG)),
            ArrayMapping.parse(config.getString(ARRAY_MAPPING_CONFIG)));
    }
}
