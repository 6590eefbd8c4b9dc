package dev.spillway.connect.smt.field;

import dev.spillway.connect.smt.value.OrderedArrayMap;
import dev.spillway.connect.smt.value.StructValues;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable set of {@link FieldPath}s applied together, in a single walk of each value.
 *
 * <p>Where paths overlap, the shorter one wins: with {@code customer} and {@code customer.name}, the updater sees
 * the whole {@code customer} value only. A specific index and {@code [*]} on the same array both apply to that
 * element, but any one value is passed to the updater at most once.
 *
 * <p>Updates never modify the given value: containers on the way to an updated value are copied, everything
 * else is shared with the input. When nothing changes, the input instance itself is returned. Copied maps are
 * modifiable and keep the input's iteration order; copied structs take the values they keep without validating
 * them again (see {@link StructValues}).
 *
 * <p>Thread-safe.
 */
public final class FieldPaths {

    private final List<FieldPath> paths;
    private final PathTrie root;
    /** Whether struct copies take kept values straight from the source's array (see {@link StructValues}). */
    private final boolean rawStructCopies;

    private FieldPaths(List<FieldPath> paths, PathTrie root, boolean rawStructCopies) {
        this.paths = paths;
        this.root = root;
        this.rawStructCopies = rawStructCopies;
    }

