package dev.spillway.connect.smt;

import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.common.config.VisibleWhen;
import dev.spillway.connect.json.InferConflicts;
import dev.spillway.connect.json.InferNumbers;
import dev.spillway.connect.json.JsonLimits;
import dev.spillway.connect.smt.field.FieldPath;
import dev.spillway.connect.smt.field.PathStep;
import dev.spillway.connect.smt.json.SchemaDeclaration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of the {@link ParseJson} transform.
 */
public final class ParseJsonConfig extends AbstractConfig {

    private static final String INPUT_GROUP = "Input";
    private static final String OUTPUT_GROUP = "Output";
    private static final String INFER_GROUP = "Schema inference";
    private static final String LIMITS_GROUP = "Limits";

    public static final String FIELD_CONFIG = "field";
    public static final String FIELD_DOC = "Path of the field that holds the JSON text, such as payload or"
        + " after.`doc.json` (see docs/smt/field-paths.md); it must address one value, so [*] is not allowed,"
        + " and an array element such as items[0].payload needs output=schemaless (one schema covers every element"
        + " of an array, so output=struct cannot change one element). Empty (the default): the whole key or value is the JSON text. The field (or the whole key or value)"
        + " may be a string or UTF-8 bytes; a null or absent field passes the record through unchanged.";
    public static final String FIELD_DEFAULT = "";
    private static final String FIELD_DISPLAY = "JSON field";

    public static final String TARGET_FIELD_CONFIG = "target.field";
    public static final String TARGET_FIELD_DOC = "Where to write the parsed value. Empty (the default): replace"
        + " the JSON text in place. Otherwise a field path whose last step is a field name, such as parsed or"
        + " after.parsed: the field is added to (or replaced in) the struct or map its parent path addresses, and"
        + " the JSON text stays. Requires 'field'. Like 'field', it may go through an array element only with"
        + " output=schemaless.";
    public static final String TARGET_FIELD_DEFAULT = "";
    private static final String TARGET_FIELD_DISPLAY = "Target field";

    public static final String OUTPUT_CONFIG = "output";
    public static final String OUTPUT_DOC = "What the parsed value becomes. 'struct': Connect data with a schema"
        + " (objects become Structs), inferred or declared (see 'schema.mode'); with 'field' set the record must"
        + " have a Struct key or value. 'schemaless': Maps, Lists, strings, Longs, Doubles (or BigDecimals),"
        + " Booleans without a schema; with 'field' set the record must have a schemaless Map key or value, and"
        + " when the whole key or value is parsed its schema becomes null.";
    public static final String OUTPUT_DEFAULT = Output.STRUCT.configValue();
    private static final String OUTPUT_DISPLAY = "Output";

    public static final String SCHEMA_MODE_CONFIG = "schema.mode";
    public static final String SCHEMA_MODE_DOC = "With output=struct, where the schema comes from. 'infer': from"
        + " each document (see the 'infer.*' settings and docs/smt/parse-json.md); records of the same shape share"
        + " one schema instance. 'declared': from 'schema.declared'; documents that do not fit fail the record.";
    public static final String SCHEMA_MODE_DEFAULT = SchemaMode.INFER.configValue();
    private static final String SCHEMA_MODE_DISPLAY = "Schema mode";

    public static final String SCHEMA_DECLARED_CONFIG = "schema.declared";
    public static final String SCHEMA_DECLARED_DOC = "With schema.mode=declared (where it is required), the fields"
        + " of the JSON object as name:type pairs, comma-separated, such as"
        + " id:int64!,name:string,tags:array<string>,address:struct<city:string,zip:string>. Types: boolean, int8,"
        + " int16, int32, int64, float32, float64, string, decimal(scale), array<type>, map<type> (string keys),"
        + " struct<fields>. Every field is optional unless marked with a trailing '!'. A string field takes any"
        + " JSON value and keeps a non-string one as its JSON text; other values must fit their type exactly."
        + " Object members that are not declared are dropped.";
    private static final String SCHEMA_DECLARED_DISPLAY = "Declared schema";

