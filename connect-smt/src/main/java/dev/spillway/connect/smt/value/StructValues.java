package dev.spillway.connect.smt.value;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Direct access to the array that holds a {@link Struct}'s field values, so that a copy of a struct can take the
 * values it keeps in one {@code System.arraycopy} instead of a {@code put} per field.
 *
 * <p>Why: {@code Struct.put} validates every value against its field's schema (a class lookup and a location
 * string per field), and on a wide row that is most of what copying it costs. A value taken from a struct whose
 * field has the very same schema object was validated when it was put there, so validating it again proves
 * nothing. Only values that are new must still go through {@code put}.
 *
 * <p>The array is private to Kafka's {@code Struct}, so it is reached through a {@link VarHandle} resolved once.
 * Where that is not possible (a Kafka version that stores values differently, a module or security setup that
 * forbids the access), {@link #available()} is false and callers fall back to {@code put}. Thread-safe.
 */
public final class StructValues {

    private static final Logger log = LoggerFactory.getLogger(StructValues.class);

    /** Null when the array cannot be reached; then {@link #available()} is false. */
    private static final VarHandle VALUES = find(Struct.class, "values");

    private StructValues() {
    }

    /** Whether {@link #of} can be used in this runtime. */
    public static boolean available() {
        return VALUES != null;
    }

    /**
     * The live array of the struct's values, by field index, as set (without defaults applied); writing to it
     * bypasses validation, so only values that already passed it for the same field schema may be stored.
     *
     * @throws IllegalStateException if {@link #available()} is false
     */
    public static Object[] of(Struct struct) {
        if (VALUES == null) {
            throw new IllegalStateException("Struct values cannot be accessed directly in this runtime");
        }
        return (Object[]) VALUES.get(struct);
    }

    /**
     * A handle on the {@code Object[]} field {@code name} of {@code owner} if it is the array a struct's values
     * are kept in (checked on a sample struct), or {@code null}. Package-private so tests can make it fail.
     */
    static VarHandle find(Class<?> owner, String name) {
        try {
            VarHandle handle = MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
                .findVarHandle(owner, name, Object[].class);
            Schema sample = SchemaBuilder.struct().field("a", Schema.STRING_SCHEMA).field("b", Schema.INT32_SCHEMA)
                .build();
            Struct struct = new Struct(sample).put("b", 7);
            if (!(owner.isInstance(struct) && handle.get(struct) instanceof Object[] values && values.length == 2
                && values[0] == null && Integer.valueOf(7).equals(values[1]))) {
                log.debug("{}.{} does not hold a struct's values; structs are copied field by field", owner, name);
                return null;
            }
            log.debug("Kept struct values are copied directly from {}.{}, without revalidation", owner.getName(),
                name);
            return handle;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Cannot access {}.{}; structs are copied field by field: {}", owner.getName(), name,
                e.toString());
            return null;
        }
    }
}
