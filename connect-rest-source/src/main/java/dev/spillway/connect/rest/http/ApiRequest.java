package dev.spillway.connect.rest.http;

import java.net.URI;
import java.util.Objects;

/**
 * One request for a page: the method, the URL with its query, the JSON body of a POST (null for none) and the
 * configured headers, pagination's own header included.
 */
public record ApiRequest(RequestMethod method, URI uri, byte[] body, RequestHeaders headers) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
    }

    /** A GET of {@code uri} with {@code headers}. */
    public static ApiRequest get(URI uri, RequestHeaders headers) {
        return new ApiRequest(RequestMethod.GET, uri, null, headers);
    }
}
