package dev.spillway.connect.smt.field;

import dev.spillway.connect.smt.value.StructValues;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schema-based half of {@link FieldPaths}: copies structs, and the lists and maps inside them, with their
 * addressed fields updated and the rest conformed to the derived schema.
 */
final class StructRewriter {

    /** Whether struct copies take kept values straight from the source's array (see {@link StructValues}). */
    private final boolean rawStructCopies;

    StructRewriter(boolean rawStructCopies) {
        this.rawStructCopies = rawStructCopies;
    }

    Object rewrite(Object value, Schema schema, Schema updatedSchema, PathTrie node,
                           LeafValueUpdater updater) {
        if (node == null) {
            return conform(value, schema, updatedSchema);
        }
        if (node.terminal() != null) {
            return updater.update(node.terminal(), schema, value);
        }
        if (value == null) {
            return null;
        }
        return switch (schema.type()) {
            case STRUCT -> rewriteStruct(requireType(Struct.class, value, schema), schema, updatedSchema, node,
                updater);
            case ARRAY -> rewriteList(requireType(List.class, value, schema), schema, updatedSchema, node,
                updater);
            case MAP -> rewriteMap(requireType(Map.class, value, schema), schema, updatedSchema, node, updater);
            // The path continues below a primitive: nothing is there to update.
            default -> value;
        };
    }

