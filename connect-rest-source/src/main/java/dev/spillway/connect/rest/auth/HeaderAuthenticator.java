package dev.spillway.connect.rest.auth;

import org.apache.kafka.common.config.types.Password;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** Credentials in one request header: {@code basic}, {@code bearer} and {@code api-key} authentication. */
public final class HeaderAuthenticator implements Authenticator {

    private final String header;
    private final Password value;
    private final String description;

    private HeaderAuthenticator(String header, Password value, String description) {
        this.header = Objects.requireNonNull(header, "header");
        this.value = Objects.requireNonNull(value, "value");
        this.description = description;
    }

    /** {@code Authorization: Basic base64(user:password)} (RFC 7617). */
    public static HeaderAuthenticator basic(String username, Password password) {
        String credentials = username + ":" + password.value();
        String encoded = Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        return new HeaderAuthenticator("Authorization", new Password("Basic " + encoded),
            "basic (user " + username + ")");
    }

    /** {@code Authorization: Bearer <token>} (RFC 6750). */
    public static HeaderAuthenticator bearer(Password token) {
        return new HeaderAuthenticator("Authorization", new Password("Bearer " + token.value()), "bearer");
    }

    /** {@code <header>: <key>}, e.g. {@code X-API-Key}. */
    public static HeaderAuthenticator apiKey(String header, Password key) {
        return new HeaderAuthenticator(header, key, "api-key (header " + header + ")");
    }

    @Override
    public void authenticate(HttpRequest.Builder request) {
        request.setHeader(header, value.value());
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return describe();
    }
}
