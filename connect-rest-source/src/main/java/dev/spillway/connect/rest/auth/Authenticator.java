package dev.spillway.connect.rest.auth;

import java.net.http.HttpRequest;

/** Adds credentials to each request. Implementations never log or print their secrets. */
public interface Authenticator {

    void authenticate(HttpRequest.Builder request);

    /** For logs: the scheme, never the secret. */
    String describe();

    Authenticator NONE = new Authenticator() {
        @Override
        public void authenticate(HttpRequest.Builder request) {
        }

        @Override
        public String describe() {
            return "none";
        }
    };
}
