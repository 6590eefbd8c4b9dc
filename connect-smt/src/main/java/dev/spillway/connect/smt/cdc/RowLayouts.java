package dev.spillway.connect.smt.cdc;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The schemas of the rows CdcUnwrap emits, derived once per envelope schema, row schema and set of dropped fields,
 * and kept in a bounded cache. Thread-safe.
 */
public final class RowLayouts {

    /** Records of a task usually share a handful of schemas; this bounds memory if they do not. */
    private static final int CACHE_SIZE = 16;

    private final String deletedField;
    private final List<MetadataField> addFields;
    private final Cache<Key, Layout> cache = new SynchronizedCache<>(new LRUCache<>(CACHE_SIZE));
    /** The last layout, checked by identity before the cache, whose keys hash deeply. */
    private volatile Last last;

    /**
     * @param deletedField the {@code __deleted} field to add after the row's fields, or null for none
     * @param addFields    the fields to add after it
     */
    public RowLayouts(String deletedField, List<MetadataField> addFields) {
        this.deletedField = deletedField;
        this.addFields = List.copyOf(addFields);
    }

    /** The layout of rows of {@code rowSchema} in envelopes of {@code envelopeSchema}, without {@code dropped}. */
    public Layout get(Schema envelopeSchema, Schema rowSchema, Set<String> dropped) {
        Last hit = last;
        if (hit != null && hit.envelopeSchema() == envelopeSchema && hit.rowSchema() == rowSchema
            && hit.dropped().equals(dropped)) {
            return hit.layout();
        }
        Key key = new Key(envelopeSchema, rowSchema, Set.copyOf(dropped));
        Layout layout = cache.get(key);
        if (layout == null) {
            layout = derive(envelopeSchema, rowSchema, key.dropped());
            cache.put(key, layout);
        }
        last = new Last(envelopeSchema, rowSchema, key.dropped(), layout);
        return layout;
    }

    /**
     * The row's fields, then {@code __deleted}, then the added fields, as Debezium orders them, less those dropped.
     * Like Debezium (which builds on Kafka's InsertField), the schema keeps the row schema's name, version, doc and
     * parameters, and is required: the row is never null in these records.
     */
    private Layout derive(Schema envelopeSchema, Schema rowSchema, Set<String> dropped) {
        if (rowSchema.type() != Schema.Type.STRUCT) {
            throw new DataException("the row schema is a " + rowSchema.type() + ", not a STRUCT, so no fields can"
                + " be added to it");
        }
        SchemaBuilder builder = SchemaBuilder.struct().name(rowSchema.name()).version(rowSchema.version())
            .doc(rowSchema.doc());
        if (rowSchema.parameters() != null && !rowSchema.parameters().isEmpty()) {
            builder.parameters(rowSchema.parameters());
        }
        for (Field field : rowSchema.fields()) {
            if (!dropped.contains(field.name())) {
                builder.field(field.name(), field.schema());
            }
        }
        if (deletedField != null) {
            addField(builder, deletedField, Schema.OPTIONAL_STRING_SCHEMA, dropped);
        }
        List<AddedField> added = new ArrayList<>(addFields.size());
        for (MetadataField field : addFields) {
            Optional<MetadataField.Resolved> resolved = field.resolve(envelopeSchema);
            if (resolved.isPresent()) {
                if (addField(builder, field.outputName(), resolved.get().schema(), dropped)) {
                    added.add(new AddedField(field.outputName(), resolved.get()));
                }
            }
        }
        return new Layout(builder.build(), List.copyOf(added));
    }

    /** Adds the field unless it is dropped; a field of the same name in the row is a clash either way. */
    private static boolean addField(SchemaBuilder builder, String name, Schema schema, Set<String> dropped) {
        if (builder.field(name) != null) {
            throw new DataException(collision(name));
        }
        if (dropped.contains(name)) {
            return false;
        }
        builder.field(name, schema);
        return true;
    }

    /** The message for a field that the row already has. */
    public static String collision(String name) {
        return "the row already has a field '" + name + "'; choose another add.fields.prefix or rename the entry"
            + " with entry:name";
    }

    /** A field added from the change event: its name in the row and where its value is. */
    public record AddedField(String schemaFieldName, MetadataField.Resolved resolved) {
    }

    /** The schema of emitted rows and the fields added from the change event. */
    public record Layout(Schema schema, List<AddedField> addedFields) {

        /** Whether the field is one added from the change event, not the row's or {@code __deleted}. */
        public boolean isAdded(String name) {
            for (AddedField field : addedFields) {
                if (field.schemaFieldName().equals(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Key(Schema envelopeSchema, Schema rowSchema, Set<String> dropped) {
    }

    private record Last(Schema envelopeSchema, Schema rowSchema, Set<String> dropped, Layout layout) {
    }
}
