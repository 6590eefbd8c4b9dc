package dev.spillway.connect.smt.field;

import org.apache.kafka.connect.data.Schema;

/**
 * Computes the schema of a value addressed by a {@link FieldPath}, for the derived schema of a record.
 */
@FunctionalInterface
public interface LeafSchemaUpdater {

    /**
     * @param path   the configured path that addresses the value
     * @param schema the value's current schema
     * @return the schema the updated value will have; return {@code schema} itself when it does not change,
     *         so that unchanged schemas keep their identity
     * @throws org.apache.kafka.connect.errors.DataException when values of this schema cannot be updated
     */
    Schema update(FieldPath path, Schema schema);
}
