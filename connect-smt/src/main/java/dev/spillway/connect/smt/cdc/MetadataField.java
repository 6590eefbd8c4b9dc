package dev.spillway.connect.smt.cdc;

import dev.spillway.connect.smt.field.FieldPath;
import dev.spillway.connect.smt.field.PathStep;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One entry of {@code add.fields} or {@code add.headers}: a value of the change event envelope to copy into the
 * unwrapped record, and the name it gets there.
 *
 * <h2>Which value</h2>
 * The entry is a {@link FieldPath} into the envelope ({@code source.ts_ms}, {@code transaction.id},
 * {@code source.`weird.name`}). As in Debezium, a bare name is looked up where Debezium's change events keep it:
 * {@code op} and {@code ts_ms} in the envelope itself; {@code id}, {@code total_order} and
 * {@code data_collection_order} in {@code transaction}; any other name in {@code source} ({@code table},
 * {@code lsn}, {@code db}); and, if it is not there, in the envelope itself.
 *
 * <h2>Which name</h2>
 * The prefix followed by the bare name ({@code __table}), or by the path's names joined with {@code _}
 * ({@code __source_ts_ms}; an array index becomes its number), or by the name given after a final colon
 * ({@code source.ts_ms:event_time} gives {@code __event_time}).
 *
 * <h2>Absent and null</h2>
 * A value is <em>absent</em> when the envelope's schema (or, without a schema, the map) has no such field; absent
 * values are not added at all. A field that exists but is null, or lies inside a null struct or map (such as
 * {@code transaction.id} while a snapshot runs), is added as null.
 *
 * <p>Immutable and thread-safe.
 */
public final class MetadataField {

    private static final Set<String> ENVELOPE_FIELDS = Set.of(Envelope.OP, Envelope.TS_MS);
    private static final Set<String> TRANSACTION_FIELDS = Set.of("id", "total_order", "data_collection_order");

    private final String entry;
    private final String outputName;
    /** Where to look, in order: the first path that exists in the envelope is the one used. */
    private final List<FieldPath> candidates;
    private final boolean bareOp;

    private MetadataField(String entry, String outputName, List<FieldPath> candidates, boolean bareOp) {
        this.entry = entry;
        this.outputName = outputName;
        this.candidates = candidates;
        this.bareOp = bareOp;
    }

    /**
     * Parses one entry.
     *
     * @param configKey the setting the entry comes from, named in errors
     * @param entry     {@code path} or {@code path:name}
     * @param prefix    prepended to the name
     * @throws ConfigException naming {@code configKey} if the entry is not valid
     */
    public static MetadataField parse(String configKey, String entry, String prefix) {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(prefix, "prefix");
        String pathText = entry.trim();
        String newName = null;
        int colon = pathText.lastIndexOf(':');
        // A colon inside a backticked name is part of the path: the new name never contains a backtick.
        if (colon >= 0 && pathText.indexOf('`', colon) < 0) {
            newName = pathText.substring(colon + 1).trim();
            pathText = pathText.substring(0, colon).trim();
            if (newName.isEmpty()) {
                throw new ConfigException(configKey, entry, "no name after ':' in '" + entry + "'");
            }
        }
        if (pathText.isEmpty()) {
            throw new ConfigException(configKey, entry, "empty entry; list envelope fields such as op,source.ts_ms");
        }
        FieldPath path;
        try {
            path = FieldPath.parse(pathText);
        } catch (ConfigException e) {
            throw new ConfigException(configKey, entry, e.getMessage());
        }
        if (path.hasWildcard()) {
            throw new ConfigException(configKey, entry, "'" + pathText + "' uses [*], but each entry must address"
                + " a single value");
        }
        List<PathStep> steps = path.steps();
        List<FieldPath> candidates = new ArrayList<>(2);
        String defaultName;
        if (steps.size() == 1) {
            String name = ((PathStep.Name) steps.get(0)).name();
            if (!ENVELOPE_FIELDS.contains(name)) {
                String parent = TRANSACTION_FIELDS.contains(name) ? Envelope.TRANSACTION : Envelope.SOURCE;
                candidates.add(FieldPath.parse(quote(parent) + "." + quote(name)));
            }
            defaultName = name;
        } else {
            defaultName = steps.stream()
                .map(step -> step instanceof PathStep.Index index ? Integer.toString(index.index()) : step.toString())
                .collect(Collectors.joining("_"));
        }
        candidates.add(path);
        boolean bareOp = steps.size() == 1 && Envelope.OP.equals(steps.get(0).toString());
        return new MetadataField(entry.trim(), prefix + (newName != null ? newName : defaultName),
            List.copyOf(candidates), bareOp);
    }

