package dev.spillway.connect.smt.field;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed path to values inside a record key or value: the one path syntax of every Spillway transform and
 * predicate.
 *
 * <h2>Syntax</h2>
 * Field names follow KIP-821 ({@code field.syntax.version=v2} of Kafka's own transforms), extended with array
 * elements:
 * <ul>
 *   <li>{@code customer.address.city}: nested struct fields, or map entries by key (a map is addressed like a
 *       struct, its keys compared by their string form).</li>
 *   <li>{@code `customer.id`.value}: a name in backticks may contain dots. The name ends at the first backtick
 *       followed by {@code .}, {@code [} or the end of the path; a backslash before such a backtick makes it part
 *       of the name ({@code `a\`.b`} is the name {@code a`.b}). Backticks anywhere else are literal.</li>
 *   <li>{@code items[0].sku}: one array element (zero-based); {@code items[*].sku}: every element.
 *       Indexes may repeat: {@code matrix[*][0]}.</li>
 * </ul>
 * Differences from KIP-821: a bare name ends at {@code [} and may not contain {@code ]} (write {@code `a[0]`} for a
 * field literally named {@code a[0]}), and empty names must be written as {@code ``} (a path such as {@code a..b}
 * or {@code a.} is rejected as a likely typo).
 *
 * <h2>Values</h2>
 * Lookups and updates work on {@link Struct}s, {@code Map}s and {@code List}s, nested in any combination. A value is
 * <em>absent</em> when a step cannot be taken: a struct without that field, a map without that key, an index past
 * the end, or a {@code null} or plain value where a container is expected. Absent is distinct from a present
 * {@code null}.
 *
 * <p>Immutable and thread-safe; equal when the steps are equal, however the text was written.
 */
public final class FieldPath {

    private final String text;
    private final List<PathStep> steps;
    private final FieldPaths asSet;

    private FieldPath(String text, List<PathStep> steps) {
        this.text = text;
        this.steps = steps;
        // Last: building the set reads this path's steps.
        this.asSet = FieldPaths.of(List.of(this));
    }

    /**
     * @throws org.apache.kafka.common.config.ConfigException if the text is not a valid path; the message says
     *                                                        what is wrong and at which position
     */
    public static FieldPath parse(String text) {
        return new FieldPath(text, FieldPathParser.parse(text));
    }

    /** The steps, at least one; the first is always a {@link PathStep.Name}. */
    public List<PathStep> steps() {
        return steps;
    }

    /** Whether the path can address more than one value, because it contains {@code [*]}. */
    public boolean hasWildcard() {
        return steps.stream().anyMatch(step -> step instanceof PathStep.AnyIndex);
    }

    /**
     * Every value the path addresses in {@code data}, in document order. Struct fields are read with their schema's
     * default applied.
     *
     * @param data a {@link Struct}, {@code Map} or {@code List}, possibly nested; anything else has no fields
     * @return an unmodifiable list that may contain {@code null}s (present but null values); empty when the path
     *         addresses nothing (absent). Without {@code [*]} it holds at most one value.
     */
    public List<Object> valuesIn(Object data) {
        List<Object> found = new ArrayList<>(1);
        collect(data, 0, found);
        return Collections.unmodifiableList(found);
    }

    /** Whether the path addresses at least one value, {@code null} or not, in {@code data}. */
    public boolean isPresentIn(Object data) {
        return !valuesIn(data).isEmpty();
    }

    /**
     * Whether {@code data} lacks what the path names, as when an upstream field was renamed: a struct whose schema
     * has no such field, a map without such a key, or a plain value where the path goes on. With {@code [*]},
     * missing in any element. Not missing: a present {@code null}, anything under a {@code null} (an optional
     * parent that is not set has no fields to lack), and an index past the end of an array (lengths vary).
     *
     * @param data a {@link Struct}, {@code Map} or {@code List}, possibly nested
     */
    public boolean isMissingIn(Object data) {
        return missing(data, 0);
    }

    private boolean missing(Object value, int stepIndex) {
        if (stepIndex == steps.size() || value == null) {
            return false;
        }
        PathStep step = steps.get(stepIndex);
        if (step instanceof PathStep.Name name) {
            if (value instanceof Struct struct) {
                Field field = struct.schema().field(name.name());
                return field == null || missing(struct.get(field), stepIndex + 1);
            }
            if (value instanceof Map<?, ?> map) {
                boolean found = false;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (name.name().equals(PathTrie.keyText(entry.getKey()))) {
                        found = true;
                        if (missing(entry.getValue(), stepIndex + 1)) {
                            return true;
                        }
                    }
                }
                return !found;
            }
            return true;
        }
        if (!(value instanceof List<?> list)) {
            return true;
        }
        if (step instanceof PathStep.Index index) {
            return index.index() < list.size() && missing(list.get(index.index()), stepIndex + 1);
        }
        for (Object element : list) {
            if (missing(element, stepIndex + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The schema of the values the path addresses: the field's schema for struct fields, the value schema for map
     * entries and the element schema for array elements.
     *
     * @return empty when {@code schema} has no such field or the types do not fit the path
     */
    public Optional<Schema> schemaIn(Schema schema) {
        Schema current = Objects.requireNonNull(schema, "schema");
        for (PathStep step : steps) {
            if (step instanceof PathStep.Name name) {
                if (current.type() == Schema.Type.STRUCT) {
                    Field field = current.field(name.name());
                    if (field == null) {
                        return Optional.empty();
                    }
                    current = field.schema();
                } else if (current.type() == Schema.Type.MAP) {
                    current = current.valueSchema();
                } else {
                    return Optional.empty();
                }
            } else if (current.type() == Schema.Type.ARRAY) {
                current = current.valueSchema();
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /** Single-path form of {@link FieldPaths#updateSchema}. */
    public Schema updateSchema(Schema schema, LeafSchemaUpdater updater) {
        return asSet.updateSchema(schema, updater);
    }

    /** Single-path form of {@link FieldPaths#updateValue}. */
    public Object updateValue(Object value, Schema schema, Schema updatedSchema, LeafValueUpdater updater) {
        return asSet.updateValue(value, schema, updatedSchema, updater);
    }

    /** Single-path form of {@link FieldPaths#updateSchemaless}. */
    public Object updateSchemaless(Object value, LeafValueUpdater updater) {
        return asSet.updateSchemaless(value, updater);
    }

    private void collect(Object value, int stepIndex, List<Object> found) {
        if (stepIndex == steps.size()) {
            found.add(value);
            return;
        }
        if (value == null) {
            return;
        }
        PathStep step = steps.get(stepIndex);
        if (step instanceof PathStep.Name name) {
            if (value instanceof Struct struct) {
                Field field = struct.schema().field(name.name());
                if (field != null) {
                    collect(struct.get(field), stepIndex + 1, found);
                }
            } else if (value instanceof Map<?, ?> map) {
                collectMapEntries(map, name.name(), stepIndex, found);
            }
        } else if (value instanceof List<?> list) {
            if (step instanceof PathStep.Index index) {
                if (index.index() < list.size()) {
                    collect(list.get(index.index()), stepIndex + 1, found);
                }
            } else {
                for (Object element : list) {
                    collect(element, stepIndex + 1, found);
                }
            }
        }
    }

    /**
     * Compares every key's text rather than calling {@code get}: keys of other types may share the text, and
     * sorted maps of non-string keys would throw on a string argument.
     */
    private void collectMapEntries(Map<?, ?> map, String key, int stepIndex, List<Object> found) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (key.equals(PathTrie.keyText(entry.getKey()))) {
                collect(entry.getValue(), stepIndex + 1, found);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && steps.equals(other.steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    /** The text the path was parsed from. */
    @Override
    public String toString() {
        return text;
    }
}
