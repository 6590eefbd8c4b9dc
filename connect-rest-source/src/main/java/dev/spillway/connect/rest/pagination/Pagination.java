package dev.spillway.connect.rest.pagination;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.rest.extract.ParsedPage;
import dev.spillway.connect.rest.net.MalformedPageException;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * How an endpoint is walked page by page. A strategy is stateless: the state of a walk is the {@link PageState} of
 * the page being read, which is also what goes into source offsets.
 *
 * <p>The walk itself, with its guards (a repeated position, an empty page, {@code max.pages}) and the wait of
 * {@code poll.interval.ms} after the last page, belongs to the caller, so every strategy gets them alike.
 */
public interface Pagination {

    /** The {@code pagination.type} this strategy implements. */
    PaginationType kind();

    /** The {@code pagination.type} value, as stored in source offsets. */
    default String type() {
        return kind().configValue();
    }

    /** The state of an endpoint's first request ever, when no offset is stored. */
    PageState first();

    /**
     * The URL that fetches the page of {@code state}.
     *
     * @throws IllegalArgumentException if the state (e.g. from a stored offset) cannot be requested safely
     */
    URI uri(URI endpoint, PageState state);

    /** Pointers to scalars in the body that {@link #next} reads; the parser captures them in its single pass. */
    default Set<JsonPointer> bodyPointers() {
        return Set.of();
    }

    /**
     * The position of the page after the one read at {@code at}; empty when this page is the last one for now.
     * Strategies that compute the next page themselves (page numbers, offsets, watermarks) return empty for an empty
     * page; those that follow the API's links return the link, so the caller can warn about an empty page that
     * links onwards.
     *
     * @throws MalformedPageException if the page's pagination data cannot be used
     */
    Optional<PagePosition> next(PagePosition at, ParsedPage page) throws MalformedPageException;

    /**
     * Whether a position of this strategy stays valid when the API changes between requests, so that a re-read from
     * a stored offset returns exactly the items not yet emitted. Cursors, next links and watermarks do; page numbers
     * and offsets shift when items are inserted or deleted before them.
     */
    default boolean positionsAreStable() {
        return kind().positionsAreStable();
    }

    /**
     * Decides, item by item, which items of a page read at {@code at} were emitted already, and where a restart
     * resumes after each. By default the first {@code at.skip()} items are skipped, which holds when the same
     * request returns the same items in the same order.
     */
    default PageProgress progress(PagePosition at) {
        return PageProgress.byCount(at);
    }
}
