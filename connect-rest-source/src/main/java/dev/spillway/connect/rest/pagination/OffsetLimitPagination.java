package dev.spillway.connect.rest.pagination;

import dev.spillway.connect.rest.extract.ParsedPage;
import dev.spillway.connect.rest.net.Urls;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** {@code ?offset=0&limit=100}, {@code ?offset=100&limit=100}, ...: a short page ends the walk. */
public final class OffsetLimitPagination implements Pagination {

    static final String OFFSET = "offset";

    private final String offsetParam;
    private final FixedParams params;

    /** @param params must carry a limit: it is both the page size requested and the test for the last page */
    public OffsetLimitPagination(String offsetParam, FixedParams params) {
        if (params.limit() <= 0) {
            throw new IllegalArgumentException("offset-limit pagination needs a limit > 0");
        }
        this.offsetParam = offsetParam;
        this.params = params;
    }

    @Override
    public PaginationType kind() {
        return PaginationType.OFFSET_LIMIT;
    }

    @Override
    public PageState first() {
        return PageState.of(OFFSET, 0);
    }

    @Override
    public URI uri(URI endpoint, PageState state) {
        Map<String, String> query = params.with(offsetParam, state.number(OFFSET).orElse(0));
        return Urls.withQueryParams(endpoint, query);
    }

    @Override
    public Optional<PagePosition> next(PagePosition at, ParsedPage page) {
        int count = page.items().size();
        if (count < params.limit()) {
            return Optional.empty();
        }
        long offset = at.state().number(OFFSET).orElse(0);
        return Optional.of(PagePosition.start(PageState.of(OFFSET, offset + count)));
    }
}
