package dev.spillway.connect.rest.pagination;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.rest.extract.ParsedPage;
import dev.spillway.connect.rest.net.Urls;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The body carries the next cursor at a JSON pointer ({@code /next_cursor}); it is sent back as a query parameter.
 * A missing, null or empty cursor ends the walk.
 */
public final class CursorPagination implements Pagination {

    static final String CURSOR = "cursor";

    private final JsonPointer cursorPointer;
    private final String cursorParam;
    private final FixedParams params;

    public CursorPagination(JsonPointer cursorPointer, String cursorParam, FixedParams params) {
        this.cursorPointer = cursorPointer;
        this.cursorParam = cursorParam;
        this.params = params;
    }

    @Override
    public PaginationType kind() {
        return PaginationType.CURSOR;
    }

    @Override
    public PageState first() {
        return PageState.empty();
    }

    @Override
    public URI uri(URI endpoint, PageState state) {
        return Urls.withQueryParams(endpoint, params.with(cursorParam, state.string(CURSOR).orElse(null)));
    }

    @Override
    public Set<JsonPointer> bodyPointers() {
        return Set.of(cursorPointer);
    }

    @Override
    public Optional<PagePosition> next(PagePosition at, ParsedPage page) {
        return page.scalar(cursorPointer.toString())
            .filter(cursor -> !cursor.isEmpty())
            .map(cursor -> PagePosition.start(PageState.of(CURSOR, cursor)));
    }
}
