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

    /** The scalar at {@code pointer} (as given to {@link PageParser}); empty if absent or JSON {@code null}. */
    public Optional<String> scalar(String pointer) {
        return Optional.ofNullable(scalars.get(pointer));
    }
}
