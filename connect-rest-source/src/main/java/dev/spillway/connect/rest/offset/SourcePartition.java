package dev.spillway.connect.rest.offset;

import java.util.Map;
import java.util.Objects;

/** The source partition of one endpoint: {@code {"endpoint": <name>}}. */
public record SourcePartition(String endpoint) {

    public static final String ENDPOINT_KEY = "endpoint";

    public SourcePartition {
        Objects.requireNonNull(endpoint, "endpoint");
    }

    public Map<String, Object> toMap() {
        return Map.of(ENDPOINT_KEY, endpoint);
    }

    /** @throws IllegalArgumentException if the map is not a partition of this connector */
    public static SourcePartition fromMap(Map<String, ?> map) {
        if (map == null || !(map.get(ENDPOINT_KEY) instanceof String name) || map.size() != 1) {
            throw new IllegalArgumentException("a source partition of this connector is {\"" + ENDPOINT_KEY
                + "\": \"<endpoint name>\"}, not " + map);
        }
        return new SourcePartition(name);
    }
}
