package dev.spillway.connect.smt.mask;

import dev.spillway.connect.smt.field.FieldPath;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/** Mode {@code null}: every addressed value becomes null, and its schema optional without a default. */
final class NullMasker extends FieldMasker {

    @Override
    public Schema update(FieldPath path, Schema schema) {
        // A default would make consumers read the default instead of the null, so it is dropped too.
        if (schema.isOptional() && schema.defaultValue() == null) {
            return schema;
        }
        SchemaBuilder builder = switch (schema.type()) {
            case STRUCT -> {
                SchemaBuilder struct = SchemaBuilder.struct();
                for (Field field : schema.fields()) {
                    struct.field(field.name(), field.schema());
                }
                yield struct;
            }
            case ARRAY -> SchemaBuilder.array(schema.valueSchema());
            case MAP -> SchemaBuilder.map(schema.keySchema(), schema.valueSchema());
            default -> SchemaBuilder.type(schema.type());
        };
        builder.name(schema.name()).version(schema.version()).doc(schema.doc());
        if (schema.parameters() != null && !schema.parameters().isEmpty()) {
            builder.parameters(schema.parameters());
        }
        return builder.optional().build();
    }

    @Override
    Object maskValue(FieldPath path, Schema schema, Object value) {
        return null;
    }
}