    /**
     * @param paths the paths, at least one; duplicates are dropped
     */
    public static FieldPaths of(Collection<FieldPath> paths) {
        Objects.requireNonNull(paths, "paths");
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("At least one field path is required");
        }
        paths.forEach(path -> Objects.requireNonNull(path, "path"));
        List<FieldPath> distinct = List.copyOf(new LinkedHashSet<>(paths));
        return new FieldPaths(distinct, PathTrie.of(distinct), StructValues.available());
    }

    /** The same paths, copying every struct field with a validating {@code put}: the fallback, for tests. */
    FieldPaths withValidatedStructCopies() {
        return new FieldPaths(paths, root, false);
    }

    /**
     * Parses every text with {@link FieldPath#parse}.
     *
     * @throws org.apache.kafka.common.config.ConfigException naming the first malformed path
     */
    public static FieldPaths parse(Collection<String> texts) {
        Objects.requireNonNull(texts, "texts");
        List<FieldPath> parsed = new ArrayList<>(texts.size());
        for (String text : texts) {
            parsed.add(FieldPath.parse(text));
        }
        return of(parsed);
    }

    /** The distinct paths, in the order given. */
    public List<FieldPath> paths() {
        return paths;
    }

    /**
     * Derives the schema that values of {@code schema} have after {@link #updateValue}.
     *
     * <p>The result shares every part that no path touches with {@code schema}, and is {@code schema} itself when
     * nothing changes. Struct, array and map schemas that are rebuilt keep their name, version, documentation,
     * parameters and optionality but drop their default value, which would no longer match them. Derivation walks
     * the whole path set, so callers should cache the result per input schema.
     *
     * <p>A single schema describes every element of an array (and every value of a map), so when a path addresses
     * only some elements (such as {@code items[0].id}) the element schema must suit both the updated and the other
     * elements: they may differ in optionality, which is widened, but not in type.
     *
     * @throws DataException if the updater rejects a schema, or paths would give array elements or map values
     *                       different types
     */
    public Schema updateSchema(Schema schema, LeafSchemaUpdater updater) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(updater, "updater");
        return deriveSchema(schema, root, updater);
    }

    /**
     * Returns a copy of a schema-based value (typically a {@link Struct}) in which every value the paths address
     * is replaced by what {@code updater} returns. Addressed values that are absent are skipped; addressed values
     * that are present but {@code null} are passed to the updater. Struct fields addressed by a path are read with
     * their schema's default applied.
     *
     * @param value         the value to update; {@code null} is returned as is
     * @param schema        the schema of {@code value}
     * @param updatedSchema the result of {@link #updateSchema} for {@code schema} with a matching updater
     * @throws DataException if the updater fails, or the value does not match its schema
     */
    public Object updateValue(Object value, Schema schema, Schema updatedSchema, LeafValueUpdater updater) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(updatedSchema, "updatedSchema");
        Objects.requireNonNull(updater, "updater");
        return rewrite(value, schema, updatedSchema, root, updater);
    }

    /**
     * Returns a copy of a schemaless value ({@code Map}s, {@code List}s and plain values) in which every value the
     * paths address is replaced by what {@code updater} returns, called with a {@code null} schema. Absent values
     * are skipped and never added; present {@code null}s are passed to the updater.
     *
     * @throws DataException if the updater fails
     */
    public Object updateSchemaless(Object value, LeafValueUpdater updater) {
        Objects.requireNonNull(updater, "updater");
        return rewriteSchemaless(value, root, updater);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPaths other && paths.equals(other.paths);
    }

    @Override
    public int hashCode() {
        return paths.hashCode();
    }

    @Override
    public String toString() {
        return paths.toString();
    }

    // ---- schema derivation ------------------------------------------------------------------------------------

    private static Schema deriveSchema(Schema schema, PathTrie node, LeafSchemaUpdater updater) {
        if (node == null) {
            return schema;
        }
        if (node.terminal() != null) {
            Schema derived = updater.update(node.terminal(), schema);
            return Objects.requireNonNull(derived, () -> "Schema updater returned null for " + node.terminal());
        }
        return switch (schema.type()) {
            case STRUCT -> deriveStructSchema(schema, node, updater);
            case ARRAY -> deriveArraySchema(schema, node, updater);
            case MAP -> deriveMapSchema(schema, node, updater);
            // The path continues below a primitive: nothing is there to update.
            default -> schema;
        };
    }

    private static Schema deriveStructSchema(Schema schema, PathTrie node, LeafSchemaUpdater updater) {
        List<Field> fields = schema.fields();
        Schema[] derived = new Schema[fields.size()];
        boolean changed = false;
        for (int i = 0; i < derived.length; i++) {
            Field field = fields.get(i);
            derived[i] = deriveSchema(field.schema(), node.child(field.name()), updater);
            changed |= derived[i] != field.schema();
        }
        if (!changed) {
            return schema;
        }
        SchemaBuilder builder = copyBasics(schema, SchemaBuilder.struct());
        for (int i = 0; i < derived.length; i++) {
            builder.field(fields.get(i).name(), derived[i]);
        }
        return builder.build();
    }

    private static Schema deriveArraySchema(Schema schema, PathTrie node, LeafSchemaUpdater updater) {
        Schema elements = schema.valueSchema();
        // Unless [*] is used, some elements keep the original element schema.
        Schema merged = node.addressesEveryElement() ? null : elements;
        for (PathTrie child : node.elementChildren()) {
            Schema derived = deriveSchema(elements, child, updater);
            merged = merged == null ? derived : mergeOrFail(merged, derived, child, "array elements",
                    "address every element with [*] rather than by index, or keep the type");
        }
        if (merged == null || merged == elements) {
            return schema;
        }
        return copyBasics(schema, SchemaBuilder.array(merged)).build();
    }

    private static Schema deriveMapSchema(Schema schema, PathTrie node, LeafSchemaUpdater updater) {
        Schema values = schema.valueSchema();
        // Keys no path names keep the original value schema.
        Schema merged = values;
        for (PathTrie child : node.namedChildren()) {
            merged = mergeOrFail(merged, deriveSchema(values, child, updater), child, "map values",
                "address the whole map, or keep the type");
        }
        if (merged == values) {
            return schema;
        }
        return copyBasics(schema, SchemaBuilder.map(schema.keySchema(), merged)).build();
    }

    private static Schema mergeOrFail(Schema a, Schema b, PathTrie child, String what, String advice) {
        Schema merged = merge(a, b);
        if (merged == null) {
            throw new DataException("Field path \"" + child.anyTerminalBelow() + "\" would give " + what
                + " different schemas (" + conflict(a, b, "") + "), but one schema applies to all of them; "
                + advice);
        }
        return merged;
    }

    /** Where and how two schemas that {@link #merge} rejects first differ, for error messages. */
    private static String conflict(Schema a, Schema b, String location) {
        String at = location.isEmpty() ? "" : "at " + location + ": ";
        if (a.type() == b.type() && Objects.equals(a.name(), b.name())) {
            if (a.type() == Schema.Type.STRUCT && a.fields().size() == b.fields().size()) {
                for (int i = 0; i < a.fields().size(); i++) {
                    Field aField = a.fields().get(i);
                    Field bField = b.fields().get(i);
                    if (aField.name().equals(bField.name()) && merge(aField.schema(), bField.schema()) == null) {
                        String inner = location.isEmpty() ? aField.name() : location + "." + aField.name();
                        return conflict(aField.schema(), bField.schema(), inner);
                    }
                }
            } else if (a.type() == Schema.Type.ARRAY || a.type() == Schema.Type.MAP) {
                if (merge(a.valueSchema(), b.valueSchema()) == null) {
                    return conflict(a.valueSchema(), b.valueSchema(), location + "[*]");
                }
            }
        }
        return at + describe(a) + " versus " + describe(b);
    }

    /**
     * A schema that values of both {@code a} and {@code b} conform to, or {@code null} if they differ in more than
     * optionality (or documentation and defaults, where {@code a} wins).
     */
    private static Schema merge(Schema a, Schema b) {
        if (a == b || a.equals(b)) {
            return a;
        }
        if (a.type() != b.type()
            || !Objects.equals(a.name(), b.name())
            || !Objects.equals(a.version(), b.version())
            || !Objects.equals(a.parameters(), b.parameters())) {
            return null;
        }
        boolean optional = a.isOptional() || b.isOptional();
        switch (a.type()) {
            case STRUCT: {
                List<Field> aFields = a.fields();
                List<Field> bFields = b.fields();
                if (aFields.size() != bFields.size()) {
                    return null;
                }
                SchemaBuilder builder = copyBasics(a, SchemaBuilder.struct());
                for (int i = 0; i < aFields.size(); i++) {
                    Field aField = aFields.get(i);
                    Field bField = bFields.get(i);
                    Schema field = aField.name().equals(bField.name()) ? merge(aField.schema(), bField.schema()) : null;
                    if (field == null) {
                        return null;
                    }
                    builder.field(aField.name(), field);
                }
                return optional(builder, optional).build();
            }
            case ARRAY: {
                Schema elements = merge(a.valueSchema(), b.valueSchema());
                return elements == null ? null
                    : optional(copyBasics(a, SchemaBuilder.array(elements)), optional).build();
            }
            case MAP: {
                Schema keys = merge(a.keySchema(), b.keySchema());
                Schema values = merge(a.valueSchema(), b.valueSchema());
                return keys == null || values == null ? null
                    : optional(copyBasics(a, SchemaBuilder.map(keys, values)), optional).build();
            }
            default:
                return a.isOptional() || !b.isOptional() ? a : b;
        }
    }

    private static SchemaBuilder optional(SchemaBuilder builder, boolean optional) {
        return optional ? builder.optional() : builder;
    }

    /** Copies what describes {@code from} but not its contents; the default value is deliberately left out. */
    private static SchemaBuilder copyBasics(Schema from, SchemaBuilder to) {
        to.name(from.name()).version(from.version()).doc(from.doc());
        if (from.parameters() != null && !from.parameters().isEmpty()) {
            to.parameters(from.parameters());
        }
        return from.isOptional() ? to.optional() : to;
    }

    private static String describe(Schema schema) {
        String type = schema.name() != null ? schema.name() : schema.type().toString();
        return schema.isOptional() ? "optional " + type : type;
    }

    // ---- schema-based values ----------------------------------------------------------------------------------

    private Object rewrite(Object value, Schema schema, Schema updatedSchema, PathTrie node,
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

    // ---- schemaless values ------------------------------------------------------------------------------------

    private static Object rewriteSchemaless(Object value, PathTrie node, LeafValueUpdater updater) {
        if (node == null) {
            return value;
        }
        if (node.terminal() != null) {
            return updater.update(node.terminal(), null, value);
        }
        if (value instanceof Map<?, ?> map) {
            if (!node.namesMayMatchNonTextKeys() || hasOnlyStringKeys(map)) {
                return rewriteNamedEntries(map, node, updater);
            }
            MapChanges changes = null;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                PathTrie child = node.child(PathTrie.keyText(entry.getKey()));
                if (child == null) {
                    continue;
                }
                Object result = rewriteSchemaless(entry.getValue(), child, updater);
                if (result != entry.getValue()) {
                    changes = MapChanges.add(changes, node.namedChildren().size(), entry, result);
                }
            }
            return changes != null ? changes.applyTo(map) : value;
        }
        if (value instanceof List<?> list) {
            List<Object> updated = null;
            for (int i = 0; i < list.size(); i++) {
                Object element = list.get(i);
                Object result = rewriteSchemaless(element, node.element(i), updater);
                if (result != element && updated == null) {
                    updated = new ArrayList<>(list);
                }
                if (updated != null) {
                    updated.set(i, result);
                }
            }
            return updated != null ? updated : value;
        }
        // Absent, null, or a plain value where the path expects a container.
        return value;
    }

    /**
     * When only String keys can match the paths' names (always, unless a name looks like a number or boolean),
     * the map is looked up by those names, not walked: a record usually has many more fields than paths.
     */
    private static Object rewriteNamedEntries(Map<?, ?> map, PathTrie node, LeafValueUpdater updater) {
        Map<String, PathTrie> children = node.namedChildrenByName();
        MapChanges changes = null;
        for (Map.Entry<String, PathTrie> child : children.entrySet()) {
            String key = child.getKey();
            Object current = map.get(key);
            if (current == null && !map.containsKey(key)) {
                continue;
            }
            Object result = rewriteSchemaless(current, child.getValue(), updater);
            if (result != current) {
                changes = MapChanges.add(changes, children.size(), key, current, result);
            }
        }
        return changes != null ? changes.applyTo(map) : map;
    }

    /**
     * The entries of one map that a walk replaces, collected so that the map is copied once, with all of them, in
     * the map's own iteration order. Copies are modifiable.
     */
    private static final class MapChanges {
        /** Triples of key, old value, new value. */
        private Object[] triples;
        private int count;

        private MapChanges(int capacity) {
            triples = new Object[Math.max(1, capacity) * 3];
        }

        static MapChanges add(MapChanges changes, int expected, Map.Entry<?, ?> entry, Object newValue) {
            return add(changes, expected, entry.getKey(), entry.getValue(), newValue);
        }

        /** Adds to {@code changes}, or to new changes sized for {@code expected} if it is null. */
        static MapChanges add(MapChanges changes, int expected, Object key, Object oldValue, Object newValue) {
            MapChanges to = changes != null ? changes : new MapChanges(expected);
            int at = to.count * 3;
            if (at == to.triples.length) {
                to.triples = Arrays.copyOf(to.triples, at * 2);
            }
            to.triples[at] = key;
            to.triples[at + 1] = oldValue;
            to.triples[at + 2] = newValue;
            to.count++;
            return to;
        }

        Map<Object, Object> applyTo(Map<?, ?> map) {
            if (map instanceof HashMap) {
                // Keys of a HashMap (or LinkedHashMap) are distinct by equals, which the array copy relies on.
                return OrderedArrayMap.copyReplacing(map, triples, count);
            }
            // Other maps may hold keys that are equal but distinct (an IdentityHashMap, a TreeMap with its own
            // comparator); copying them merges those as any Map.put would.
            Map<Object, Object> copy = new LinkedHashMap<>(map);
            for (int i = 0; i < count * 3; i += 3) {
                copy.put(triples[i], triples[i + 2]);
            }
            return copy;
        }
    }

    private static boolean hasOnlyStringKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }
}
