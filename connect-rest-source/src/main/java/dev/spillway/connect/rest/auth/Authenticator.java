package dev.spillway.connect.rest.auth;

import java.io.IOException;
import java.net.http.HttpRequest;

/** Adds credentials to each request. Implementations never log or print their secrets. */
public interface Authenticator {

    /**
     * Adds the credentials to {@code request}.
     *
     * @throws TokenRequestException the credentials could not be obtained (e.g. from an OAuth2 token endpoint)
     * @throws IOException           other I/O failure while obtaining them
     */
    void authenticate(HttpRequest.Builder request) throws IOException;

    /**
     * Called when the API answered 401: drops cached credentials so that the next {@link #authenticate} gets new
     * ones. Returns whether that can help, i.e. whether the request is worth sending once more; static
     * credentials would only be refused again.
     */
    default boolean renewAfterUnauthorized() {
        return false;
    }

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
