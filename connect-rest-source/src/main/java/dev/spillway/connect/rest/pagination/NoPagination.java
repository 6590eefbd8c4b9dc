package dev.spillway.connect.rest.pagination;

import dev.spillway.connect.rest.extract.ParsedPage;
import dev.spillway.connect.rest.net.Urls;

import java.net.URI;
import java.util.Optional;

/**
 * One request per walk. The endpoint is treated as an append-only list: items already emitted (counted in the
 * offset) are skipped on the next walk, so only new items at its end are emitted.
 */
public final class NoPagination implements Pagination {


    private final FixedParams params;

    public NoPagination(FixedParams params) {
        this.params = params;
    }

    @Override
    public PaginationType kind() {
        return PaginationType.NONE;
    }

    @Override
    public PageState first() {
        return PageState.empty();
    }

    @Override
    public URI uri(URI endpoint, PageState state) {
        return Urls.withQueryParams(endpoint, params.asMap());
    }

    @Override
    public Optional<PagePosition> next(PagePosition at, ParsedPage page) {
        return Optional.empty();
    }
}
