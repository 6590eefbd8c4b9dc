package dev.spillway.connect.rest;

import com.fasterxml.jackson.core.JsonPointer;

import java.net.URI;
import java.util.Objects;

/**
 * One polled endpoint: its name (the source partition and the default topic), its URL, its topic and where its
 * items are in a response.
 */
public record Endpoint(String name, URI url, String topic, JsonPointer recordsPointer) {

    public Endpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(recordsPointer, "recordsPointer");
    }
}
