package dev.spillway.connect.rest.http;

import dev.spillway.connect.rest.net.HeaderChecks;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The headers configured for an endpoint's requests ({@code http.request.headers}, {@code
 * http.request.headers.secret}, {@code endpoint.<name>.request.headers}), each {@code Name: value}.
 *
 * <p>A header may be secret (it came from a password setting): its value is never shown, only its name, so this
 * class's {@link #toString()} and every problem message name headers without their values.
 */
public final class RequestHeaders {

    public static final RequestHeaders NONE = new RequestHeaders(List.of());

    /** One header; {@code secret} if it came from a password setting. */
    public record Header(String name, String value, boolean secret) {
        @Override
        public String toString() {
            return name + ": " + (secret ? "[hidden]" : value);
        }
    }

    private final List<Header> headers;

    private RequestHeaders(List<Header> headers) {
        this.headers = List.copyOf(headers);
    }

    /**
     * Parses {@code Name: value} entries.
     *
     * @throws IllegalArgumentException naming the first unusable entry by its position and name, never by value
     */
    public static RequestHeaders parse(Collection<String> entries, boolean secret) {
        List<Header> parsed = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        int index = 0;
        for (String entry : entries) {
            int position = ++index;
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("entry " + position + " is not 'Name: value' (no ':')");
            }
            String name = entry.substring(0, colon).trim();
            // Optional whitespace around a header value is not part of it (RFC 9110 5.5).
            String value = entry.substring(colon + 1).strip();
            String shownName = HeaderChecks.nameProblem(name).isPresent() ? "entry " + position : "header " + name;
            HeaderChecks.nameProblem(name).ifPresent(problem -> {
                throw new IllegalArgumentException("entry " + position + ": the name " + problem);
            });
            HeaderChecks.valueProblem(value).ifPresent(problem -> {
                throw new IllegalArgumentException(shownName + ": the value " + problem);
            });
            if (seen.putIfAbsent(name.toLowerCase(Locale.ROOT), position) != null) {
                throw new IllegalArgumentException(shownName + " is given twice");
            }
            parsed.add(new Header(name, value, secret));
        }
        return new RequestHeaders(parsed);
    }

    /** These headers with {@code others} added: a header of {@code others} replaces one of the same name. */
    public RequestHeaders with(RequestHeaders others) {
        if (others.headers.isEmpty()) {
            return this;
        }
        Map<String, Header> merged = new LinkedHashMap<>();
        headers.forEach(header -> merged.put(header.name().toLowerCase(Locale.ROOT), header));
        others.headers.forEach(header -> merged.put(header.name().toLowerCase(Locale.ROOT), header));
        return new RequestHeaders(new ArrayList<>(merged.values()));
    }

    /** The names both have, in lower case, e.g. a header given both as a plain and a secret one. */
    public List<String> sharedNames(RequestHeaders others) {
        List<String> shared = new ArrayList<>();
        for (Header header : headers) {
            for (Header other : others.headers) {
                if (header.name().equalsIgnoreCase(other.name())) {
                    shared.add(header.name());
                }
            }
        }
        return shared;
    }

    /** Sets every header on {@code request}, replacing the client's defaults such as {@code Accept}. */
    public void apply(HttpRequest.Builder request) {
        headers.forEach(header -> request.setHeader(header.name(), header.value()));
    }

    public List<Header> headers() {
        return headers;
    }

    public boolean isEmpty() {
        return headers.isEmpty();
    }

    /** The names of the headers, for logs: values stay out, since any of them may be a secret. */
    public List<String> names() {
        return headers.stream().map(Header::name).toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RequestHeaders that && headers.equals(that.headers);
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    @Override
    public String toString() {
        return names().toString();
    }
}
