package dev.spillway.connect.smt;

import dev.spillway.connect.common.version.PluginVersion;
import dev.spillway.connect.smt.field.FieldPath;
import dev.spillway.connect.smt.field.FieldPaths;
import dev.spillway.connect.smt.mask.FieldMasker;
import dev.spillway.connect.smt.metrics.TransformMetrics;
import dev.spillway.connect.smt.record.RecordCoordinates;
import dev.spillway.connect.smt.record.RecordPart;
import dev.spillway.connect.smt.schema.DerivedSchemas;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Masks fields of the record key ({@link Key}) or value ({@link Value}): replaces them with a fixed value, null,
 * a deterministic hash, or a partly hidden string. See {@link MaskConfig} and {@code docs/smt/mask.md}.
 *
 * <p>Records are never modified: a masked record holds new containers on the way to each masked field and shares
 * everything else. Output schemas are derived once per input schema and cached.
 *
 * @param <R> the record type
 */
public abstract class Mask<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String OVERVIEW_DOC = "Masks fields of the record key (" + Key.class.getName()
        + ") or value (" + Value.class.getName() + "): replaces each listed field with a fixed value of its type,"
        + " null, a deterministic SHA-256 or HMAC-SHA-256 hash, or a partly hidden string. Works on records with"
        + " and without schemas, on nested fields, map entries and array elements. Null keys and values (such as"
        + " tombstones) pass through unchanged.";

    private static final Logger log = LoggerFactory.getLogger(Mask.class);

    /** Records of a task usually share a handful of schemas; this bounds memory if they do not. */
    private static final int SCHEMA_CACHE_SIZE = 16;

    private FieldPaths fieldPaths;
    private MissingFieldAction missingFieldAction;
    private FieldMasker masker;
    private DerivedSchemas<Schema> updatedSchemas;

    private final RecordPart part;
    private final LongAdder missing = new LongAdder();
    private final TransformMetrics metrics = new TransformMetrics(TransformMetrics.typeOf(getClass()), set -> {
        set.gauge("missing-fields-total", "Listed fields a record lacked (one per field and record), whether"
            + " missing.field.action ignored them or failed the record", missing::sum);
        set.gauge("masked-values-total", "Field values masked (null values are left alone)", this::maskedCount);
        set.gauge("hashed-values-total", "Field values replaced by their hash (mode hash)",
            () -> masker != null && masker.hashes() ? maskedCount() : 0);
    });

    Mask(RecordPart part) {
        this.part = part;
    }

    @Override
    public void configure(Map<String, ?> props) {
        MaskConfig config = new MaskConfig(props);
        fieldPaths = config.fieldPaths();
        missingFieldAction = config.missingFieldAction();
        masker = FieldMasker.of(config);
        FieldPaths paths = fieldPaths;
        FieldMasker leafMasker = masker;
        updatedSchemas = new DerivedSchemas<>(SCHEMA_CACHE_SIZE, schema -> paths.updateSchema(schema, leafMasker));
        log.debug("Configured {} to mask {} in {} mode", getClass().getName(), fieldPaths.paths(),
            config.mode().configValue());
    }

    @Override
    public R apply(R record) {
        metrics.ensureRegistered();
        Object value = part.data(record);
        if (value == null) {
            return record;
        }
        try {
            Schema schema = part.schema(record);
            if (schema == null) {
                return applySchemaless(record, value);
            }
            return applyWithSchema(record, schema, value);
        } catch (DataException e) {
            throw new DataException("Mask could not process the record " + part + " of "
                + RecordCoordinates.of(record) + ": " + e.getMessage(), e);
        }
    }

    /**
     * A listed field that the record lacks is usually a field renamed upstream, whose personal data would now pass
     * unmasked: always counted, and with missing.field.action=fail the record fails, naming the field.
     */
    private void checkMissingFields(Object value) {
        for (FieldPath path : fieldPaths.paths()) {
            if (path.isMissingIn(value)) {
                missing.increment();
                if (missingFieldAction == MissingFieldAction.FAIL) {
                    throw new DataException("the field \"" + path + "\" to mask is missing, and "
                        + MaskConfig.MISSING_FIELD_ACTION_CONFIG + "=" + MissingFieldAction.FAIL.configValue());
                }
            }
        }
    }

    /** How many listed fields records lacked so far; for metrics and tests. */
    public long missingCount() {
        return missing.sum();
    }

    private R applySchemaless(R record, Object value) {
        if (!(value instanceof Map)) {
            throw new DataException("without a schema, only Map values can be masked, but found "
                + value.getClass().getName());
        }
        checkMissingFields(value);
        Object masked = fieldPaths.updateSchemaless(value, masker);
        return masked == value ? record : part.with(record, null, masked);
    }

    private R applyWithSchema(R record, Schema recordSchema, Object value) {
        if (!(value instanceof Struct struct)) {
            throw new DataException("with a schema, only Struct values can be masked, but found a "
                + value.getClass().getName() + " of schema type " + recordSchema.type());
        }
        checkMissingFields(struct);
        // The struct's own schema is what its fields follow, should a connector pass a different record schema.
        Schema schema = struct.schema();
        Schema updatedSchema = updatedSchemas.get(schema);
        Object masked = fieldPaths.updateValue(struct, schema, updatedSchema, masker);
        return masked == struct ? record : part.with(record, updatedSchema, masked);
    }

    /** How many non-null field values this instance masked. */
    public long maskedCount() {
        FieldMasker current = masker;
        return current == null ? 0 : current.maskedCount();
    }

    @Override
    public ConfigDef config() {
        return MaskConfig.configDef();
    }

    @Override
    public void close() {
        metrics.close();
        if (masker != null) {
            masker.close();
        }
        updatedSchemas = null;
    }

    @Override
    public String version() {
        return PluginVersion.get();
    }

    /** Masks fields of the record key. */
    public static final class Key<R extends ConnectRecord<R>> extends Mask<R> {
        public Key() {
            super(RecordPart.KEY);
        }
    }

    /** Masks fields of the record value. */
    public static final class Value<R extends ConnectRecord<R>> extends Mask<R> {
        public Value() {
            super(RecordPart.VALUE);
        }
    }
}
