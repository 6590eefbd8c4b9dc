package dev.spillway.connect.rest.pagination;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.rest.extract.Item;
import dev.spillway.connect.rest.extract.MalformedPageException;
import dev.spillway.connect.rest.extract.ParsedPage;
import dev.spillway.connect.rest.http.Urls;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Optional;

/**
 * Incremental polling by watermark: the highest value of an item field (a timestamp or an id) is sent as a query
 * parameter on the next request, e.g. {@code ?updated_since=2024-05-01T10:00:00Z}.
 *
 * <p><b>Ties.</b> Several items may share the watermark value, and a page may end in the middle of them. The API
 * must therefore filter inclusively ({@code >=}) and sort ascending by the field, ties in a stable order (such as
 * {@code ORDER BY updated_at, id}). The next position is then {@code since=<max>} with {@code skip=<number of
 * items at max already emitted>}: the re-read returns those items first and they are skipped by count. Counting
 * rather than remembering ids keeps the offset small; it needs the stable tie order. A full page of items at one
 * value cannot be walked past; with {@code pagination.limit} set that is detected and fails the task with a
 * message asking for a larger page (without a known page size the walk would stop there; see the docs).
 *
 * <p>Values compare as numbers when both are numbers, otherwise as strings (ISO-8601 timestamps in one zone and
 * format sort correctly as strings).
 */
public final class SincePagination implements Pagination {

    public static final String TYPE = "since";
    /** The key of the watermark in the page state. */
    public static final String SINCE = "since";

    private final JsonPointer fieldPointer;
    private final String sinceParam;
    private final String initial;
    private final FixedParams params;

    public SincePagination(JsonPointer fieldPointer, String sinceParam, String initial, FixedParams params) {
        this.fieldPointer = fieldPointer;
        this.sinceParam = sinceParam;
        this.initial = initial == null || initial.isEmpty() ? null : initial;
        this.params = params;
    }

    @Override
    public String type() {
        return TYPE;
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
    public Optional<PagePosition> next(PagePosition at, ParsedPage page) throws MalformedPageException {
        if (page.items().isEmpty()) {
            return Optional.empty();
        }
        Object max = null;
        for (int i = 0; i < page.items().size(); i++) {
            Object value = value(page.items().get(i), i);
            if (max == null || compare(value, max) > 0) {
                max = value;
            }
        }
        long ties = 0;
        for (int i = 0; i < page.items().size(); i++) {
            if (compare(value(page.items().get(i), i), max) == 0) {
                ties++;
            }
        }
        String watermark = text(max);
        if (params.limit() > 0 && ties >= params.limit() && at.state().string(SINCE).orElse("").equals(watermark)) {
            // A full page of items at the watermark: the same request would return the same page forever.
            throw new MalformedPageException("a full page of " + ties + " items all have since value " + watermark
                + ", so the watermark cannot advance past them; raise pagination.limit above the number of items"
                + " sharing one value");
        }
        return Optional.of(new PagePosition(PageState.of(SINCE, watermark), ties));
    }

    private Object value(Item item, int index) throws MalformedPageException {
        Object value = item.at(fieldPointer).orElse(null);
        if (!(value instanceof String) && !(value instanceof Number)) {
            throw new MalformedPageException("item " + index + " has no string or number at since pointer '"
                + fieldPointer + "', so the watermark cannot advance past it");
        }
        return value;
    }

    /** Numbers numerically, anything else by its text. */
    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        return text(a).compareTo(text(b));
    }

    private static String text(Object value) {
        return String.valueOf(value);
    }

    @Override
    public boolean positionsAreStable() {
        return true;
    }
}