    public static final String INFER_NUMBERS_CONFIG = "infer.numbers";
    public static final String INFER_NUMBERS_DOC = "With schema.mode=infer, and for output=schemaless, what JSON"
        + " numbers become. Integers that fit a 64-bit long always become int64 (Long). 'float64': every other"
        + " number becomes float64 (Double), which may round it. 'decimal': every other number becomes a Decimal"
        + " (BigDecimal) with the number's own scale, exactly; in one array, or one field across array elements,"
        + " the largest scale wins.";
    public static final String INFER_NUMBERS_DEFAULT = InferNumbers.FLOAT64.configValue();
    private static final String INFER_NUMBERS_DISPLAY = "Inferred numbers";

    public static final String INFER_CONFLICTS_CONFIG = "infer.conflicts";
    public static final String INFER_CONFLICTS_DOC = "With schema.mode=infer, what to do when elements of one"
        + " array have types no single schema fits (such as [1, \"a\"], or objects whose field 'x' is a number in"
        + " one and an object in another; int64 and float64 widen to float64 without conflict). 'fail': fail"
        + " the record, naming the place. 'string': the conflicting values become strings holding their JSON"
        + " text.";
    public static final String INFER_CONFLICTS_DEFAULT = InferConflicts.FAIL.configValue();
    private static final String INFER_CONFLICTS_DISPLAY = "Type conflicts";

    public static final String INFER_CACHE_SIZE_CONFIG = "infer.schema.cache.size";
    public static final String INFER_CACHE_SIZE_DOC = "With schema.mode=infer, how many distinct document shapes"
        + " (and their schemas) to keep per task, least recently used first out. A shape repeating after it"
        + " was evicted gets an equal but new schema instance.";
    public static final int INFER_CACHE_SIZE_DEFAULT = 16;
    private static final String INFER_CACHE_SIZE_DISPLAY = "Inferred schema cache size";

    private static final ConfigDef CONFIG_DEF = buildConfigDef();

    private final FieldPath field;
    private final FieldPath targetField;
    private final Output output;
    private final SchemaMode schemaMode;
    private final Schema declaredSchema;

