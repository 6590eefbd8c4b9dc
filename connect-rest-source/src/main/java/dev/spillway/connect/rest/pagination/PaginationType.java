package dev.spillway.connect.rest.pagination;

import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.rest.net.HeaderChecks;

import com.fasterxml.jackson.core.JsonPointer;

import java.util.ArrayList;
import java.util.List;

import static dev.spillway.connect.rest.pagination.PaginationSettings.CURSOR_PARAM_CONFIG;
import static dev.spillway.connect.rest.pagination.PaginationSettings.CURSOR_POINTER_CONFIG;
import static dev.spillway.connect.rest.pagination.PaginationSettings.LIMIT_CONFIG;
import static dev.spillway.connect.rest.pagination.PaginationSettings.NEXT_URL_POINTER_CONFIG;
import static dev.spillway.connect.rest.pagination.PaginationSettings.OFFSET_PARAM_CONFIG;
import static dev.spillway.connect.rest.pagination.PaginationSettings.PAGE_PARAM_CONFIG;
import static dev.spillway.connect.rest.pagination.PaginationSettings.PAGE_START_CONFIG;
import static dev.spillway.connect.rest.pagination.PaginationSettings.PAGINATION_TYPE_CONFIG;
import static dev.spillway.connect.rest.pagination.PaginationSettings.SINCE_FILTER_CONFIG;
import static dev.spillway.connect.rest.pagination.PaginationSettings.SINCE_NEXT_HEADER_CONFIG;
import static dev.spillway.connect.rest.pagination.PaginationSettings.SINCE_NEXT_POINTER_CONFIG;
import static dev.spillway.connect.rest.pagination.PaginationSettings.SINCE_SOURCE_CONFIG;
import static dev.spillway.connect.rest.pagination.PaginationSettings.SINCE_INITIAL_CONFIG;
import static dev.spillway.connect.rest.pagination.PaginationSettings.SINCE_PARAM_CONFIG;
import static dev.spillway.connect.rest.pagination.PaginationSettings.SINCE_POINTER_CONFIG;

/**
 * The values of {@code pagination.type}. Each one owns what differs between strategies: the keys it reads (shown by
 * config UIs only for it), the keys it cannot do without, how it builds its {@link Pagination}, and whether its
 * positions are stable enough for exactly-once delivery.
 *
 * <p>A new strategy is one constant here plus its {@link Pagination} class (and its keys in
 * {@link PaginationSettings} if it needs new ones).
 */
public enum PaginationType implements ConfigChoice {

