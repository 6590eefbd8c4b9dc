package dev.spillway.connect.smt.cdc;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import java.util.LinkedHashMap;
import java.util.Map;

/** Debezium-shaped change events for tests, with and without schemas. */
public final class CdcEvents {

    public static final Schema ROW = SchemaBuilder.struct().name("dbserver1.inventory.customers.Value").optional()
        .field("id", Schema.INT32_SCHEMA)
        .field("email", Schema.OPTIONAL_STRING_SCHEMA)
        .field("status", SchemaBuilder.string().optional().defaultValue("active").build())
        .build();

    public static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
        .field("version", Schema.STRING_SCHEMA)
        .field("connector", Schema.STRING_SCHEMA)
        .field("name", Schema.STRING_SCHEMA)
        .field("ts_ms", Schema.INT64_SCHEMA)
        .field("db", Schema.STRING_SCHEMA)
        .field("schema", Schema.STRING_SCHEMA)
        .field("table", Schema.STRING_SCHEMA)
        .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
        .build();

    public static final Schema TRANSACTION = SchemaBuilder.struct().name("event.block").optional()
        .field("id", Schema.STRING_SCHEMA)
        .field("total_order", Schema.INT64_SCHEMA)
        .field("data_collection_order", Schema.INT64_SCHEMA)
        .build();

    public static final Schema ENVELOPE = SchemaBuilder.struct().name("dbserver1.inventory.customers.Envelope")
        .field("before", ROW)
        .field("after", ROW)
        .field("source", SOURCE)
        .field("op", Schema.STRING_SCHEMA)
        .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
        .field("transaction", TRANSACTION)
        .build();

    public static final long SOURCE_TS = 1_700_000_000_000L;
    public static final long EVENT_TS = 1_700_000_000_500L;

    private CdcEvents() {
    }

    public static Struct row(int id, String email) {
        return new Struct(ROW).put("id", id).put("email", email);
    }

    public static Struct source() {
        return new Struct(SOURCE).put("version", "3.2.0.Final").put("connector", "postgresql")
            .put("name", "dbserver1").put("ts_ms", SOURCE_TS).put("db", "inventory").put("schema", "public")
            .put("table", "customers").put("lsn", 24023128L);
    }

    /** An envelope with a schema; {@code transaction} is null, as during a snapshot. */
    public static Struct envelope(String op, Struct before, Struct after) {
        Struct envelope = new Struct(ENVELOPE).put("source", source()).put("op", op).put("ts_ms", EVENT_TS);
        if (before != null) {
            envelope.put("before", before);
        }
        if (after != null) {
            envelope.put("after", after);
        }
        return envelope;
    }

    public static Struct withTransaction(Struct envelope, String id) {
        return envelope.put("transaction", new Struct(TRANSACTION).put("id", id).put("total_order", 7L)
            .put("data_collection_order", 3L));
    }

    public static Map<String, Object> rowMap(int id, String email) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("email", email);
        return row;
    }

    /** A schemaless envelope, as the JSON converter reads one with schemas.enable=false. */
    public static Map<String, Object> envelopeMap(String op, Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("version", "3.2.0.Final");
        source.put("connector", "postgresql");
        source.put("ts_ms", SOURCE_TS);
        source.put("db", "inventory");
        source.put("table", "customers");
        source.put("lsn", 24023128L);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("before", before);
        envelope.put("after", after);
        envelope.put("source", source);
        envelope.put("op", op);
        envelope.put("ts_ms", EVENT_TS);
        envelope.put("transaction", null);
        return envelope;
    }
}
