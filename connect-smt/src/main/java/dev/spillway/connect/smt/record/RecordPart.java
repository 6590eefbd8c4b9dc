package dev.spillway.connect.smt.record;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;

/**
 * The part of a record a {@code Key}/{@code Value} transform variant works on: where it reads its schema and data,
 * and how it builds the record that carries the new ones. Written once here instead of in every transform's
 * nested classes.
 */
public enum RecordPart {
    KEY("key") {
        @Override
        public Schema schema(ConnectRecord<?> record) {
            return record.keySchema();
        }

        @Override
        public Object data(ConnectRecord<?> record) {
            return record.key();
        }

        @Override
        public <R extends ConnectRecord<R>> R with(R record, Schema schema, Object data) {
            return record.newRecord(record.topic(), record.kafkaPartition(), schema, data,
                record.valueSchema(), record.value(), record.timestamp());
        }
    },
    VALUE("value") {
        @Override
        public Schema schema(ConnectRecord<?> record) {
            return record.valueSchema();
        }

        @Override
        public Object data(ConnectRecord<?> record) {
            return record.value();
        }

        @Override
        public <R extends ConnectRecord<R>> R with(R record, Schema schema, Object data) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                schema, data, record.timestamp());
        }
    };

    private final String word;

    RecordPart(String word) {
        this.word = word;
    }

    public abstract Schema schema(ConnectRecord<?> record);

    public abstract Object data(ConnectRecord<?> record);

    /** A copy of {@code record} (headers included) with this part replaced. */
    public abstract <R extends ConnectRecord<R>> R with(R record, Schema schema, Object data);

    /** "key" or "value", for messages. */
    @Override
    public String toString() {
        return word;
    }
}