    NONE("none", false, List.of(), List.of()) {
        @Override
        Pagination create(PaginationSettings settings) {
            return new NoPagination(settings.fixedParams());
        }
    },
    CURSOR("cursor", true, List.of(CURSOR_POINTER_CONFIG, CURSOR_PARAM_CONFIG), List.of(CURSOR_POINTER_CONFIG)) {
        @Override
        Pagination create(PaginationSettings settings) {
            return new CursorPagination(settings.pointer(CURSOR_POINTER_CONFIG), settings.string(CURSOR_PARAM_CONFIG),
                settings.fixedParams());
        }
    },
    NEXT_URL("next-url", true, List.of(NEXT_URL_POINTER_CONFIG), List.of(NEXT_URL_POINTER_CONFIG)) {
        @Override
        Pagination create(PaginationSettings settings) {
            return NextUrlPagination.fromBody(settings.pointer(NEXT_URL_POINTER_CONFIG), settings.fixedParams());
        }
    },
    LINK_HEADER("link-header", true, List.of(), List.of()) {
        @Override
        Pagination create(PaginationSettings settings) {
            return NextUrlPagination.fromLinkHeader(settings.fixedParams());
        }
    },
    PAGE_NUMBER("page-number", false, List.of(PAGE_PARAM_CONFIG, PAGE_START_CONFIG), List.of()) {
        @Override
        Pagination create(PaginationSettings settings) {
            return new PageNumberPagination(settings.string(PAGE_PARAM_CONFIG), settings.longValue(PAGE_START_CONFIG),
                settings.fixedParams());
        }
    },
    OFFSET_LIMIT("offset-limit", false, List.of(OFFSET_PARAM_CONFIG), List.of()) {
        @Override
        Pagination create(PaginationSettings settings) {
            return new OffsetLimitPagination(settings.string(OFFSET_PARAM_CONFIG), settings.fixedParams());
        }

        /** The offset advances by the page size, so there must be one. */
        @Override
        List<Problem> problems(PaginationSettings settings) {
            return settings.fixedParams().limit() > 0 ? List.of() : List.of(new Problem(LIMIT_CONFIG,
                "must be greater than 0 with " + PAGINATION_TYPE_CONFIG + "=" + configValue()));
        }
    },
    SINCE("since", true, List.of(SINCE_POINTER_CONFIG, SINCE_PARAM_CONFIG, SINCE_INITIAL_CONFIG, SINCE_FILTER_CONFIG,
            SINCE_SOURCE_CONFIG, SINCE_NEXT_POINTER_CONFIG, SINCE_NEXT_HEADER_CONFIG), List.of()) {
        @Override
        Pagination create(PaginationSettings settings) {
            if (settings.sinceFromResponse()) {
                String pointer = settings.string(SINCE_NEXT_POINTER_CONFIG);
                return new ResponseSincePagination(pointer == null || pointer.isBlank() ? null
                    : settings.pointer(SINCE_NEXT_POINTER_CONFIG), blankToNull(settings.string(SINCE_NEXT_HEADER_CONFIG)),
                    settings.string(SINCE_PARAM_CONFIG), settings.string(SINCE_INITIAL_CONFIG), settings.fixedParams());
            }
            List<JsonPointer> sortPointers = settings.arrayPointers();
            return new SincePagination(sortPointers.isEmpty() ? settings.pointer(SINCE_POINTER_CONFIG) : null,
                sortPointers, settings.string(SINCE_PARAM_CONFIG), settings.string(SINCE_INITIAL_CONFIG),
                settings.sinceFilter(), settings.fixedParams());
        }

        /** The items' field, or where the response says the next watermark is: one of the two. */
        @Override
        List<Problem> problems(PaginationSettings settings) {
            List<Problem> problems = new ArrayList<>();
            String pointer = blankToNull(settings.string(SINCE_NEXT_POINTER_CONFIG));
            String header = blankToNull(settings.string(SINCE_NEXT_HEADER_CONFIG));
            if (!settings.sinceFromResponse()) {
                if (blankToNull(settings.string(SINCE_POINTER_CONFIG)) == null && !settings.arrayWatermark()) {
                    problems.add(new Problem(SINCE_POINTER_CONFIG, "is required with " + PAGINATION_TYPE_CONFIG
                        + "=" + configValue()));
                }
            } else if ((pointer == null) == (header == null)) {
                problems.add(new Problem(SINCE_NEXT_POINTER_CONFIG, "exactly one of it and "
                    + SINCE_NEXT_HEADER_CONFIG + " is required with " + SINCE_SOURCE_CONFIG + "=response"));
            } else if (header != null) {
                HeaderChecks.nameProblem(header).ifPresent(problem ->
                    problems.add(new Problem(SINCE_NEXT_HEADER_CONFIG, problem)));
            }
            return problems;
        }
    };

    private final String configValue;
    private final boolean positionsAreStable;
    private final List<String> keys;
    private final List<String> requiredKeys;

    PaginationType(String configValue, boolean positionsAreStable, List<String> keys, List<String> requiredKeys) {
        this.configValue = configValue;
        this.positionsAreStable = positionsAreStable;
        this.keys = keys;
        this.requiredKeys = requiredKeys;
    }

    @Override
    public String configValue() {
        return configValue;
    }

    /**
     * The exactly-once answer: whether a stored position keeps meaning the same items when the API changes between
     * requests. Cursors, next links and watermarks do; page numbers, offsets and 'none' shift when items are
     * inserted or deleted before the position.
     */
    public boolean positionsAreStable() {
        return positionsAreStable;
    }

    /** Whether {@code recorded}, the pagination value a source offset was written with, is this type. */
    public boolean wrote(String recorded) {
        return configValue.equals(recorded);
    }

    /** The pagination.* keys only this type reads (the page-size keys and max.pages serve every type). */
    public List<String> keys() {
        return keys;
    }

    /** The strategy; only called when {@link #problems} found none. */
    abstract Pagination create(PaginationSettings settings);

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The keys this type cannot do without, each missing one as a problem on its key. */
    List<Problem> problems(PaginationSettings settings) {
        List<Problem> problems = new ArrayList<>();
        for (String key : requiredKeys) {
            String value = settings.string(key);
            if (value == null || value.isBlank()) {
                problems.add(new Problem(key, "is required with " + PAGINATION_TYPE_CONFIG + "=" + configValue));
            }
        }
        return problems;
    }
}