    private Struct rewriteStruct(Struct struct, Schema schema, Schema updatedSchema, PathTrie node,
                                 LeafValueUpdater updater) {
        List<Field> fields = schema.fields();
        List<Field> updatedFields = updatedFields(schema, updatedSchema);
        // Values are taken from the array as they are only from a struct of this very schema: then each kept
        // value was validated against the same field schema object when it was put.
        boolean raw = rawStructCopies && struct.schema() == schema;
        if (raw && schema == updatedSchema) {
            return rewriteNamedFields(struct, schema, node, updater);
        }
        // A struct carries its schema, so a new schema always needs a new struct; otherwise it is made at the
        // first field that changes, and the fields before it are copied then.
        Struct copy = schema != updatedSchema ? startCopy(struct, updatedSchema, fields, updatedFields, 0, raw) : null;
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            Field updatedField = updatedFields.get(i);
            PathTrie child = node.child(field.name());
            if (child == null && field.schema() == updatedField.schema()) {
                // Neither addressed nor reshaped: kept as it is, without a walk (and already in a raw copy).
                if (copy != null && !raw) {
                    putUnlessNull(copy, updatedField, rawValue(struct, field));
                }
                continue;
            }
            Object original = rawValue(struct, field);
            // An addressed field is read as consumers would see it, so a default cannot bypass the update.
            Object current = child != null && child.terminal() != null ? struct.get(field) : original;
            Object result = rewrite(current, field.schema(), updatedField.schema(), child, updater);
            if (copy == null) {
                if (result == original) {
                    continue;
                }
                copy = startCopy(struct, updatedSchema, fields, updatedFields, i, raw);
            }
            store(copy, updatedField, child, result, raw);
        }
        return copy != null ? copy : struct;
    }

    /**
     * {@link #rewriteStruct} where the schema stays the same and a raw copy is possible: then only the fields the
     * node names can change, so they are found by name rather than every field being looked up in the node. They
     * are still visited in field order.
     */
    private Struct rewriteNamedFields(Struct struct, Schema schema, PathTrie node, LeafValueUpdater updater) {
        Map<String, PathTrie> children = node.namedChildrenByName();
        Field[] named = new Field[children.size()];
        int count = 0;
        for (String name : children.keySet()) {
            Field field = schema.field(name);
            if (field != null) {
                // Insertion sort by index: a node names a handful of fields.
                int at = count++;
                while (at > 0 && named[at - 1].index() > field.index()) {
                    named[at] = named[at - 1];
                    at--;
                }
                named[at] = field;
            }
        }
        Struct copy = null;
        for (int n = 0; n < count; n++) {
            Field field = named[n];
            PathTrie child = children.get(field.name());
            Object original = rawValue(struct, field);
            // An addressed field is read as consumers would see it, so a default cannot bypass the update.
            Object current = child.terminal() != null ? struct.get(field) : original;
            Object result = rewrite(current, field.schema(), field.schema(), child, updater);
            if (result == original) {
                continue;
            }
            if (copy == null) {
                copy = startCopy(struct, schema, null, null, 0, true);
            }
            store(copy, field, child, result, true);
        }
        return copy != null ? copy : struct;
    }

    /**
     * Stores a field's new value in the copy. In a raw copy, a struct this walk built (rather than one an updater
     * returned) is stored without {@code put}, which would validate every field of it again: each of them was
     * validated when it was put into it or taken from a struct of the same schema. A null is never put: a
     * required field may hold null while its default applies, which {@code put} would reject.
     */
    private static void store(Struct copy, Field field, PathTrie child, Object result, boolean raw) {
        if (raw && (result == null || child != null && child.terminal() == null && result instanceof Struct)) {
            StructValues.of(copy)[field.index()] = result;
        } else if (result != null) {
            copy.put(field, result);
        }
    }

    /**
     * A struct of {@code updatedSchema} with the fields before {@code upTo} copied from {@code struct}; a raw copy
     * takes every value, to be overwritten where the walk changes it.
     */
    private static Struct startCopy(Struct struct, Schema updatedSchema, List<Field> fields, List<Field> updatedFields,
                                    int upTo, boolean raw) {
        Struct copy = new Struct(updatedSchema);
        if (raw) {
            Object[] values = StructValues.of(struct);
            System.arraycopy(values, 0, StructValues.of(copy), 0, values.length);
        } else {
            for (int j = 0; j < upTo; j++) {
                putUnlessNull(copy, updatedFields.get(j), rawValue(struct, fields.get(j)));
            }
        }
        return copy;
    }

    /** The field's value as set, without its schema's default; by index where no default could stand in. */
    private static Object rawValue(Struct struct, Field field) {
        return field.schema().defaultValue() == null ? struct.get(field) : struct.getWithoutDefault(field.name());
    }

    private List<Object> rewriteList(List<?> list, Schema schema, Schema updatedSchema, PathTrie node,
                                     LeafValueUpdater updater) {
        Schema elements = schema.valueSchema();
        Schema updatedElements = updatedSchema.valueSchema();
        List<Object> updated = null;
        for (int i = 0; i < list.size(); i++) {
            Object element = list.get(i);
            Object result = rewrite(element, elements, updatedElements, node.element(i), updater);
            if (result != element && updated == null) {
                updated = new ArrayList<>(list);
            }
            if (updated != null) {
                updated.set(i, result);
            }
        }
        return updated != null ? updated : uncheckedCast(list);
    }

    private Map<Object, Object> rewriteMap(Map<?, ?> map, Schema schema, Schema updatedSchema, PathTrie node,
                                           LeafValueUpdater updater) {
        Schema values = schema.valueSchema();
        Schema updatedValues = updatedSchema.valueSchema();
        // Unnamed keys still need converting when the value schema changed (e.g. became optional).
        boolean visitAll = values != updatedValues;
        MapChanges changes = null;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            PathTrie child = node.child(PathTrie.keyText(entry.getKey()));
            if (child == null && !visitAll) {
                continue;
            }
            Object result = rewrite(entry.getValue(), values, updatedValues, child, updater);
            if (result != entry.getValue()) {
                changes = MapChanges.add(changes, node.namedChildren().size(), entry, result);
            }
        }
        return changes != null ? changes.applyTo(map) : uncheckedCast(map);
    }

    /**
     * Converts a value no path addresses to its updated schema. Derivation guarantees the two schemas differ only
     * in optionality, so only structs (which carry their schema) have to be rebuilt.
     */
    private static Object conform(Object value, Schema schema, Schema updatedSchema) {
        if (value == null || schema == updatedSchema) {
            return value;
        }
        switch (schema.type()) {
            case STRUCT: {
                Struct struct = requireType(Struct.class, value, schema);
                List<Field> fields = schema.fields();
                List<Field> updatedFields = updatedFields(schema, updatedSchema);
                Object[] converted = new Object[fields.size()];
                for (int i = 0; i < converted.length; i++) {
                    Field field = fields.get(i);
                    converted[i] = conform(struct.getWithoutDefault(field.name()), field.schema(),
                        updatedFields.get(i).schema());
                }
                return newStruct(updatedSchema, updatedFields, converted);
            }
            case ARRAY: {
                List<?> list = requireType(List.class, value, schema);
                List<Object> converted = null;
                for (int i = 0; i < list.size(); i++) {
                    Object element = list.get(i);
                    Object result = conform(element, schema.valueSchema(), updatedSchema.valueSchema());
                    if (result != element && converted == null) {
                        converted = new ArrayList<>(list);
                    }
                    if (converted != null) {
                        converted.set(i, result);
                    }
                }
                return converted != null ? converted : value;
            }
            case MAP: {
                Map<?, ?> map = requireType(Map.class, value, schema);
                MapChanges changes = null;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    Object result = conform(entry.getValue(), schema.valueSchema(), updatedSchema.valueSchema());
                    if (result != entry.getValue()) {
                        changes = MapChanges.add(changes, map.size(), entry, result);
                    }
                }
                return changes != null ? changes.applyTo(map) : value;
            }
            default:
                return value;
        }
    }

    /**
     * The fields of {@code updatedSchema}, index for index with those of {@code schema}: derivation keeps every
     * field, its name and its position.
     */
    private static List<Field> updatedFields(Schema schema, Schema updatedSchema) {
        List<Field> fields = schema.fields();
        List<Field> updated = updatedSchema.fields();
        if (updated.size() != fields.size()) {
            throw new IllegalArgumentException("The updated schema has " + updated.size() + " fields, not "
                + fields.size() + "; pass the schema derived by updateSchema for this value's schema");
        }
        return updated;
    }

    private static Struct newStruct(Schema schema, List<Field> fields, Object[] values) {
        Struct struct = new Struct(schema);
        for (int i = 0; i < values.length; i++) {
            putUnlessNull(struct, fields.get(i), values[i]);
        }
        return struct;
    }

    /** A required field may hold null while its default applies; put() would reject that, so it stays unset. */
    private static void putUnlessNull(Struct struct, Field field, Object value) {
        if (value != null) {
            struct.put(field, value);
        }
    }

    private static <T> T requireType(Class<T> type, Object value, Schema schema) {
        if (!type.isInstance(value)) {
            throw new DataException("Value does not match its schema: expected a " + type.getSimpleName()
                + " for a schema of type " + schema.type() + " but found " + value.getClass().getName());
        }
        return type.cast(value);
    }

    @SuppressWarnings("unchecked")
    private static <T> T uncheckedCast(Object value) {
        return (T) value;
    }
}
