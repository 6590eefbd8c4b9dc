package dev.spillway.connect.smt.field;

import dev.spillway.connect.smt.value.StructValues;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
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
    /** Copies structs, taking kept values straight from the source's array unless told not to. */
    private final StructRewriter structs;

    private FieldPaths(List<FieldPath> paths, PathTrie root, boolean rawStructCopies) {
        this.paths = paths;
        this.root = root;
        this.structs = new StructRewriter(rawStructCopies);
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
        return SchemaDerivation.deriveSchema(schema, root, updater);
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
        return structs.rewrite(value, schema, updatedSchema, root, updater);
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
        return MapRewriter.rewriteSchemaless(value, root, updater);
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
}
