package dev.spillway.connect.rest.http;

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

    /** Parses an absolute http(s) URL. @throws IllegalArgumentException with the reason otherwise */
    public static URI parseHttpUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + e.getReason(), e);
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

    /** The URL without query and fragment, where tokens tend to live: the only form that is logged. */
    public static String redact(URI uri) {
        String text = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
            + (uri.getRawPath() == null ? "" : uri.getRawPath());
        return uri.getRawQuery() == null ? text : text + "?…";
    }
}
