package dev.spillway.connect.smt.schema;

import java.util.Objects;
import java.util.function.Function;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.connect.data.Schema;

/**
 * What a transform derives from an input schema, computed once per schema and kept in a bounded cache.
 *
 * <p>Records of one task nearly always carry the very same schema instance, so the last hit is checked by
 * identity first: a {@code ConnectSchema}'s {@code hashCode()} walks every field, which on wide rows costs more
 * than the transform itself. Distinct but equal schemas (such as those a converter builds anew per record) still
 * hit the bounded LRU cache.
 *
 * <p>Thread-safe.
 *
 * @param <V> what is derived
 */
public final class DerivedSchemas<V> {

    private final Cache<Schema, V> cache;
    private final Function<Schema, V> derive;
    private volatile Entry<V> last;

    /**
     * @param capacity how many schemas to keep
     * @param derive   derives the value for a schema; must not return {@code null}
     */
    public DerivedSchemas(int capacity, Function<Schema, V> derive) {
        this.cache = new SynchronizedCache<>(new LRUCache<>(capacity));
        this.derive = Objects.requireNonNull(derive, "derive");
    }

    /** The value derived from {@code schema}, derived now if it is not cached. */
    public V get(Schema schema) {
        Entry<V> hit = last;
        if (hit != null && hit.schema == schema) {
            return hit.value;
        }
        V value = cache.get(schema);
        if (value == null) {
            value = Objects.requireNonNull(derive.apply(schema), "derived value");
            cache.put(schema, value);
        }
        last = new Entry<>(schema, value);
        return value;
    }

    private record Entry<V>(Schema schema, V value) {
    }
}
