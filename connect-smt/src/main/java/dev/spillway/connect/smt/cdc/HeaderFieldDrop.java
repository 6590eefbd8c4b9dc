package dev.spillway.connect.smt.cdc;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code drop.fields.header.name}: the fields that a record header lists (as Debezium's
 * {@code ExtractChangedRecordState} writes, the changed or the unchanged columns of an update) are dropped from the
 * row, and with {@code drop.fields.from.key} from the key, as Debezium's {@code ExtractNewRecordState} drops them.
 *
 * <p>With {@code drop.fields.keep.schema.compatible} (the default) only optional fields are dropped, so a registry
 * sees a backward compatible schema; otherwise every field named goes. Debezium drops through Kafka's
 * {@code ReplaceField}, which reads the remaining fields with their defaults: where it runs, a null in a column that
 * has a default becomes the default. {@link #rewrites} says where it runs: whenever the header names something with
 * keep.schema.compatible off, only when an optional field goes with it on.
 */
public final class HeaderFieldDrop {

    private static final int SCHEMA_CACHE_SIZE = 16;

    private final String headerName;
    private final boolean fromKey;
    private final boolean keepSchemaCompatible;
    private final Cache<KeySchemaKey, Schema> keySchemas = new SynchronizedCache<>(new LRUCache<>(SCHEMA_CACHE_SIZE));

    /**
     * @param headerName           the header that lists the fields; null or blank for none
     * @param fromKey              whether the fields are dropped from the key too
     * @param keepSchemaCompatible whether only optional fields are dropped
     */
    public HeaderFieldDrop(String headerName, boolean fromKey, boolean keepSchemaCompatible) {
        this.headerName = headerName == null || headerName.isBlank() ? null : headerName;
        this.fromKey = fromKey;
        this.keepSchemaCompatible = keepSchemaCompatible;
    }

    public boolean enabled() {
        return headerName != null;
    }

    /**
     * The field names that the first header of the configured name lists; empty without such a header, or if it is
     * null or an empty list.
     *
     * @throws DataException if the header is not a list of strings
     */
    public List<String> namesIn(Headers headers) {
        if (headerName == null) {
            return List.of();
        }
        for (Header header : headers) {
            if (header.key().equals(headerName)) {
                return names(header.value());
            }
        }
        return List.of();
    }

    private List<String> names(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new DataException("drop.fields.header.name: the header '" + headerName + "' holds a "
                + value.getClass().getSimpleName() + ", not a list of field names");
        }
        for (Object name : list) {
            if (!(name instanceof String)) {
                throw new DataException("drop.fields.header.name: the header '" + headerName + "' lists "
                    + (name == null ? "a null" : "a " + name.getClass().getSimpleName()) + ", not a field name");
            }
        }
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) list;
        return names;
    }

    /**
     * The fields of {@code schema} that go: those named that {@code droppable} accepts, and with
     * keep.schema.compatible only the optional ones.
     */
    public Set<String> droppedFrom(Schema schema, List<String> names, Predicate<String> droppable) {
        Set<String> dropped = new TreeSet<>();
        for (Field field : schema.fields()) {
            if (names.contains(field.name()) && droppable.test(field.name())
                && (!keepSchemaCompatible || field.schema().isOptional())) {
                dropped.add(field.name());
            }
        }
        return dropped;
    }

    /** Whether Debezium rebuilds the struct (filling nulls with defaults) for these names and dropped fields. */
    public boolean rewrites(List<String> names, Set<String> dropped) {
        return !names.isEmpty() && (!keepSchemaCompatible || !dropped.isEmpty());
    }

    /** Whether the key loses the fields too. */
    public boolean fromKey() {
        return fromKey;
    }

    /** A schemaless row or key without the fields named: there is no schema to tell which are optional. */
    public Map<Object, Object> withoutEntries(Map<?, ?> row, Collection<String> names) {
        Map<Object, Object> output = new LinkedHashMap<>(row);
        output.keySet().removeAll(names);
        return output;
    }

    /**
     * The key without the fields named, as its schema and value; the same key if nothing is rebuilt.
     *
     * @throws DataException if the key is neither a struct nor a map
     */
    public Key key(Schema keySchema, Object key, List<String> names) {
        if (!fromKey || key == null || names.isEmpty()) {
            return new Key(keySchema, key);
        }
        if (keySchema == null) {
            if (!(key instanceof Map<?, ?> map)) {
                throw new DataException("drop.fields.from.key: the key is a " + key.getClass().getSimpleName()
                    + ", not a struct or map");
            }
            return new Key(null, withoutEntries(map, names));
        }
        if (keySchema.type() != Schema.Type.STRUCT || !(key instanceof Struct struct)) {
            throw new DataException("drop.fields.from.key: the key is a " + keySchema.type() + ", not a STRUCT");
        }
        Set<String> dropped = droppedFrom(keySchema, names, name -> true);
        if (!rewrites(names, dropped)) {
            return new Key(keySchema, key);
        }
        KeySchemaKey cacheKey = new KeySchemaKey(keySchema, dropped);
        Schema schema = keySchemas.get(cacheKey);
        if (schema == null) {
            schema = structWithout(keySchema, dropped);
            keySchemas.put(cacheKey, schema);
        }
        Struct output = new Struct(schema);
        for (Field field : schema.fields()) {
            // Struct.get: a null becomes the field's default, as in the ReplaceField Debezium delegates to.
            output.put(field.name(), struct.get(field.name()));
        }
        return new Key(schema, output);
    }

    /**
     * A struct schema without the fields dropped: as Kafka's ReplaceField builds it, required, with the name,
     * version, doc and parameters of {@code schema}.
     */
    static Schema structWithout(Schema schema, Set<String> dropped) {
        SchemaBuilder builder = SchemaBuilder.struct().name(schema.name()).version(schema.version())
            .doc(schema.doc());
        if (schema.parameters() != null) {
            builder.parameters(schema.parameters());
        }
        for (Field field : schema.fields()) {
            if (!dropped.contains(field.name())) {
                builder.field(field.name(), field.schema());
            }
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return headerName == null ? "(off)" : headerName + (fromKey ? ", from key" : "")
            + (keepSchemaCompatible ? ", optional fields only" : "");
    }

    /** A record key: its schema (null if schemaless) and value. */
    public record Key(Schema schema, Object value) {
    }

    private record KeySchemaKey(Schema schema, Set<String> dropped) {
    }
}
