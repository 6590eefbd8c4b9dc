package dev.spillway.connect.rest.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.connect.json.InferConflicts;
import dev.spillway.connect.json.InferNumbers;
import dev.spillway.connect.json.InferredSchemas;
import dev.spillway.connect.json.JsonLimits;
import dev.spillway.connect.json.JsonReader;
import dev.spillway.connect.json.JsonValues;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Schema;

/**
 * Items as Connect data with a schema inferred from each item's shape, by the same inference, shape cache and
 * conversion as the {@code ParseJson} transform ({@code connect-json-data}): an object becomes a Struct, a scalar or an
 * array gets the optional schema of its own type, a JSON {@code null} is a null value with an optional string
 * schema.
 *
 * <p>One per endpoint and task; thread-safe.
 */
public final class ItemStructs {

    /** Shapes kept per endpoint; a shape evicted and seen again gets an equal, new schema instance. */
    static final int SHAPE_CACHE_SIZE = 32;

    /** The bounds the page parser already enforced, so that every item it accepted can be read again. */
    private static final JsonLimits LIMITS = new JsonLimits(ItemValues.LIMITS.getMaxNestingDepth(),
        ItemValues.LIMITS.getMaxNumberLength(), ItemValues.LIMITS.getMaxStringLength());

    private final JsonReader reader = new JsonReader(LIMITS);
    private final InferredSchemas schemas;
    private final JsonValues values;

    public ItemStructs(InferNumbers numbers, InferConflicts conflicts) {
        this.schemas = new InferredSchemas(numbers, conflicts, SHAPE_CACHE_SIZE);
        this.values = new JsonValues(numbers == InferNumbers.DECIMAL);
    }

    /**
     * @throws org.apache.kafka.connect.errors.DataException if no schema fits the item (a
     *         {@link dev.spillway.connect.json.JsonDataException} naming the place, for conflicting types)
     */
    public SchemaAndValue convert(Item item) {
        JsonNode node = reader.read(item.source());
        Schema schema = schemas.schemaOf(node);
        return new SchemaAndValue(schema, values.toConnect(node, schema));
    }
}
