package dev.spillway.connect.rest;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.rest.http.RequestHeaders;

import java.net.URI;
import java.util.Objects;

/**
 * One polled endpoint: its name (the source partition and the default topic), its URL, its topic, where its
 * items are in a response and the headers its requests carry.
 */
public record Endpoint(String name, URI url, String topic, JsonPointer recordsPointer, RequestHeaders headers) {

    public Endpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(recordsPointer, "recordsPointer");
        Objects.requireNonNull(headers, "headers");
    }

    /** An endpoint whose requests carry no configured headers. */
    public Endpoint(String name, URI url, String topic, JsonPointer recordsPointer) {
        this(name, url, topic, recordsPointer, RequestHeaders.NONE);
    }
}
