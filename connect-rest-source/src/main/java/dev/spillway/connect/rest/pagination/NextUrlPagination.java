package dev.spillway.connect.rest.pagination;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.rest.extract.ParsedPage;
import dev.spillway.connect.rest.net.MalformedPageException;
import dev.spillway.connect.rest.net.Urls;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The next page's URL comes from the API: from the body at a JSON pointer ({@code next-url}) or from an RFC 8288
 * {@code Link: <...>; rel="next"} header ({@code link-header}). Relative URLs are resolved against the page's URL.
 * A next URL on another origin (scheme, host, port) is refused: the request would carry the credentials there.
 */
public final class NextUrlPagination implements Pagination {

    static final String URL = "url";

    private final JsonPointer nextUrlPointer;
    private final FixedParams params;

    private NextUrlPagination(JsonPointer nextUrlPointer, FixedParams params) {
        this.nextUrlPointer = nextUrlPointer;
        this.params = params;
    }

    /** Next URL in the body at {@code pointer}. */
    public static NextUrlPagination fromBody(JsonPointer pointer, FixedParams params) {
        return new NextUrlPagination(pointer, params);
    }

    /** Next URL in the {@code Link} header. */
    public static NextUrlPagination fromLinkHeader(FixedParams params) {
        return new NextUrlPagination(null, params);
    }

    @Override
    public PaginationType kind() {
        return nextUrlPointer == null ? PaginationType.LINK_HEADER : PaginationType.NEXT_URL;
    }

    @Override
    public PageState first() {
        return PageState.empty();
    }

    /**
     * The API's own next URLs are followed as they are; only the first request gets the page size. A URL in the
     * state may come from a stored offset, which outlives a change of {@code http.base.url} and can be altered
     * through the offsets API, so it is held to the endpoint's origin on every request, as a live next link is.
     *
     * @throws IllegalArgumentException if the state's URL is unusable or on another origin than the endpoint
     */
    @Override
    public URI uri(URI endpoint, PageState state) {
        Optional<String> stored = state.string(URL);
        if (stored.isEmpty()) {
            return Urls.withQueryParams(endpoint, params.asMap());
        }
        URI next;
        try {
            next = Urls.parseHttpUrl(stored.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the next-page URL to resume from (" + Urls.redact(stored.get())
                + ") is not usable: " + e.getMessage());
        }
        if (!Urls.sameOrigin(next, endpoint)) {
            throw new IllegalArgumentException("the next-page URL to resume from, " + Urls.redact(next)
                + ", is on another origin than the endpoint " + Urls.redact(endpoint) + "; no request is sent"
                + " there, since it would carry the credentials");
        }
        return next;
    }

    @Override
    public Set<JsonPointer> bodyPointers() {
        return nextUrlPointer == null ? Set.of() : Set.of(nextUrlPointer);
    }

    @Override
    public Optional<PagePosition> next(PagePosition at, ParsedPage page) throws MalformedPageException {
        Optional<String> link = nextUrlPointer == null
            ? LinkHeader.next(page.headers().allValues("Link"))
            : page.scalar(nextUrlPointer.toString());
        if (link.isEmpty() || link.get().isBlank()) {
            return Optional.empty();
        }
        URI next;
        try {
            // As browsers do: a space or a '|' an API left unencoded is sent encoded, not refused.
            next = Urls.parseHttpUrl(page.uri().resolve(Urls.encodeIllegal(link.get().trim())).toString());
        } catch (IllegalArgumentException e) {
            // Neither the message of URI.resolve's exception nor the exception itself: both quote the whole link.
            String reason = e.getCause() instanceof java.net.URISyntaxException syntax
                ? syntax.getReason() + " at index " + syntax.getIndex() : e.getMessage();
            throw new MalformedPageException("the next-page link " + Urls.redact(link.get().trim())
                + " is not a usable URL: " + reason);
        }
        if (!Urls.sameOrigin(next, page.uri())) {
            throw new MalformedPageException("the next-page link " + Urls.redact(next) + " points to another origin"
                + " than " + Urls.redact(page.uri()) + "; refusing to send the credentials there");
        }
        return Optional.of(PagePosition.start(PageState.of(URL, next.toString())));
    }
}
