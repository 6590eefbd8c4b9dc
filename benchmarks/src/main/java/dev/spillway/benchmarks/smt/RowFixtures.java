package dev.spillway.benchmarks.smt;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Rows of a given width, as a Struct with its schema and as the schemaless Map a JsonConverter with
 * {@code schemas.enable=false} would give. Three of the columns are PII: {@code email}, {@code phone},
 * {@code name}; the rest alternate strings and longs.
 */
final class RowFixtures {

    static final String[] PII = {"email", "phone", "name"};

    private RowFixtures() {
    }

    static Schema rowSchema(String name, int width) {
        SchemaBuilder builder = SchemaBuilder.struct().name(name).optional();
        builder.field("id", Schema.INT64_SCHEMA);
        for (String pii : PII) {
            builder.field(pii, Schema.OPTIONAL_STRING_SCHEMA);
        }
        for (int i = PII.length + 1; i < width; i++) {
            builder.field("c" + i, i % 2 == 0 ? Schema.OPTIONAL_STRING_SCHEMA : Schema.OPTIONAL_INT64_SCHEMA);
        }
        return builder.build();
    }

    static Struct row(Schema schema, long id) {
        Struct row = new Struct(schema).put("id", id)
                .put("email", "user" + id + "@example.com")
                .put("phone", "+1-555-0100-" + id)
                .put("name", "Customer " + id);
        for (int i = PII.length + 1; i < schema.fields().size(); i++) {
            String field = "c" + i;
            row.put(field, i % 2 == 0 ? "value " + i : (Object) ((long) i * id));
        }
        return row;
    }

    static Map<String, Object> rowMap(int width, long id) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("email", "user" + id + "@example.com");
        row.put("phone", "+1-555-0100-" + id);
        row.put("name", "Customer " + id);
        for (int i = PII.length + 1; i < width; i++) {
            row.put("c" + i, i % 2 == 0 ? "value " + i : (Object) ((long) i * id));
        }
        return row;
    }
}
