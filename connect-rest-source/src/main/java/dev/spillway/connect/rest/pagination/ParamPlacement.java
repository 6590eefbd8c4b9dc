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
 * @param numeric      whether the state is a number in the body (page numbers and offsets) rather than a string
 */
public record ParamPlacement(Location location, String param, JsonPointer bodyPointer, String header,
                             boolean numeric) {

    public static final String LOCATION_CONFIG = "pagination.param.location";
    public static final String LOCATION_DOC = "Where the pagination state goes in each request: 'query' (the"
        + " parameter of pagination.cursor.param, page.param, offset.param or since.param), 'body' (set into the"
        + " JSON body of a POST at pagination.param.body.pointer, e.g. /variables/after for GraphQL or /search_after"
        + " for a search API; a string, or a number for page-number and offset-limit; the field is left out of the"
        + " first request, which has no state yet) or 'header' (the header pagination.param.header, left out of the"
        + " first request). Not for next-url and link-header, whose state is a URL. The page size"
        + " (pagination.limit.param) stays a query parameter: to put it in the body, write it into"
        + " http.request.body. Source offsets are the same in every location.";
    public static final String LOCATION_DEFAULT = "query";

    public static final String BODY_POINTER_CONFIG = "pagination.param.body.pointer";
    public static final String BODY_POINTER_DOC = "With pagination.param.location=body: the JSON pointer in the body"
        + " the state is set at, e.g. /variables/after; objects on the way are created.";

    public static final String HEADER_CONFIG = "pagination.param.header";
    public static final String HEADER_DOC = "With pagination.param.location=header: the header that carries the"
        + " state, e.g. X-Cursor.";

    /** The values of {@value #LOCATION_CONFIG}. */
    public enum Location implements ConfigChoice {
        QUERY, BODY, HEADER;

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
            type == PaginationType.PAGE_NUMBER || type == PaginationType.OFFSET_LIMIT);
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
        if (location == Location.QUERY) {
            return problems;
        }
        if (stateParam(values, type) == null) {
            problems.add(new Problem(LOCATION_CONFIG, "must be query with " + PaginationSettings.PAGINATION_TYPE_CONFIG
                + "=" + type.configValue() + (type == PaginationType.NONE ? ", which has no state"
                : ", whose state is a URL")));
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

    /** Whether the state leaves the query. */
    public boolean movesState() {
        return location != Location.QUERY && param != null;
    }
}
