package dev.spillway.connect.rest.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** URL helpers: query parameters, same-origin checks, and the form of a URL that may appear in logs. */
public final class Urls {

    private Urls() {
    }

    /**
     * {@code link} with the characters a URI may not hold unencoded (controls, space, quote, angle brackets,
     * backslash, caret, backquote, braces, bar and non-ASCII) percent-encoded as UTF-8, as browsers send them;
     * everything else, {@code %} included, as it is.
     */
    public static String encodeIllegal(String link) {
        StringBuilder out = null;
        for (int i = 0; i < link.length(); i++) {
            char c = link.charAt(i);
            boolean illegal = c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0;
            if (illegal && out == null) {
                out = new StringBuilder(link.length() + 16).append(link, 0, i);
            }
            if (!illegal) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < link.length() ? i + 2 : i + 1;
            for (byte b : link.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
            i = end - 1;
        }
        return out == null ? link : out.toString();
    }

    /** Parses an absolute http(s) URL. @throws IllegalArgumentException with the reason otherwise */
    public static URI parseHttpUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            // Without the cause: its message quotes the whole URL, query and userinfo included.
            throw new IllegalArgumentException("not a valid URL: " + e.getReason() + " at index " + e.getIndex());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("not an http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            // Credentials in a URL end up in logs and offsets; the auth.* settings keep them secret.
            throw new IllegalArgumentException("the URL contains credentials; use the auth.* settings instead");
        }
        return uri;
    }

    /** {@code uri} with each parameter set (replacing any of the same name already in its query), values encoded. */
    public static URI withQueryParams(URI uri, Map<String, String> params) {
        if (params.isEmpty()) {
            return uri;
        }
        List<String> parts = new ArrayList<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String part : query.split("&")) {
                String name = URLDecoder.decode(part.split("=", 2)[0], StandardCharsets.UTF_8);
                if (!params.containsKey(name)) {
                    parts.add(part);
                }
            }
        }
        params.forEach((name, value) -> parts.add(encode(name) + "=" + encode(value)));
        String text = uri.toString();
        int cut = text.indexOf('#');
        String fragmentless = cut < 0 ? text : text.substring(0, cut);
        int question = fragmentless.indexOf('?');
        String base = question < 0 ? fragmentless : fragmentless.substring(0, question);
        return URI.create(base + "?" + String.join("&", parts));
    }

    /** The decoded value of the first query parameter {@code name} of {@code uri}, if there is one. */
    public static java.util.Optional<String> queryParam(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String part : query.split("&")) {
                String[] pair = part.split("=", 2);
                if (URLDecoder.decode(pair[0], StandardCharsets.UTF_8).equals(name)) {
                    return java.util.Optional.of(pair.length < 2 ? ""
                        : URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** {@code uri} without the query parameters named {@code name}, the others kept as they are. */
    public static URI withoutQueryParam(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return uri;
        }
        List<String> parts = new ArrayList<>();
        for (String part : query.split("&")) {
            if (!URLDecoder.decode(part.split("=", 2)[0], StandardCharsets.UTF_8).equals(name)) {
                parts.add(part);
            }
        }
        String text = uri.toString();
        int cut = text.indexOf('#');
        String fragmentless = cut < 0 ? text : text.substring(0, cut);
        String base = fragmentless.substring(0, fragmentless.indexOf('?'));
        return URI.create(parts.isEmpty() ? base : base + "?" + String.join("&", parts));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Whether both URLs have the same scheme, host and port: credentials may be sent to both. */
    public static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
            && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * Whether the URL's host is this machine: {@code localhost}, 127.0.0.0/8 or {@code [::1]}, judged from the
     * text alone (no DNS lookup, so a name that resolves to loopback elsewhere does not count).
     */
    public static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(java.util.Locale.ROOT);
        return host.equals("localhost") || host.matches("127(\\.\\d{1,3}){3}") || host.equals("[::1]")
            || host.equals("[0:0:0:0:0:0:0:1]");
    }

    /** What replaces a query value, userinfo or a query part without a name in {@link #redact}. */
    public static final String REDACTED = "***";

    /**
     * The form of a URL that may be logged, put in a record header or an exception: the query keeps its parameter
     * names but not their values ({@code ?page=***&token=***}), userinfo ({@code user:password@}) is replaced and
     * the fragment dropped, since APIs put tokens in all three. The one helper for every URL shown anywhere.
     */
    public static String redact(URI uri) {
        return uri == null ? "null" : redact(uri.toString());
    }

    /**
     * Userinfo whose password holds {@code /}, {@code ?} or {@code #} ({@code https://bob:pa/ss@host}), which the
     * split at those characters below would cut before its {@code @}: masked up to the first {@code @}. A colon
     * followed by digits up to the next delimiter is a port, not a password.
     */
    private static String maskOddUserInfo(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int hostStart = scheme + 3;
        int at = url.indexOf('@', hostStart);
        int colon = url.indexOf(':', hostStart);
        // An IPv6 literal ([::1]:8443) holds colons but no userinfo.
        if (at < 0 || colon < 0 || colon > at || url.startsWith("[", hostStart)) {
            return url;
        }
        for (int i = hostStart; i < colon; i++) {
            if ("/?#".indexOf(url.charAt(i)) >= 0) {
                return url;
            }
        }
        int end = colon + 1;
        while (end < url.length() && "/?#@".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        boolean port = end > colon + 1 && url.substring(colon + 1, end).chars().allMatch(Character::isDigit)
            && (end == url.length() || url.charAt(end) != '@');
        return port ? url : url.substring(0, hostStart) + REDACTED + url.substring(at);
    }

    /**
     * As {@link #redact(URI)}, for text that may not even parse as a URL: a relative path, a config entry such as
     * {@code name=https://user:pw@host/x?key=v}, or a value read back from an offset.
     */
    public static String redact(String url) {
        if (url == null) {
            return "null";
        }
        String text = maskOddUserInfo(url);
        int hash = text.indexOf('#');
        if (hash >= 0) {
            text = text.substring(0, hash);
        }
        String query = null;
        int question = text.indexOf('?');
        if (question >= 0) {
            query = text.substring(question + 1);
            text = text.substring(0, question);
        }
        int scheme = text.indexOf("://");
        if (scheme >= 0) {
            int hostStart = scheme + 3;
            int slash = text.indexOf('/', hostStart);
            int authorityEnd = slash < 0 ? text.length() : slash;
            int at = text.lastIndexOf('@', authorityEnd - 1);
            if (at >= hostStart) {
                text = text.substring(0, hostStart) + REDACTED + text.substring(at);
            }
        }
        if (query == null) {
            return text;
        }
        StringBuilder redacted = new StringBuilder(text).append('?');
        String[] parts = query.split("&", -1);
        for (int i = 0; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            // A part without '=' may be a bare token; only names of name=value pairs are kept.
            redacted.append(i == 0 ? "" : "&").append(equals < 0 ? REDACTED : parts[i].substring(0, equals + 1)
                + REDACTED);
        }
        return redacted.toString();
    }
}
