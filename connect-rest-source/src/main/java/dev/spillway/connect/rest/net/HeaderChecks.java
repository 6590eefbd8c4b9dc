package dev.spillway.connect.rest.net;

import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a configured header name or value can go into a request. {@code java.net.http} throws from the request
 * builder on a value with a line break and on names it manages itself ({@code Host}, {@code Content-Length}, ...):
 * found only when the first request is built, inside {@code poll()}. These checks run at validate time instead, and
 * their messages never quote the value, which is usually a secret.
 */
public final class HeaderChecks {

    /**
     * Hop-by-hop headers (RFC 9110 7.6.1) and those the client sets from the request itself: a credential in one of
     * them would be dropped, rewritten or break the connection, whether or not this JDK refuses it.
     */
    private static final Set<String> RESERVED = Set.of("connection", "content-length", "expect", "host",
        "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "http2-settings");

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    private HeaderChecks() {
    }

    /** Why {@code name} cannot carry a credential header, or empty if it can. */
    public static Optional<String> nameProblem(String name) {
        if (name == null || !name.matches(TOKEN)) {
            return Optional.of("is not an HTTP header name (letters, digits and !#$%&'*+.^_`|~- only)");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("names a header the HTTP client manages itself (hop-by-hop or restricted); use a"
                + " header of the API, e.g. X-API-Key");
        }
        try {
            HttpRequest.newBuilder().header(name, "x");
        } catch (IllegalArgumentException e) {
            return Optional.of("names a header the HTTP client refuses to set (restricted by the JDK)");
        }
        return Optional.empty();
    }

    /** Why {@code value} cannot be a header value, or empty if it can; never quotes the value. */
    public static Optional<String> valueProblem(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                return Optional.of("contains a line break (CR or LF), e.g. a trailing newline copied from a file");
            }
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return Optional.of("contains a control character");
            }
            if (c > 0xff) {
                return Optional.of("contains a character outside ISO-8859-1, which an HTTP header cannot carry");
            }
        }
        try {
            HttpRequest.newBuilder().header("X-Spillway-Check", value);
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a valid HTTP header value");
        }
        return Optional.empty();
    }
}
