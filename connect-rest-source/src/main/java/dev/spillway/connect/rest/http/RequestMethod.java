package dev.spillway.connect.rest.http;

import dev.spillway.connect.common.config.ConfigChoice;

/** The HTTP method of an endpoint's requests ({@code http.request.method}). */
public enum RequestMethod implements ConfigChoice {
    GET,
    /** For APIs that read with a body: GraphQL, search APIs. Retried like GET, since such a request only reads. */
    POST;

    @Override
    public String configValue() {
        return name();
    }
}
