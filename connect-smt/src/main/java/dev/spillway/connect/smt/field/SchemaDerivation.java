package dev.spillway.connect.smt.field;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;

import java.util.List;
import java.util.Objects;

/** The schema half of {@link FieldPaths}: the schema values have after their addressed fields are updated. */
final class SchemaDerivation {

    private SchemaDerivation() {
    }

    static Schema deriveSchema(Schema schema, PathTrie node, LeafSchemaUpdater updater) {
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
}
