package dev.spillway.connect.jdbc.schema;

import org.apache.kafka.connect.data.Schema;

/**
 * A mapped column: its label, its 1-based index in the result set, its Connect schema and how to read it;
 * {@code nullsUnrepresentable}: a value its schema cannot hold is sent as null (with a header) rather than failing.
 */
public record Column(String name, int index, Schema schema, ColumnReader reader, boolean nullsUnrepresentable) {
}
