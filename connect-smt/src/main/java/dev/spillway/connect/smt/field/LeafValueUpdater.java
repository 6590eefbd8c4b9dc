package dev.spillway.connect.smt.field;

import org.apache.kafka.connect.data.Schema;

/**
 * Computes the new value for a value addressed by a {@link FieldPath}.
 */
@FunctionalInterface
public interface LeafValueUpdater {

    /**
     * @param path   the configured path that addresses the value
     * @param schema the value's schema, or {@code null} for schemaless data
     * @param value  the current value, possibly {@code null}; never modify it in place
     * @return the new value; return {@code value} itself when it does not change
     * @throws org.apache.kafka.connect.errors.DataException when the value cannot be updated
     */
    Object update(FieldPath path, Schema schema, Object value);
}