    private static String quote(String name) {
        return "`" + name + "`";
    }

    /** The name of the added field or header, prefix included. */
    public String outputName() {
        return outputName;
    }

    /** Whether the entry is the bare name {@code op}, which Debezium also adds (as {@code d}) to tombstones. */
    public boolean isOperation() {
        return bareOp;
    }

    /**
     * Where this entry's value lives in envelopes of the given schema, and the schema the added field or header gets:
     * the field's own schema, made optional (and without a default), as Debezium does.
     *
     * @return empty if the schema has no such field, so the value is absent from every envelope of this schema
     */
    public Optional<Resolved> resolve(Schema envelopeSchema) {
        for (FieldPath candidate : candidates) {
            Optional<Schema> schema = candidate.schemaIn(envelopeSchema);
            if (schema.isPresent()) {
                return Optional.of(new Resolved(candidate, optional(schema.get())));
            }
        }
        return Optional.empty();
    }

    /**
     * The value in a schemaless envelope.
     *
     * @return empty if absent; a {@link Found} holding the value, possibly null, otherwise
     */
    public Optional<Found> valueIn(Map<?, ?> envelope) {
        for (FieldPath candidate : candidates) {
            Optional<Found> found = walk(envelope, candidate);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Raw values, as Debezium reads them: a struct field's default never replaces a null. */
    private static Optional<Found> walk(Object data, FieldPath path) {
        Object current = data;
        for (PathStep step : path.steps()) {
            if (current == null) {
                // Inside a null container: the field exists for this event type, its value is null.
                return Optional.of(new Found(null));
            }
            if (step instanceof PathStep.Name name) {
                if (current instanceof Struct struct) {
                    Field field = struct.schema().field(name.name());
                    if (field == null) {
                        return Optional.empty();
                    }
                    current = struct.getWithoutDefault(field.name());
                } else if (current instanceof Map<?, ?> map) {
                    if (!map.containsKey(name.name())) {
                        return Optional.empty();
                    }
                    current = map.get(name.name());
                } else {
                    return Optional.empty();
                }
            } else if (step instanceof PathStep.Index index && current instanceof List<?> list) {
                if (index.index() >= list.size()) {
                    return Optional.empty();
                }
                current = list.get(index.index());
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new Found(current));
    }

    /** An optional copy of {@code schema}; the schema itself if it is optional and has no default. */
    static Schema optional(Schema schema) {
        if (schema.isOptional() && schema.defaultValue() == null) {
            return schema;
        }
        SchemaBuilder builder = switch (schema.type()) {
            case STRUCT -> {
                SchemaBuilder struct = SchemaBuilder.struct();
                schema.fields().forEach(field -> struct.field(field.name(), field.schema()));
                yield struct;
            }
            case ARRAY -> SchemaBuilder.array(schema.valueSchema());
            case MAP -> SchemaBuilder.map(schema.keySchema(), schema.valueSchema());
            default -> new SchemaBuilder(schema.type());
        };
        builder.name(schema.name()).version(schema.version()).doc(schema.doc());
        if (schema.parameters() != null && !schema.parameters().isEmpty()) {
            builder.parameters(schema.parameters());
        }
        return builder.optional().build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetadataField other && entry.equals(other.entry) && outputName.equals(other.outputName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entry, outputName);
    }

    /** The entry as configured, and the name it adds. */
    @Override
    public String toString() {
        return entry + " -> " + outputName;
    }

    /** A value that is present in an envelope; {@code value} may be null. */
    public record Found(Object value) {
    }

    /** This entry resolved against one envelope schema. */
    public record Resolved(FieldPath path, Schema schema) {

        /** The value in an envelope of the schema this was resolved against; null inside a null struct. */
        public Object valueIn(Struct envelope) {
            return walk(envelope, path).map(Found::value).orElse(null);
        }
    }
}
