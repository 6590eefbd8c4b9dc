package dev.spillway.connect.smt.cdc;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import java.util.Map;
import java.util.Optional;

/**
 * The topic that a row names in one of its string columns, for {@code route.by.field}: Debezium's
 * {@code ExtractNewRecordState} sends each row to the topic its column holds, and keeps the topic when the column is
 * null or blank. As with Debezium, a null column that has a default names the default.
 */
public final class RowTopic {

    private final String field;

    /** @param field the row's column that holds the topic; null or empty to keep every record's topic */
    public RowTopic(String field) {
        this.field = field == null || field.isEmpty() ? null : field;
    }

    /** Whether rows choose their topic. */
    public boolean enabled() {
        return field != null;
    }

    /**
     * The topic that {@code row} names; empty to keep the record's topic (routing off, or a null or blank column).
     *
     * @param row a {@link Struct} or a schemaless {@code Map}
     * @throws DataException if the row has no such column, or it does not hold a string
     */
    public Optional<String> topicFrom(Object row) {
        if (field == null) {
            return Optional.empty();
        }
        Object value;
        if (row instanceof Struct struct) {
            Field column = struct.schema().field(field);
            if (column == null) {
                throw new DataException("route.by.field: the row has no column '" + field + "'");
            }
            if (column.schema().type() != Schema.Type.STRING) {
                throw new DataException("route.by.field: the row's column '" + field + "' is a "
                    + column.schema().type() + ", not a STRING");
            }
            value = struct.get(column);
        } else if (row instanceof Map<?, ?> map) {
            if (!map.containsKey(field)) {
                throw new DataException("route.by.field: the row has no column '" + field + "'");
            }
            value = map.get(field);
            if (value != null && !(value instanceof String)) {
                throw new DataException("route.by.field: the row's column '" + field + "' is a "
                    + value.getClass().getSimpleName() + ", not a string");
            }
        } else {
            throw new DataException("route.by.field: there is no row to read '" + field + "' from");
        }
        String topic = (String) value;
        return topic == null || topic.isBlank() ? Optional.empty() : Optional.of(topic);
    }

    @Override
    public String toString() {
        return field == null ? "(off)" : field;
    }
}
