package dev.spillway.connect.rest.pagination;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.rest.extract.JsonPointers;
import dev.spillway.connect.rest.net.HeaderChecks;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the pagination state (the cursor, page number, offset or watermark) goes in a request: the query parameter
 * the strategy names (as always), a JSON pointer inside the POST body, or a request header.
 *
 * @param location     where it goes
 * @param param        the query parameter the strategy puts it in, which is moved elsewhere; null for strategies
 *                     that follow URLs
 * @param bodyPointer  for {@link Location#BODY}: where in the body
 * @param header       for {@link Location#HEADER}: the header's name
 * @param bodyType     for {@link Location#BODY}: the JSON type the state is written as
 */
public record ParamPlacement(Location location, String param, JsonPointer bodyPointer, String header,
                             BodyType bodyType) {

    public static final String LOCATION_CONFIG = "pagination.param.location";
    public static final String LOCATION_DOC = "Where the pagination state goes in each request: 'query' (the"
        + " parameter of pagination.cursor.param, page.param, offset.param or since.param), 'body' (set into the"
        + " JSON body of a POST at pagination.param.body.pointer, e.g. /variables/after for GraphQL or /search_after"
        + " for a search API; a string, or a number for page-number and offset-limit; the field is left out of the"
        + " first request, which has no state yet) or 'header' (the header pagination.param.header, left out of the"
        + " first request) or 'template' (only where ${cursor}, ${page}, ${offset} or ${since} in http.request.params"
        + " or http.request.body put it). Not for next-url and link-header, whose state is a URL. The page size"
        + " (pagination.limit.param) stays a query parameter: to put it in the body, write it into"
        + " http.request.body. Source offsets are the same in every location.";
    public static final String LOCATION_DEFAULT = "query";

    public static final String BODY_POINTER_CONFIG = "pagination.param.body.pointer";
    public static final String BODY_POINTER_DOC = "With pagination.param.location=body: the JSON pointer in the body"
        + " the state is set at, e.g. /variables/after; objects on the way are created.";

    public static final String BODY_TYPE_CONFIG = "pagination.param.body.type";
    public static final String BODY_TYPE_DOC = "With pagination.param.location=body: the JSON type the state is"
        + " written as. 'auto' (default): a number for page-number and offset-limit, else a string. 'string'."
        + " 'number': the state as a JSON number (a state that is not a number fails the request, naming the"
        + " endpoint). 'array': with pagination.type=since, the values of pagination.param.body.array.pointers in"
        + " the last item emitted, as a JSON array, e.g. Elasticsearch's \"search_after\": [1700000000, 42]; the"
        + " items must come sorted by those fields, in that order.";
    public static final String BODY_TYPE_DEFAULT = "auto";

    public static final String ARRAY_POINTERS_CONFIG = "pagination.param.body.array.pointers";
    public static final String ARRAY_POINTERS_DOC = "With pagination.param.body.type=array: the JSON pointers, inside"
        + " each item, to the values of the array, comma-separated and in the API's sort order, e.g."
        + " /updated_at,/id, or /sort/0,/sort/1 for the sort values Elasticsearch returns with each hit. End with a"
        + " unique field, so that items sharing the first values are told apart. They"
        + " replace pagination.since.pointer; the array is stored in the source offset as JSON text.";

    public static final String HEADER_CONFIG = "pagination.param.header";
    public static final String HEADER_DOC = "With pagination.param.location=header: the header that carries the"
        + " state, e.g. X-Cursor.";

    /** The values of {@value #LOCATION_CONFIG}. */
    public enum Location implements ConfigChoice {
        QUERY, BODY, HEADER,
        /** Only where the templates of http.request.params or http.request.body put it. */
        TEMPLATE;

        @Override
        public String configValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The values of {@value #BODY_TYPE_CONFIG}. */
    public enum BodyType implements ConfigChoice {
        AUTO, STRING, NUMBER, ARRAY;

        @Override
        public String configValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Defines the keys in {@code group} after {@code order}; returns the last order used. */
    static int define(ConfigDef def, String group, int order) {
        def.define(LOCATION_CONFIG, Type.STRING, LOCATION_DEFAULT, ConfigChoice.validator(Location.class),
                Importance.MEDIUM, LOCATION_DOC, group, ++order, Width.SHORT, "Pagination state location",
                ConfigChoice.recommender(Location.class))
            .define(BODY_POINTER_CONFIG, Type.STRING, null, JsonPointers.validator(true), Importance.MEDIUM,
                BODY_POINTER_DOC, group, ++order, Width.MEDIUM, "Pagination state body pointer")
            .define(BODY_TYPE_CONFIG, Type.STRING, BODY_TYPE_DEFAULT, ConfigChoice.validator(BodyType.class),
                Importance.LOW, BODY_TYPE_DOC, group, ++order, Width.SHORT, "Pagination state body type",
                ConfigChoice.recommender(BodyType.class))
            .define(ARRAY_POINTERS_CONFIG, Type.LIST, "", new ArrayPointersValidator(), Importance.MEDIUM,
                ARRAY_POINTERS_DOC, group, ++order, Width.MEDIUM, "Pagination state array pointers")
            .define(HEADER_CONFIG, Type.STRING, null, null, Importance.MEDIUM, HEADER_DOC, group, ++order,
                Width.MEDIUM, "Pagination state header");
        return order;
    }

    /** The placement the settings describe, for strategy {@code type}; call {@link #problems} first. */
    static ParamPlacement from(Map<String, Object> values, PaginationType type) {
        Location location = ConfigChoice.parse(Location.class, LOCATION_CONFIG, (String) values.get(LOCATION_CONFIG));
        String pointer = (String) values.get(BODY_POINTER_CONFIG);
        return new ParamPlacement(location, stateParam(values, type),
            location == Location.BODY && pointer != null ? JsonPointers.parse(pointer) : null,
            location == Location.HEADER ? ((String) values.get(HEADER_CONFIG)).trim() : null,
            bodyType(values, type));
    }

    /** The type the state is written as in a body, {@code auto} resolved for strategy {@code type}. */
    private static BodyType bodyType(Map<String, Object> values, PaginationType type) {
        BodyType given = ConfigChoice.parse(BodyType.class, BODY_TYPE_CONFIG, (String) values.get(BODY_TYPE_CONFIG));
        if (given != BodyType.AUTO) {
            return given;
        }
        return type == PaginationType.PAGE_NUMBER || type == PaginationType.OFFSET_LIMIT ? BodyType.NUMBER
            : BodyType.STRING;
    }

    /** The item pointers of an array state; empty unless {@value #BODY_TYPE_CONFIG} is array. */
    @SuppressWarnings("unchecked")
    static List<JsonPointer> arrayPointers(Map<String, Object> values) {
        List<String> pointers = (List<String>) values.get(ARRAY_POINTERS_CONFIG);
        if (pointers == null || !BodyType.ARRAY.matches((String) values.get(BODY_TYPE_CONFIG))) {
            return List.of();
        }
        return pointers.stream().filter(pointer -> !pointer.isBlank()).map(JsonPointers::parse).toList();
    }

    /** The query parameter strategy {@code type} sends its state in, or null if its state is a URL. */
    private static String stateParam(Map<String, Object> values, PaginationType type) {
        String key = switch (type) {
            case CURSOR -> PaginationSettings.CURSOR_PARAM_CONFIG;
            case PAGE_NUMBER -> PaginationSettings.PAGE_PARAM_CONFIG;
            case OFFSET_LIMIT -> PaginationSettings.OFFSET_PARAM_CONFIG;
            case SINCE -> PaginationSettings.SINCE_PARAM_CONFIG;
            case NONE, NEXT_URL, LINK_HEADER -> null;
        };
        return key == null ? null : (String) values.get(key);
    }

    static List<Problem> problems(Map<String, Object> values, PaginationType type) {
        List<Problem> problems = new ArrayList<>();
        Location location = ConfigChoice.parse(Location.class, LOCATION_CONFIG, (String) values.get(LOCATION_CONFIG));
        problems.addAll(bodyTypeProblems(values, type, location));
        if (location == Location.QUERY) {
            return problems;
        }
        if (stateParam(values, type) == null) {
            problems.add(new Problem(LOCATION_CONFIG, "must be query with " + PaginationSettings.PAGINATION_TYPE_CONFIG
                + "=" + type.configValue() + (type == PaginationType.NONE ? ", which has no state"
                : ", whose state is a URL")));
        }
        if (location == Location.TEMPLATE) {
            return problems;
        }
        if (location == Location.BODY) {
            String pointer = (String) values.get(BODY_POINTER_CONFIG);
            if (pointer == null || pointer.isEmpty()) {
                problems.add(new Problem(BODY_POINTER_CONFIG, "is required with " + LOCATION_CONFIG + "=body"));
            }
        } else {
            String header = (String) values.get(HEADER_CONFIG);
            if (header == null || header.isBlank()) {
                problems.add(new Problem(HEADER_CONFIG, "is required with " + LOCATION_CONFIG + "=header"));
            } else {
                HeaderChecks.nameProblem(header.trim()).ifPresent(problem ->
                    problems.add(new Problem(HEADER_CONFIG, problem)));
            }
        }
        return problems;
    }

    /** An explicit body type outside a body; an array for another strategy than since, or without pointers. */
    private static List<Problem> bodyTypeProblems(Map<String, Object> values, PaginationType type,
                                                  Location location) {
        BodyType given = ConfigChoice.parse(BodyType.class, BODY_TYPE_CONFIG, (String) values.get(BODY_TYPE_CONFIG));
        @SuppressWarnings("unchecked")
        List<String> pointers = (List<String>) values.get(ARRAY_POINTERS_CONFIG);
        boolean hasPointers = pointers != null && pointers.stream().anyMatch(pointer -> !pointer.isBlank());
        if (given != BodyType.AUTO && location != Location.BODY) {
            return List.of(new Problem(BODY_TYPE_CONFIG, "is " + given.configValue() + " but "
                + LOCATION_CONFIG + " is not body"));
        }
        if (given != BodyType.ARRAY) {
            return hasPointers ? List.of(new Problem(ARRAY_POINTERS_CONFIG, "is only read with " + BODY_TYPE_CONFIG
                + "=array")) : List.of();
        }
        if (type != PaginationType.SINCE || "response".equals(values.get(PaginationSettings.SINCE_SOURCE_CONFIG))) {
            return List.of(new Problem(BODY_TYPE_CONFIG, "array needs " + PaginationSettings.PAGINATION_TYPE_CONFIG
                + "=since with the watermark from the items (" + PaginationSettings.SINCE_SOURCE_CONFIG + "=item)"));
        }
        if (!hasPointers) {
            return List.of(new Problem(ARRAY_POINTERS_CONFIG, "is required with " + BODY_TYPE_CONFIG + "=array"));
        }
        String initial = (String) values.get(PaginationSettings.SINCE_INITIAL_CONFIG);
        if (initial != null && !initial.isBlank()) {
            try {
                SortValues.parse(initial);
            } catch (IllegalArgumentException e) {
                return List.of(new Problem(PaginationSettings.SINCE_INITIAL_CONFIG, "must be a JSON array of"
                    + " strings and numbers with " + BODY_TYPE_CONFIG + "=array: " + e.getMessage()));
            }
        }
        return List.of();
    }

    private static final class ArrayPointersValidator implements ConfigDef.Validator {
        @Override
        @SuppressWarnings("unchecked")
        public void ensureValid(String name, Object value) {
            for (String pointer : (List<String>) value) {
                if (!pointer.isBlank()) {
                    try {
                        JsonPointers.parse(pointer);
                    } catch (IllegalArgumentException e) {
                        throw new org.apache.kafka.common.config.ConfigException(name + ": " + e.getMessage());
                    }
                }
            }
        }

        @Override
        public String toString() {
            return "comma-separated JSON pointers";
        }
    }

    /** Whether the state leaves the query. */
    public boolean movesState() {
        return location != Location.QUERY && param != null;
    }
}
