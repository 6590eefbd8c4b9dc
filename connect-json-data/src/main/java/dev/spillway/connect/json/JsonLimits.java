package dev.spillway.connect.json;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Bounds on what one JSON document may hold, so that input nobody checked (100 000 nested {@code [}, a number of a
 * million digits or with an exponent of a billion, a string of gigabytes) fails as one malformed record instead of
 * exhausting the task's stack, CPU or memory. Set explicitly on the parser rather than left to the defaults of
 * whichever Jackson version is on the class path, which have changed between releases.
 *
 * @param maxNestingDepth how deeply arrays and objects may nest
 * @param maxNumberLength how many characters a number may have, and how large its decimal exponent may be (so its
 *                        plain decimal form stays within about twice as many digits)
 * @param maxStringLength how many characters a string (or object member name) may have
 */
public record JsonLimits(int maxNestingDepth, int maxNumberLength, int maxStringLength) {

    public static final String MAX_NESTING_DEPTH_CONFIG = "json.max.nesting.depth";
    public static final String MAX_NESTING_DEPTH_DOC = "How deeply arrays and objects may nest in one document."
        + " Deeper documents fail the record like any invalid JSON, before they can exhaust the task's stack."
        + " At most 1000.";
    public static final int MAX_NESTING_DEPTH_DEFAULT = 500;
    /** The tree is walked recursively (schema inference, conversion): deeper than this risks the task's stack. */
    static final int MAX_NESTING_DEPTH_LIMIT = 1000;
    private static final String MAX_NESTING_DEPTH_DISPLAY = "Maximum nesting depth";

    public static final String MAX_NUMBER_LENGTH_CONFIG = "json.max.number.length";
    public static final String MAX_NUMBER_LENGTH_DOC = "How many characters a JSON number may have, and how large"
        + " its exponent may be (1e400 has exponent 400): a larger one fails the record like invalid JSON, rather"
        + " than making a decimal of a billion digits (1e1000000000) out of a dozen characters.";
    public static final int MAX_NUMBER_LENGTH_DEFAULT = 1000;
    private static final String MAX_NUMBER_LENGTH_DISPLAY = "Maximum number length";

    public static final String MAX_STRING_LENGTH_CONFIG = "json.max.string.length";
    public static final String MAX_STRING_LENGTH_DOC = "How many characters a JSON string or member name may"
        + " have; a longer one fails the record like invalid JSON.";
    public static final int MAX_STRING_LENGTH_DEFAULT = 20_000_000;
    private static final String MAX_STRING_LENGTH_DISPLAY = "Maximum string length";

    public static final JsonLimits DEFAULTS = new JsonLimits(MAX_NESTING_DEPTH_DEFAULT, MAX_NUMBER_LENGTH_DEFAULT,
        MAX_STRING_LENGTH_DEFAULT);

    /** Adds the limit settings to a transform's definition, in {@code group}. */
    public static ConfigDef define(ConfigDef def, String group) {
        int order = 0;
        return def
            .define(MAX_NESTING_DEPTH_CONFIG, Type.INT, MAX_NESTING_DEPTH_DEFAULT, Range.between(1, MAX_NESTING_DEPTH_LIMIT),
                Importance.LOW, MAX_NESTING_DEPTH_DOC, group, ++order, Width.SHORT, MAX_NESTING_DEPTH_DISPLAY)
            .define(MAX_NUMBER_LENGTH_CONFIG, Type.INT, MAX_NUMBER_LENGTH_DEFAULT, Range.between(1, 1_000_000),
                Importance.LOW, MAX_NUMBER_LENGTH_DOC, group, ++order, Width.SHORT, MAX_NUMBER_LENGTH_DISPLAY)
            .define(MAX_STRING_LENGTH_CONFIG, Type.INT, MAX_STRING_LENGTH_DEFAULT, Range.atLeast(1),
                Importance.LOW, MAX_STRING_LENGTH_DOC, group, ++order, Width.SHORT, MAX_STRING_LENGTH_DISPLAY);
    }

    /** The limits of a configuration whose definition went through {@link #define}. */
    public static JsonLimits from(AbstractConfig config) {
        return new JsonLimits(config.getInt(MAX_NESTING_DEPTH_CONFIG), config.getInt(MAX_NUMBER_LENGTH_CONFIG),
            config.getInt(MAX_STRING_LENGTH_CONFIG));
    }
}
