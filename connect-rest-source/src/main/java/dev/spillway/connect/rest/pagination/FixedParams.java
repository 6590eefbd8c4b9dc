package dev.spillway.connect.rest.pagination;

import java.util.LinkedHashMap;
import java.util.Map;

/** The page-size parameter ({@code pagination.limit.param=pagination.limit}) sent with requests the connector builds. */
public record FixedParams(String limitParam, int limit) {

    public static final FixedParams NONE = new FixedParams(null, 0);

    /** The fixed parameters plus {@code name=value}. */
    Map<String, String> with(String name, Object value) {
        Map<String, String> params = asMap();
        if (value != null) {
            params.put(name, String.valueOf(value));
        }
        return params;
    }

    Map<String, String> asMap() {
        Map<String, String> params = new LinkedHashMap<>();
        if (limitParam != null && !limitParam.isEmpty() && limit > 0) {
            params.put(limitParam, String.valueOf(limit));
        }
        return params;
    }
}
