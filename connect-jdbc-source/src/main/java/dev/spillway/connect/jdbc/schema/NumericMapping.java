package dev.spillway.connect.jdbc.schema;

import dev.spillway.connect.common.config.ConfigChoice;
import java.util.Locale;

/** How NUMERIC/DECIMAL columns with a declared precision become Connect types. */
public enum NumericMapping implements ConfigChoice {
    /** Always a Connect Decimal with the column's scale: exact, but bytes on the wire. */
    NONE,
    /** Scale 0 and precision up to 18 become INT8/16/32/64; the rest stay Decimal. Exact. */
    PRECISION_ONLY,
    /** Like PRECISION_ONLY, and precision up to 15 with a scale becomes FLOAT64 (15 digits survive a double). */
    BEST_FIT,
    /** The database's exact decimal text, also for PostgreSQL's NaN and ±Infinity, which no Decimal holds. */
    STRING;

    public static NumericMapping parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
