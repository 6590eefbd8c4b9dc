package dev.spillway.connect.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.connect.data.Schema;

/**
 * Schemas inferred from JSON documents ({@link SchemaInference}), cached per document shape in a bounded LRU cache,
 * so that documents of a repeating shape share one schema instance (converters cache by schema instance).
 *
 * <p>Thread-safe.
 */
public final class InferredSchemas {

    private final SchemaInference inference;
    private final Cache<JsonShape, Schema> byShape;

    /**
     * @param numbers   what numbers that are not 64-bit integers become
     * @param conflicts what conflicting types in one array become
     * @param cacheSize how many shapes (and their schemas) to keep, least recently used first out
     */
    public InferredSchemas(InferNumbers numbers, InferConflicts conflicts, int cacheSize) {
        this.inference = new SchemaInference(numbers == InferNumbers.DECIMAL, conflicts == InferConflicts.STRING);
        this.byShape = new SynchronizedCache<>(new LRUCache<>(cacheSize));
    }

    /**
     * The optional schema of {@code node}'s shape, built the first time the shape is seen.
     *
     * @throws JsonDataException on conflicting types, unless they become strings
     */
    public Schema schemaOf(JsonNode node) {
        JsonShape shape = inference.shapeOf(node);
        Schema schema = byShape.get(shape);
        if (schema == null) {
            schema = SchemaInference.schemaOf(shape);
            byShape.put(shape, schema);
        }
        return schema;
    }
}
