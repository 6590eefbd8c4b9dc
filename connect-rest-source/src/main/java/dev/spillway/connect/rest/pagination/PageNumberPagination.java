package dev.spillway.connect.rest.pagination;

import dev.spillway.connect.rest.extract.ParsedPage;
import dev.spillway.connect.rest.net.Urls;

import java.net.URI;
import java.util.Optional;

/**
 * {@code ?page=1}, {@code ?page=2}, ...: the walk ends at an empty page, or at a short page when the page size
 * ({@code pagination.limit}) is known. The position stays on the last page, so items appended to it are found.
 */
public final class PageNumberPagination implements Pagination {

    static final String PAGE = "page";

    private final String pageParam;
    private final long firstPage;
    private final FixedParams params;

    public PageNumberPagination(String pageParam, long firstPage, FixedParams params) {
        this.pageParam = pageParam;
        this.firstPage = firstPage;
        this.params = params;
    }

    @Override
    public PaginationType kind() {
        return PaginationType.PAGE_NUMBER;
    }

    @Override
    public PageState first() {
        return PageState.of(PAGE, firstPage);
    }

    @Override
    public URI uri(URI endpoint, PageState state) {
        return Urls.withQueryParams(endpoint, params.with(pageParam, state.number(PAGE).orElse(firstPage)));
    }

    @Override
    public Optional<PagePosition> next(PagePosition at, ParsedPage page) {
        if (page.items().isEmpty() || params.limit() > 0 && page.items().size() < params.limit()) {
            return Optional.empty();
        }
        long current = at.state().number(PAGE).orElse(firstPage);
        return Optional.of(PagePosition.start(PageState.of(PAGE, current + 1)));
    }
}
