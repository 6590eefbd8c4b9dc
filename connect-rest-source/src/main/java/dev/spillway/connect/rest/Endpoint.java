package dev.spillway.connect.rest;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.rest.http.BodyTemplate;
import dev.spillway.connect.rest.extract.ResponseFormat;
import dev.spillway.connect.rest.http.RequestHeaders;
import dev.spillway.connect.rest.http.RequestMethod;
import dev.spillway.connect.rest.http.Template;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One polled endpoint: its name (the source partition and the default topic), its URL, its topic, where its
 * items are in a response, and how it is asked: the headers, the method, the JSON body (null for none) and the
 * templated query parameters of its requests, and the layout of its responses.
 */
public record Endpoint(String name, URI url, String topic, JsonPointer recordsPointer, RequestHeaders headers,
                       RequestMethod method, BodyTemplate body, Map<String, Template> params, ResponseFormat format) {

    public Endpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(recordsPointer, "recordsPointer");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(format, "format");
        // In the configured order, so requests are the same every time.
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    /** An endpoint whose requests carry no configured headers. */
    public Endpoint(String name, URI url, String topic, JsonPointer recordsPointer) {
        this(name, url, topic, recordsPointer, RequestHeaders.NONE, RequestMethod.GET, null, Map.of(), ResponseFormat.JSON);
    }
}
