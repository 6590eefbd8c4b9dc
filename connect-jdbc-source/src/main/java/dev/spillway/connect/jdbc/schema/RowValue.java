package dev.spillway.connect.jdbc.schema;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Headers;

/**
 * One row as a record value, its key (null when records carry no key), and the headers it carries: one {@code spillway.unrepresentable.<column>} per
 * column sent as null because its Connect type cannot hold the value, holding the value's text (null if none).
 */
public record RowValue(Struct value, Struct key, Headers headers) {
}
