package dev.spillway.connect.rest.pagination;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.rest.extract.ParsedPage;
import dev.spillway.connect.rest.net.MalformedPageException;
import dev.spillway.connect.rest.net.ServerText;
import dev.spillway.connect.rest.net.Urls;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Incremental exports that say where to continue: each response carries the next watermark, at a JSON pointer in
 * the body ({@code /end_time}) or in a header, and the next request sends it back as {@code pagination.since.param}
 * (Zendesk's {@code start_time}/{@code end_time}). The state is the watermark sent, as with item-sourced
 * {@code since}; items of a page are counted, so a restart re-sends the same watermark and skips the items
 * emitted from that page before, which holds when the same request returns the same items in the same order.
 *
 * <p>The walk ends when a page is empty, when the response gives no watermark or the one just sent (nothing
 * newer yet), and it is asked again after {@code poll.interval.ms} from the same watermark: no item is skipped.
 */
public final class ResponseSincePagination implements Pagination {

    private final JsonPointer nextPointer;
    private final String nextHeader;
    private final String sinceParam;
    private final String initial;
    private final FixedParams params;

    /** Exactly one of {@code nextPointer} and {@code nextHeader} is set. */
    public ResponseSincePagination(JsonPointer nextPointer, String nextHeader, String sinceParam, String initial,
                                   FixedParams params) {
        this.nextPointer = nextPointer;
        this.nextHeader = nextHeader;
        this.sinceParam = sinceParam;
        this.initial = initial == null || initial.isEmpty() ? null : initial;
        this.params = params;
    }

    @Override
    public PaginationType kind() {
        return PaginationType.SINCE;
    }

    @Override
    public PageState first() {
        return initial == null ? PageState.empty() : PageState.of(SincePagination.SINCE, initial);
    }

    @Override
    public URI uri(URI endpoint, PageState state) {
        return Urls.withQueryParams(endpoint, params.with(sinceParam,
            state.string(SincePagination.SINCE).orElse(null)));
    }

    @Override
    public Set<JsonPointer> bodyPointers() {
        return nextPointer == null ? Set.of() : Set.of(nextPointer);
    }

    @Override
    public Optional<PagePosition> next(PagePosition at, ParsedPage page) throws MalformedPageException {
        if (page.items().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> next = nextPointer != null ? page.scalar(nextPointer.toString())
            : page.headers().firstValue(nextHeader).map(String::trim);
        if (next.isEmpty() || next.get().isEmpty()) {
            return Optional.empty();
        }
        if (next.get().length() > 1000) {
            throw new MalformedPageException("the next watermark " + ServerText.quote(next.get()) + " is longer"
                + " than 1000 characters");
        }
        if (next.get().equals(at.state().string(SincePagination.SINCE).orElse(null))) {
            return Optional.empty();
        }
        return Optional.of(PagePosition.start(PageState.of(SincePagination.SINCE, next.get())));
    }
}
