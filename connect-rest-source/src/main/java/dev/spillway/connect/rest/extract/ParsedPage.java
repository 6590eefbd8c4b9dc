package dev.spillway.connect.rest.extract;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One response, read: its items (from the records pointer), the scalar values found at the pointers the pagination
 * strategy asked for (keyed by pointer text) and the response headers.
 */
public record ParsedPage(URI uri, List<Item> items, Map<String, String> scalars, HttpHeaders headers) {

    public ParsedPage {
        items = List.copyOf(items);
        scalars = Map.copyOf(scalars);
    }

    /** A response with no content (HTTP 204): a page without items, which ends the walk like any empty page. */
    public static ParsedPage noContent(URI uri, HttpHeaders headers) {
        return new ParsedPage(uri, List.of(), Map.of(), headers);
    }

    /** The scalar at {@code pointer} (as given to {@link PageParser}); empty if absent or JSON {@code null}. */
    public Optional<String> scalar(String pointer) {
        return Optional.ofNullable(scalars.get(pointer));
    }
}
