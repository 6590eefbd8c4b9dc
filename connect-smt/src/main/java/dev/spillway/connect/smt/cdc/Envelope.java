package dev.spillway.connect.smt.cdc;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Debezium-style change event value: {@code before}, {@code after}, {@code source}, {@code op}, {@code ts_ms} and
 * an optional {@code transaction}, read either from a {@link Struct} (with its schema) or from a schemaless
 * {@code Map} (as the JSON converter produces with {@code schemas.enable=false}).
 *
 * <p>A value is recognised by its shape, not by its schema name: it must have an {@code op} field, and a
 * {@code before} or an {@code after} field (either may be null). Values whose {@code op} is {@code m} (database log
 * messages, which carry a {@code message} instead of rows) are recognised without them.
 *
 * <p>Immutable views; nothing is copied.
 */
public final class Envelope {

    public static final String BEFORE = "before";
    public static final String AFTER = "after";
    public static final String SOURCE = "source";
    public static final String OP = "op";
    public static final String TS_MS = "ts_ms";
    public static final String TRANSACTION = "transaction";

    private final Object value;
    private final Schema schema;
    private final String opCode;

    private Envelope(Object value, Schema schema, String opCode) {
        this.value = value;
        this.schema = schema;
        this.opCode = opCode;
    }

    /**
     * Reads {@code value} as an envelope if it has the shape of one.
     *
     * @param value a record value; {@code null} (a tombstone) is not an envelope
     */
    public static Recognition recognize(Object value) {
        if (value == null) {
            return Recognition.no("the value is null (a tombstone)");
        }
        if (value instanceof Struct struct) {
            Schema schema = struct.schema();
            Field op = schema.field(OP);
            if (op == null) {
                return Recognition.no("its schema " + describe(schema) + " has no '" + OP + "' field");
            }
            Object code = struct.getWithoutDefault(OP);
            if (!hasRowField(schema) && !Operation.MESSAGE.code().equals(code)) {
                return Recognition.no("its schema " + describe(schema) + " has neither a '" + BEFORE
                    + "' nor an '" + AFTER + "' field");
            }
            return Recognition.yes(new Envelope(struct, schema, code == null ? null : code.toString()));
        }
        if (value instanceof Map<?, ?> map) {
            if (!map.containsKey(OP)) {
                return Recognition.no("the map has no '" + OP + "' key");
            }
            Object code = map.get(OP);
            if (!map.containsKey(BEFORE) && !map.containsKey(AFTER) && !Operation.MESSAGE.code().equals(code)) {
                return Recognition.no("the map has neither a '" + BEFORE + "' nor an '" + AFTER + "' key");
            }
            return Recognition.yes(new Envelope(map, null, code == null ? null : code.toString()));
        }
        return Recognition.no("the value is a " + value.getClass().getName() + ", not a Struct or a Map");
    }

    private static boolean hasRowField(Schema schema) {
        return schema.field(BEFORE) != null || schema.field(AFTER) != null;
    }

    private static String describe(Schema schema) {
        return schema.name() != null ? "'" + schema.name() + "'" : "(unnamed " + schema.type() + ")";
    }

    /** The {@code op} field's text; null if the field is null. */
    public String opCode() {
        return opCode;
    }

    /** The operation; empty if {@code op} is null or not a known code. */
    public Optional<Operation> operation() {
        return Operation.fromCode(opCode);
    }

    /** The envelope itself: a {@link Struct} or a {@code Map}. */
    public Object value() {
        return value;
    }

    /** Whether the envelope is a {@link Struct} with a schema, rather than a schemaless {@code Map}. */
    public boolean hasSchema() {
        return schema != null;
    }

    /** The envelope's schema; null for a schemaless envelope. */
    public Schema schema() {
        return schema;
    }

    /**
     * The row in {@code before} or {@code after}: a {@link Struct} for an envelope with a schema, a {@code Map}
     * otherwise, or null.
     *
     * @throws DataException if the row is neither
     */
    public Object row(String rowField) {
        Objects.requireNonNull(rowField, "rowField");
        Object row = value instanceof Struct struct
            ? (struct.schema().field(rowField) == null ? null : struct.getWithoutDefault(rowField))
            : ((Map<?, ?>) value).get(rowField);
        if (row == null) {
            return null;
        }
        Class<?> expected = hasSchema() ? Struct.class : Map.class;
        if (!expected.isInstance(row)) {
            throw new DataException("the envelope's '" + rowField + "' is a " + row.getClass().getName()
                + ", but a " + expected.getSimpleName() + " was expected");
        }
        return row;
    }

    /** The schema of the {@code before} or {@code after} field; empty when schemaless or there is no such field. */
    public Optional<Schema> rowSchema(String rowField) {
        if (schema == null) {
            return Optional.empty();
        }
        Field field = schema.field(rowField);
        return field == null ? Optional.empty() : Optional.of(field.schema());
    }

    /** Whether the outcome of {@link #recognize} is an envelope, and if not, why. */
    public record Recognition(Envelope envelope, String reason) {

        static Recognition yes(Envelope envelope) {
            return new Recognition(envelope, null);
        }

        static Recognition no(String reason) {
            return new Recognition(null, reason);
        }

        public boolean isEnvelope() {
            return envelope != null;
        }
    }
}
