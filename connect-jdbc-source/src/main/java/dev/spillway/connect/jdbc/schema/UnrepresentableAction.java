package dev.spillway.connect.jdbc.schema;

import dev.spillway.connect.common.config.ConfigChoice;
import java.util.Locale;

/** What happens to a value the column's Connect type cannot hold (NaN in a Decimal, an infinite date, ...). */
public enum UnrepresentableAction implements ConfigChoice {
    /** Fail the task with one line naming table, column, key and the value's text. */
    FAIL,
    /**
     * Send the row with that column null and a header naming the column and the value's text. Columns that can
     * hold such values become optional in the schema, NOT NULL or not, since they may now carry null.
     */
    NULL;

    public static UnrepresentableAction parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
