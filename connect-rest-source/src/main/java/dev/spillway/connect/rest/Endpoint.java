package dev.spillway.connect.rest;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.rest.net.Urls;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

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

    /**
     * One entry of the {@code endpoints} list: {@code name=path-or-url} or just {@code path-or-url}, whose name is
     * then derived from the path ({@code /v1/orders} becomes {@code v1.orders}).
     */
    record Spec(String name, String target) {

        static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
        private static final Pattern EXPLICIT = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*)=(.*)");

        /** @throws IllegalArgumentException with the reason if the entry is unusable */
        static Spec parse(String entry) {
            String text = entry.trim();
            if (text.isEmpty()) {
                throw new IllegalArgumentException("an endpoint entry is empty");
            }
            var explicit = EXPLICIT.matcher(text);
            if (explicit.matches() && !explicit.group(2).isBlank()
                    && (explicit.group(2).startsWith("/") || explicit.group(2).contains("://"))) {
                return new Spec(explicit.group(1), explicit.group(2).trim());
            }
            if (!text.startsWith("/") && !text.contains("://")) {
                throw new IllegalArgumentException("endpoint '" + Urls.redact(text) + "' is neither a path starting"
                    + " with '/', a full http(s) URL, nor name=<path or URL>");
            }
            return new Spec(deriveName(text), text);
        }

        private static String deriveName(String target) {
            String path = target;
            int scheme = path.indexOf("://");
            if (scheme >= 0) {
                int slash = path.indexOf('/', scheme + 3);
                path = slash < 0 ? "" : path.substring(slash);
            }
            int query = path.indexOf('?');
            if (query >= 0) {
                path = path.substring(0, query);
            }
            String name = path.replaceAll("^/+|/+$", "").replace('/', '.')
                .replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT);
            if (name.isEmpty() || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("cannot derive a name from endpoint '" + Urls.redact(target)
                    + "'; write it as name=" + Urls.redact(target));
            }
            return name;
        }

        boolean isFullUrl() {
            return target.contains("://");
        }

        /** The full URL: the target itself if absolute, else {@code baseUrl} and the path joined by one '/'. */
        String url(String baseUrl) {
            if (target.contains("://")) {
                return target;
            }
            if (baseUrl == null || baseUrl.isEmpty()) {
                throw new IllegalArgumentException("endpoint '" + Urls.redact(target) + "' is a path, so "
                    + RestSourceConfig.BASE_URL_CONFIG + " must be set");
            }
            return baseUrl.replaceAll("/+$", "") + "/" + target.replaceAll("^/+", "");
        }
    }
}
