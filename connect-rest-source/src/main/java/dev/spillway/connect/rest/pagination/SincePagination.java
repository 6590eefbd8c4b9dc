package dev.spillway.connect.rest.pagination;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.rest.extract.Item;
import dev.spillway.connect.rest.extract.JsonText;
import dev.spillway.connect.rest.extract.ParsedPage;
import dev.spillway.connect.rest.net.MalformedPageException;
import dev.spillway.connect.rest.net.Urls;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Locale;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Incremental polling by watermark: an item field (a timestamp or an id) is sent as a query parameter on the next
 * request, e.g. {@code ?updated_since=2024-05-01T10:00:00Z}. The API must sort ascending by that field, ties in a
 * stable order (such as {@code ORDER BY updated_at, id}).
 *
 * <p><b>Position.</b> {@code since} is the value sent; {@code tie} the highest value emitted (omitted when it equals
 * {@code since}); {@code skip} how many items at {@code tie} have been emitted. Items of a page that provably were
 * emitted before are skipped, and only those: an item at {@code tie} up to {@code skip} of them, and, when
 * {@code since} is below {@code tie}, every item at {@code since} (it was passed completely before). Skipping by
 * value rather than by position is what makes one setting right for both kinds of API: an API filtering with
 * {@code >} (exclusive) returns no item at the watermark, so nothing is skipped and nothing lost; one filtering with
 * {@code >=} (inclusive) returns the items at the watermark again, and they are skipped, so nothing is repeated.
 *
 * <p><b>Ties across pages.</b> With {@link Filter#INCLUSIVE} the next request sends the highest value reached, and
 * the rest of a tie split by the page end comes back. An exclusive API would drop that rest, so with
 * {@link Filter#EXCLUSIVE} the next request sends the value just below the tie (the previous {@code tie}), which
 * returns the whole tie again. A full page of items already emitted cannot be walked past; with
 * {@code pagination.limit} set that is detected and fails the task with a message asking for a larger page.
 *
 * <p>Values compare as numbers when one is a number and the other reads as one, otherwise as strings (ISO-8601
 * timestamps in one zone and format sort correctly as strings).
 */
public final class SincePagination implements Pagination {

    /** The key of the watermark sent in the request, in the page state. */
    public static final String SINCE = "since";
    /** The key of the highest value emitted when it differs from {@link #SINCE}, in the page state. */
    public static final String TIE = "tie";

    /** How the API compares items with the watermark it is sent: the {@code pagination.since.filter} values. */
    public enum Filter implements ConfigChoice {
        /** {@code >=}: items at the watermark are returned again. */
        INCLUSIVE,
        /** {@code >}, such as Stripe's {@code created[gt]}: items at the watermark are not returned. */
        EXCLUSIVE;

        @Override
        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final JsonPointer fieldPointer;
    private final String sinceParam;
    private final String initial;
    private final Filter filter;
    private final FixedParams params;
    /** With {@code pagination.param.body.type=array}: the fields whose values, as one array, are the watermark. */
    private final List<JsonPointer> sortPointers;

    public SincePagination(JsonPointer fieldPointer, String sinceParam, String initial, FixedParams params) {
        this(fieldPointer, sinceParam, initial, Filter.INCLUSIVE, params);
    }

    public SincePagination(JsonPointer fieldPointer, String sinceParam, String initial, Filter filter,
                           FixedParams params) {
        this(fieldPointer, List.of(), sinceParam, initial, filter, params);
    }

    /**
     * A walk whose watermark is the array of the values at {@code sortPointers} when there are any (compared
     * element by element), else the value at {@code fieldPointer}.
     */
    public SincePagination(JsonPointer fieldPointer, List<JsonPointer> sortPointers, String sinceParam,
                           String initial, Filter filter, FixedParams params) {
        this.sortPointers = List.copyOf(sortPointers);
        this.fieldPointer = fieldPointer;
        this.sinceParam = sinceParam;
        this.initial = initial == null || initial.isEmpty() ? null : initial;
        this.filter = filter;
        this.params = params;
    }

    @Override
    public PaginationType kind() {
        return PaginationType.SINCE;
    }

    @Override
    public PageState first() {
        return initial == null ? PageState.empty() : PageState.of(SINCE, initial);
    }

    @Override
    public URI uri(URI endpoint, PageState state) {
        return Urls.withQueryParams(endpoint, params.with(sinceParam, state.string(SINCE).orElse(null)));
    }

    @Override
    public PageProgress progress(PagePosition at) {
        return new Progress(at);
    }

    @Override
    public Optional<PagePosition> next(PagePosition at, ParsedPage page) throws MalformedPageException {
        if (page.items().isEmpty()) {
            return Optional.empty();
        }
        PageProgress progress = progress(at);
        for (int i = 0; i < page.items().size(); i++) {
            progress.alreadyEmitted(page.items().get(i), i);
        }
        PagePosition next = progress.position();
        if (params.limit() > 0 && page.items().size() >= params.limit() && next.equals(at)) {
            // A full page of items emitted before: the same request would return the same page forever.
            throw new MalformedPageException("a full page of " + page.items().size() + " items were all emitted"
                + " before (at since value " + at.state().string(TIE).or(() -> at.state().string(SINCE)).orElse("")
                + "), so the watermark cannot advance past them; raise pagination.limit above the number of items"
                + " sharing one value");
        }
        return Optional.of(next);
    }

    /**
     * Whether this page, read at {@code at} with {@link Filter#INCLUSIVE}, shows that the API filters with
     * {@code >}: items at the watermark were emitted before, yet none came back and every item returned lies above
     * it. (An inclusive API returns them again, unless they were deleted meanwhile.) Ties split by a page end are
     * then lost, which the user should hear of, since only the setting fixes it.
     */
    public boolean looksExclusive(PagePosition at, ParsedPage page) throws MalformedPageException {
        Optional<String> watermark = at.state().string(SINCE);
        if (filter != Filter.INCLUSIVE || at.skip() == 0 || watermark.isEmpty() || page.items().isEmpty()
                || at.state().string(TIE).isPresent()) {
            return false;
        }
        for (int i = 0; i < page.items().size(); i++) {
            if (compare(value(page.items().get(i), i), watermark.get()) <= 0) {
                return false;
            }
        }
        return true;
    }

    private Object value(Item item, int index) throws MalformedPageException {
        if (!sortPointers.isEmpty()) {
            List<Object> values = new ArrayList<>(sortPointers.size());
            for (JsonPointer pointer : sortPointers) {
                Object value = item.at(pointer).orElse(null);
                if (!(value instanceof String) && !(value instanceof Number)) {
                    throw new MalformedPageException("item " + index + " has no string or number at '" + pointer
                        + "' of pagination.param.body.array.pointers, so the watermark cannot advance past it");
                }
                values.add(value);
            }
            return values;
        }
        Object value = item.at(fieldPointer).orElse(null);
        if (!(value instanceof String) && !(value instanceof Number)) {
            throw new MalformedPageException("item " + index + " has no string or number at since pointer '"
                + fieldPointer + "', so the watermark cannot advance past it");
        }
        return value;
    }

    /** The walk through one page: what was emitted before, and the position after each item. */
    private final class Progress implements PageProgress {

        private final PagePosition at;
        /** The watermark the page was requested with; null for a request without one. */
        private final String requested;
        /** The highest value emitted before this page, and how many items at it were. */
        private final String emittedTie;
        private final long emittedAtTie;
        private long skippedAtTie;

        private String since;
        private Object tie;
        private long atTie;

        Progress(PagePosition at) {
            this.at = at;
            this.requested = at.state().string(SINCE).orElse(null);
            // Offsets without a tie (all offsets written before ties were kept apart) have their tie at since.
            this.emittedTie = at.state().string(TIE).orElse(requested);
            this.emittedAtTie = at.skip();
            this.since = requested;
            this.tie = emittedTie;
            this.atTie = emittedAtTie;
        }

        @Override
        public boolean alreadyEmitted(Item item, int index) throws MalformedPageException {
            Object value = value(item, index);
            if (requested != null && !requested.equals(emittedTie) && compare(value, requested) == 0) {
                // The requested value lies below the tie, so all its items were emitted (an inclusive API).
                return true;
            }
            if (emittedTie != null && compare(value, emittedTie) == 0 && skippedAtTie < emittedAtTie) {
                skippedAtTie++;
                return true;
            }
            if (tie == null || compare(value, tie) > 0) {
                // A higher value: every item at the previous tie has been passed.
                if (filter == Filter.INCLUSIVE) {
                    since = text(value);
                } else if (tie != null) {
                    since = text(tie);
                }
                tie = value;
                atTie = 1;
            } else if (compare(value, tie) == 0) {
                atTie++;
            } else if (filter == Filter.EXCLUSIVE && (since == null || compare(value, since) > 0)) {
                // A value below the tie, published late: sending it still returns the whole tie, and no longer
                // this item, which would otherwise come back on every walk until the watermark moves on.
                since = text(value);
            }
            // Otherwise a lower value (an API that ignores the watermark) is emitted and leaves the position as is.
            return false;
        }

        @Override
        public PagePosition position() {
            if (tie == null) {
                return at;
            }
            Map<String, Object> state = new TreeMap<>();
            String tieText = text(tie);
            if (since != null) {
                state.put(SINCE, since);
            }
            if (!tieText.equals(since)) {
                state.put(TIE, tieText);
            }
            return new PagePosition(PageState.fromValues(state), atTie);
        }
    }

    /**
     * Numbers numerically (also against text that reads as a number), arrays of sort values element by element
     * (also against their JSON text, as stored), anything else by its text.
     */
    static int compare(Object a, Object b) {
        if (a instanceof List<?> || b instanceof List<?>) {
            return SortValues.compare(sortValues(a), sortValues(b), SincePagination::compare);
        }
        if (a instanceof Number || b instanceof Number) {
            BigDecimal x = decimal(a);
            BigDecimal y = decimal(b);
            if (x != null && y != null) {
                return x.compareTo(y);
            }
        }
        return text(a).compareTo(text(b));
    }

    private static BigDecimal decimal(Object value) {
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<?> sortValues(Object value) {
        return value instanceof List<?> list ? list : SortValues.parse(String.valueOf(value));
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return SortValues.text(list);
        }
        return value instanceof Number number ? JsonText.number(number) : String.valueOf(value);
    }
}