    public ParseJsonConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals, false);
        this.field = optionalPath(getString(FIELD_CONFIG));
        this.targetField = optionalPath(getString(TARGET_FIELD_CONFIG));
        this.output = ConfigChoice.parse(Output.class, OUTPUT_CONFIG,
            getString(OUTPUT_CONFIG));
        this.schemaMode = ConfigChoice.parse(SchemaMode.class, SCHEMA_MODE_CONFIG,
            getString(SCHEMA_MODE_CONFIG));
        String declaration = getString(SCHEMA_DECLARED_CONFIG);
        this.declaredSchema = declaration == null ? null : parseDeclaration(SCHEMA_DECLARED_CONFIG, declaration);
        validateCombinations();
    }

    /** A copy of the definition of every setting, for {@code Transformation.config()} and documentation. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static ConfigDef buildConfigDef() {
        int order = 0;
        ConfigDef def = new ConfigDef()
            .define(FIELD_CONFIG, Type.STRING, FIELD_DEFAULT, new SingleValuePath(false), Importance.HIGH,
                FIELD_DOC, INPUT_GROUP, ++order, Width.LONG, FIELD_DISPLAY);

        order = 0;
        def.define(TARGET_FIELD_CONFIG, Type.STRING, TARGET_FIELD_DEFAULT, new SingleValuePath(true),
                Importance.MEDIUM, TARGET_FIELD_DOC, OUTPUT_GROUP, ++order, Width.LONG, TARGET_FIELD_DISPLAY)
            .define(OUTPUT_CONFIG, Type.STRING, OUTPUT_DEFAULT, ConfigChoice.validator(Output.class),
                Importance.HIGH, OUTPUT_DOC, OUTPUT_GROUP, ++order, Width.SHORT, OUTPUT_DISPLAY,
                ConfigChoice.recommender(Output.class))
            .define(SCHEMA_MODE_CONFIG, Type.STRING, SCHEMA_MODE_DEFAULT, ConfigChoice.validator(SchemaMode.class),
                Importance.HIGH, SCHEMA_MODE_DOC, OUTPUT_GROUP, ++order, Width.SHORT, SCHEMA_MODE_DISPLAY,
                ConfigChoice.recommender(SchemaMode.class))
            .define(SCHEMA_DECLARED_CONFIG, Type.STRING, null, new ValidDeclaration(), Importance.HIGH,
                SCHEMA_DECLARED_DOC, OUTPUT_GROUP, ++order, Width.LONG, SCHEMA_DECLARED_DISPLAY,
                VisibleWhen.keyIs(SCHEMA_MODE_CONFIG, SchemaMode.DECLARED));

        order = 0;
        def.define(INFER_NUMBERS_CONFIG, Type.STRING, INFER_NUMBERS_DEFAULT,
                ConfigChoice.validator(InferNumbers.class), Importance.MEDIUM, INFER_NUMBERS_DOC, INFER_GROUP,
                ++order, Width.SHORT, INFER_NUMBERS_DISPLAY,
                VisibleWhen.keyIs(SCHEMA_MODE_CONFIG, SchemaMode.INFER).listing(InferNumbers.class))
            .define(INFER_CONFLICTS_CONFIG, Type.STRING, INFER_CONFLICTS_DEFAULT,
                ConfigChoice.validator(InferConflicts.class), Importance.MEDIUM, INFER_CONFLICTS_DOC,
                INFER_GROUP, ++order, Width.SHORT, INFER_CONFLICTS_DISPLAY,
                VisibleWhen.keyIs(SCHEMA_MODE_CONFIG, SchemaMode.INFER).listing(InferConflicts.class))
            .define(INFER_CACHE_SIZE_CONFIG, Type.INT, INFER_CACHE_SIZE_DEFAULT, Range.atLeast(1),
                Importance.LOW, INFER_CACHE_SIZE_DOC, INFER_GROUP, ++order, Width.SHORT, INFER_CACHE_SIZE_DISPLAY,
                VisibleWhen.keyIs(SCHEMA_MODE_CONFIG, SchemaMode.INFER));
        return JsonLimits.define(def, LIMITS_GROUP);
    }

    private void validateCombinations() {
        if (targetField != null && field == null) {
            throw new ConfigException(TARGET_FIELD_CONFIG, getString(TARGET_FIELD_CONFIG), "requires "
                + FIELD_CONFIG + "; to parse the whole key or value, leave " + TARGET_FIELD_CONFIG + " empty");
        }
        if (output == Output.STRUCT) {
            refuseArrayElements(FIELD_CONFIG, field);
            refuseArrayElements(TARGET_FIELD_CONFIG, targetField);
        }
        if (output == Output.SCHEMALESS && schemaMode == SchemaMode.DECLARED) {
            throw new ConfigException(SCHEMA_MODE_CONFIG, schemaMode.configValue(), "a declared schema needs "
                + OUTPUT_CONFIG + "=" + Output.STRUCT.configValue());
        }
        if (schemaMode == SchemaMode.DECLARED && declaredSchema == null) {
            throw new ConfigException(SCHEMA_DECLARED_CONFIG, null, "a declaration is required when "
                + SCHEMA_MODE_CONFIG + "=" + SchemaMode.DECLARED.configValue());
        }
        if (schemaMode != SchemaMode.DECLARED && declaredSchema != null) {
            // Silently ignoring it would let users believe their schema applies.
            throw new ConfigException(SCHEMA_DECLARED_CONFIG, getString(SCHEMA_DECLARED_CONFIG), "is only used"
                + " with " + SCHEMA_MODE_CONFIG + "=" + SchemaMode.DECLARED.configValue() + "; set it or remove"
                + " the declaration");
        }
    }

    /**
     * With a schema, one element schema covers every element of an array: a parsed value in one element would give
     * it a schema of its own, so every record would fail. Refused here rather than on each record.
     */
    private static void refuseArrayElements(String name, FieldPath path) {
        if (path != null && path.steps().stream().anyMatch(PathStep.Index.class::isInstance)) {
            throw new ConfigException(name, path.toString(), "goes through an array element, which "
                + OUTPUT_CONFIG + "=" + Output.STRUCT.configValue() + " cannot change since one schema covers every"
                + " element of an array; set " + OUTPUT_CONFIG + "=" + Output.SCHEMALESS.configValue()
                + " (for records without a schema) to parse inside array elements");
        }
    }

    private static FieldPath optionalPath(String text) {
        return text == null || text.isEmpty() ? null : FieldPath.parse(text);
    }

    private static Schema parseDeclaration(String name, String declaration) {
        try {
            return SchemaDeclaration.parse(declaration);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, declaration, "not a valid schema declaration: " + e.getMessage());
        }
    }

    /** Bounds on each document's nesting, numbers and strings. */
    public JsonLimits jsonLimits() {
        return JsonLimits.from(this);
    }

    /** The field that holds the JSON, or empty when the whole key or value does. */
    public Optional<FieldPath> field() {
        return Optional.ofNullable(field);
    }

    /** Where to write the parsed value, or empty to replace the JSON text in place. */
    public Optional<FieldPath> targetField() {
        return Optional.ofNullable(targetField);
    }

    public Output output() {
        return output;
    }

    public SchemaMode schemaMode() {
        return schemaMode;
    }

    /** The declared schema: an optional struct; present exactly when {@code schema.mode=declared}. */
    public Optional<Schema> declaredSchema() {
        return Optional.ofNullable(declaredSchema);
    }

    public InferNumbers inferNumbers() {
        return ConfigChoice.parse(InferNumbers.class, INFER_NUMBERS_CONFIG,
            getString(INFER_NUMBERS_CONFIG));
    }

    public InferConflicts inferConflicts() {
        return ConfigChoice.parse(InferConflicts.class, INFER_CONFLICTS_CONFIG,
            getString(INFER_CONFLICTS_CONFIG));
    }

    public int inferSchemaCacheSize() {
        return getInt(INFER_CACHE_SIZE_CONFIG);
    }

    /** The values of {@value #OUTPUT_CONFIG}. */
    public enum Output implements ConfigChoice {
        STRUCT("struct"),
        SCHEMALESS("schemaless");

        private final String configValue;

        Output(String configValue) {
            this.configValue = configValue;
        }

        @Override
        public String configValue() {
            return configValue;
        }
    }

    /** The values of {@value #SCHEMA_MODE_CONFIG}. */
    public enum SchemaMode implements ConfigChoice {
        INFER("infer"),
        DECLARED("declared");

        private final String configValue;

        SchemaMode(String configValue) {
            this.configValue = configValue;
        }

        @Override
        public String configValue() {
            return configValue;
        }
    }

    /** Empty, or a field path that addresses a single value (no {@code [*]}); optionally ending in a name. */
    private static final class SingleValuePath implements ConfigDef.Validator {
        private final boolean mustEndInName;

        SingleValuePath(boolean mustEndInName) {
            this.mustEndInName = mustEndInName;
        }

        @Override
        public void ensureValid(String name, Object value) {
            String text = (String) value;
            if (text == null || text.isEmpty()) {
                return;
            }
            FieldPath path;
            try {
                path = FieldPath.parse(text);
            } catch (ConfigException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
            if (path.hasWildcard()) {
                throw new ConfigException(name, value, "must address a single value; [*] is not allowed here");
            }
            List<PathStep> steps = path.steps();
            if (mustEndInName && !(steps.get(steps.size() - 1) instanceof PathStep.Name)) {
                throw new ConfigException(name, value, "must end with a field name, not an array index");
            }
        }

        @Override
        public String toString() {
            return mustEndInName
                ? "empty, or a field path without [*] that ends with a field name, e.g. parsed or after.parsed"
                : "empty, or a field path without [*], e.g. payload or after.`doc.json`";
        }
    }

    private static final class ValidDeclaration implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null) {
                parseDeclaration(name, (String) value);
            }
        }

        @Override
        public String toString() {
            return "name:type pairs, e.g. id:int64!,tags:array<string>,address:struct<city:string>";
        }
    }
}
