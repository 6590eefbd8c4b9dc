package dev.spillway.connect.smt.mask;

import dev.spillway.connect.smt.MaskConfig;
import dev.spillway.connect.smt.field.FieldPath;
import dev.spillway.connect.smt.field.LeafSchemaUpdater;
import dev.spillway.connect.smt.field.LeafValueUpdater;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

import java.util.concurrent.atomic.LongAdder;

/**
 * One masking mode: how the schema and the value of each addressed field change. Null values stay null in every
 * mode, so implementations only see non-null values in {@link #maskValue}.
 */
public abstract class FieldMasker implements LeafSchemaUpdater, LeafValueUpdater, AutoCloseable {

    /** The masker for the configured mode. */
    public static FieldMasker of(MaskConfig config) {
        return switch (config.mode()) {
            case REPLACE -> new ReplaceMasker(config.replacement());
            case NULL -> new NullMasker();
            case HASH -> HashMasker.create(config);
            case PARTIAL -> PartialMasker.create(config);
        };
    }

    /** Non-null values masked so far, for metrics; from every thread that uses this masker. */
    private final LongAdder masked = new LongAdder();

    @Override
    public final Object update(FieldPath path, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        masked.increment();
        return maskValue(path, schema, value);
    }

    /** How many non-null values were masked so far. */
    public final long maskedCount() {
        return masked.sum();
    }

    /** True if this mode hashes the values. */
    public boolean hashes() {
        return false;
    }

    /**
     * @param schema the value's schema, or {@code null} for schemaless data
     * @param value  never {@code null}
     */
    abstract Object maskValue(FieldPath path, Schema schema, Object value);

    /** Releases per-thread resources of the calling thread; the masker must not be used afterwards. */
    @Override
    public void close() {
    }

    static DataException cannotMask(FieldPath path, String mode, String reason) {
        return new DataException("Cannot mask field \"" + path + "\" in " + mode + " mode: " + reason);
    }

    static String describe(Schema schema) {
        return schema.name() != null ? schema.name() + " (" + schema.type() + ")" : schema.type().toString();
    }
}
