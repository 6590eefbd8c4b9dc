package dev.spillway.connect.smt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.connect.common.version.PluginVersion;
import dev.spillway.connect.json.InferNumbers;
import dev.spillway.connect.json.InferredSchemas;
import dev.spillway.connect.json.JsonDataException;
import dev.spillway.connect.json.JsonReader;
import dev.spillway.connect.json.JsonValues;
import dev.spillway.connect.smt.ParseJsonConfig.Output;
import dev.spillway.connect.smt.field.FieldPath;
import dev.spillway.connect.smt.field.PathStep;
import dev.spillway.connect.smt.record.RecordCoordinates;
import dev.spillway.connect.smt.record.RecordPart;
import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON text in the record key ({@link Key}) or value ({@link Value}), or in one of their fields, into
 * Connect data: with a schema (inferred or declared) or without. See {@link ParseJsonConfig} and
 * {@code docs/smt/parse-json.md}.
 *
 * <p>Records are never modified. Inferred schemas are cached per document shape and output record schemas per
 * input schema and parsed schema, both bounded, so records of a repeating shape share schema instances.
 *
 * @param <R> the record type
 */
public abstract class ParseJson<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String OVERVIEW_DOC = "Parses JSON text in the record key (" + Key.class.getName()
        + ") or value (" + Value.class.getName() + "), or in one of their fields, into Connect data: Structs with"
        + " a schema inferred from each document (cached per shape) or declared in the configuration, or"
        + " schemaless Maps and Lists. The result replaces the text or goes to another field. Invalid JSON fails"
        + " the record with an error naming the field and the record's topic, partition and offset, so that the"
        + " connector's errors.tolerance decides. Null keys, values and fields (such as tombstones) pass"
        + " through unchanged.";

    /** Records of a task usually share a handful of schemas; this bounds memory if they do not. */
    private static final int RECORD_SCHEMA_CACHE_SIZE = 16;

    private FieldPath field;
    private FieldPath targetParent;
    private String targetName;
    private boolean targetAtRoot;
    private Output output;
    private Schema declaredSchema;
    private JsonReader reader;
    private JsonValues values;
    private InferredSchemas shapeSchemas;
    private Cache<SchemaKey, Schema> recordSchemas;

    /** The cache key of an output record schema: everything it depends on. */
    private record SchemaKey(Schema recordSchema, Schema parsedSchema) {
    }

    /** A parsed document: its Connect value and, for output=struct, its schema. */
    private record Parsed(Schema schema, Object value) {
    }

    private final RecordPart part;

    ParseJson(RecordPart part) {
        this.part = part;
    }

    @Override
    public void configure(Map<String, ?> props) {
        ParseJsonConfig config = new ParseJsonConfig(props);
        field = config.field().orElse(null);
        output = config.output();
        declaredSchema = config.declaredSchema().orElse(null);
        FieldPath target = config.targetField().filter(path -> !path.equals(field)).orElse(null);
        if (target != null) {
            List<PathStep> steps = target.steps();
            targetName = ((PathStep.Name) steps.get(steps.size() - 1)).name();
            targetAtRoot = steps.size() == 1;
            targetParent = targetAtRoot ? null : parentOf(target);
        }
        boolean decimals = config.inferNumbers() == InferNumbers.DECIMAL;
        reader = new JsonReader(config.jsonLimits());
        values = new JsonValues(decimals);
        shapeSchemas = new InferredSchemas(config.inferNumbers(), config.inferConflicts(),
            config.inferSchemaCacheSize());
        recordSchemas = new SynchronizedCache<>(new LRUCache<>(RECORD_SCHEMA_CACHE_SIZE));
    }

    /**
     * The path of the struct or map that holds a target field: the longest prefix of the text, cut before a
     * {@code .}, that parses to all steps but the last. (Quoted names may contain dots, so not every cut works.)
     */
    static FieldPath parentOf(FieldPath path) {
        String text = path.toString();
        List<PathStep> parentSteps = path.steps().subList(0, path.steps().size() - 1);
        for (int dot = text.lastIndexOf('.'); dot > 0; dot = text.lastIndexOf('.', dot - 1)) {
            try {
                FieldPath candidate = FieldPath.parse(text.substring(0, dot));
                if (candidate.steps().equals(parentSteps)) {
                    return candidate;
                }
            } catch (org.apache.kafka.common.config.ConfigException e) {
                // Not a cut between steps; try the previous dot.
            }
        }
        throw new IllegalArgumentException("No parent path in " + text);
    }

    @Override
    public R apply(R record) {
        Object data = part.data(record);
        if (data == null) {
            return record;
        }
        if (field == null) {
            Parsed parsed = parse(record, data);
            return part.with(record, parsed.schema(), parsed.value());
        }
        List<Object> found = field.valuesIn(data);
        if (found.isEmpty() || found.get(0) == null) {
            return record;
        }
        if (data instanceof Struct struct) {
            requireOutput(record, Output.STRUCT, "with a schema (a Struct " + part + ")");
            Parsed parsed = parse(record, found.get(0));
            Schema updatedSchema = updatedSchemaFor(record, struct.schema(), parsed.schema());
            return part.with(record, updatedSchema, withParsed(record, struct, updatedSchema, parsed));
        }
        if (data instanceof Map<?, ?> map && part.schema(record) == null) {
            requireOutput(record, Output.SCHEMALESS, "without a schema (a Map " + part + ")");
            Parsed parsed = parse(record, found.get(0));
            return part.with(record, null, withParsedSchemaless(record, map, parsed.value()));
        }
        throw failure(record, "a field can only be parsed in a Struct " + part + " (with a schema) or a Map "
            + part + " (without one), but found a " + data.getClass().getName()
            + (part.schema(record) == null ? "" : " with schema type " + part.schema(record).type()));
    }

    private void requireOutput(R record, Output required, String recordKind) {
        if (output != required) {
            throw failure(record, "records " + recordKind + " need " + ParseJsonConfig.OUTPUT_CONFIG + "="
                + required.configValue() + " when " + ParseJsonConfig.FIELD_CONFIG + " is set, but "
                + ParseJsonConfig.OUTPUT_CONFIG + "=" + output.configValue());
        }
    }

    private Parsed parse(R record, Object json) {
        try {
            JsonNode node = reader.read(json);
            if (output == Output.SCHEMALESS) {
                return new Parsed(null, values.toSchemaless(node));
            }
            Schema schema = declaredSchema != null ? declaredSchema : shapeSchemas.schemaOf(node);
            return new Parsed(schema, values.toConnect(node, schema));
        } catch (JsonDataException e) {
            String where = e.at(field == null ? "" : field.toString());
            throw failure(record, (where.isEmpty() ? "" : "at '" + where + "': ") + e.problem(), e);
        } catch (DataException e) {
            throw failure(record, e.getMessage(), e);
        }
    }

    private Schema updatedSchemaFor(R record, Schema recordSchema, Schema parsedSchema) {
        SchemaKey key = new SchemaKey(recordSchema, parsedSchema);
        Schema updated = recordSchemas.get(key);
        if (updated == null) {
            try {
                updated = deriveSchema(recordSchema, parsedSchema);
            } catch (DataException e) {
                throw failure(record, e.getMessage(), e);
            }
            recordSchemas.put(key, updated);
        }
        return updated;
    }

    private Schema deriveSchema(Schema recordSchema, Schema parsedSchema) {
        if (targetName == null) {
            return field.updateSchema(recordSchema, (path, schema) -> parsedSchema);
        }
        if (targetAtRoot) {
            return withField(recordSchema, parsedSchema);
        }
        return targetParent.updateSchema(recordSchema, (path, schema) -> withField(schema, parsedSchema));
    }

    /** A copy of a struct schema with the target field added at the end, or its schema replaced in place. */
    private Schema withField(Schema structSchema, Schema fieldSchema) {
        if (structSchema.type() != Schema.Type.STRUCT) {
            throw new DataException("the parent of " + ParseJsonConfig.TARGET_FIELD_CONFIG + " '" + targetName
                + "' is not a struct but has schema type " + structSchema.type());
        }
        SchemaBuilder builder = SchemaBuilder.struct().name(structSchema.name()).version(structSchema.version())
            .doc(structSchema.doc());
        if (structSchema.parameters() != null) {
            builder.parameters(structSchema.parameters());
        }
        if (structSchema.isOptional()) {
            builder.optional();
        }
        boolean replaced = false;
        for (Field existing : structSchema.fields()) {
            boolean isTarget = existing.name().equals(targetName);
            builder.field(existing.name(), isTarget ? fieldSchema : existing.schema());
            replaced |= isTarget;
        }
        if (!replaced) {
            builder.field(targetName, fieldSchema);
        }
        return builder.build();
    }

    private Object withParsed(R record, Struct struct, Schema updatedSchema, Parsed parsed) {
        Schema schema = struct.schema();
        try {
            if (targetName == null) {
                return field.updateValue(struct, schema, updatedSchema, (path, s, value) -> parsed.value());
            }
            if (targetAtRoot) {
                return copyWithTarget(struct, updatedSchema, parsed.value());
            }
            Schema parentSchema = targetParent.schemaIn(updatedSchema).orElseThrow();
            return targetParent.updateValue(struct, schema, updatedSchema,
                (path, s, parent) -> parent == null ? null : copyWithTarget((Struct) parent, parentSchema,
                    parsed.value()));
        } catch (DataException e) {
            throw failure(record, e.getMessage(), e);
        }
    }

    private Struct copyWithTarget(Struct struct, Schema updatedSchema, Object parsedValue) {
        Struct copy = new Struct(updatedSchema);
        for (Field updatedField : updatedSchema.fields()) {
            Object value = updatedField.name().equals(targetName) ? parsedValue
                : struct.getWithoutDefault(updatedField.name());
            // A required field may hold null while its default applies; put() would reject that.
            if (value != null) {
                copy.put(updatedField, value);
            }
        }
        return copy;
    }

    private Object withParsedSchemaless(R record, Map<?, ?> map, Object parsedValue) {
        if (targetName == null) {
            return field.updateSchemaless(map, (path, s, value) -> parsedValue);
        }
        if (targetAtRoot) {
            return copyWithTarget(map, parsedValue);
        }
        return targetParent.updateSchemaless(map, (path, s, parent) -> {
            if (parent == null) {
                return null;
            }
            if (!(parent instanceof Map<?, ?> parentMap)) {
                throw failure(record, "the parent of " + ParseJsonConfig.TARGET_FIELD_CONFIG + " '" + targetName
                    + "' is not a map but a " + parent.getClass().getName());
            }
            return copyWithTarget(parentMap, parsedValue);
        });
    }

    private Map<Object, Object> copyWithTarget(Map<?, ?> map, Object parsedValue) {
        Map<Object, Object> copy = new LinkedHashMap<>(map);
        copy.put(targetName, parsedValue);
        return copy;
    }

    private DataException failure(R record, String problem) {
        return failure(record, problem, null);
    }

    private DataException failure(R record, String problem, Throwable cause) {
        String where = field == null ? "the record " + part : "field '" + field + "' of the record " + part;
        return new DataException("ParseJson could not parse " + where + " of " + RecordCoordinates.of(record)
            + ": " + problem, cause);
    }

    @Override
    public ConfigDef config() {
        return ParseJsonConfig.configDef();
    }

    @Override
    public void close() {
        shapeSchemas = null;
        recordSchemas = null;
    }

    @Override
    public String version() {
        return PluginVersion.get();
    }

    /** Parses JSON in the record key. */
    public static final class Key<R extends ConnectRecord<R>> extends ParseJson<R> {
        public Key() {
            super(RecordPart.KEY);
        }
    }

    /** Parses JSON in the record value. */
    public static final class Value<R extends ConnectRecord<R>> extends ParseJson<R> {
        public Value() {
            super(RecordPart.VALUE);
        }
    }
}
