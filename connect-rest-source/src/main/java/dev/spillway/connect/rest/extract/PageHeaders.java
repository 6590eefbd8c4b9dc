package dev.spillway.connect.rest.extract;

import com.fasterxml.jackson.core.JsonPointer;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Values of a page copied onto each of its records as Connect headers ({@code records.page.headers}): entries
 * {@code name:source}, where the source is a JSON pointer into the response body outside the records array
 * ({@code request_id:/meta/request_id}) or a response header ({@code trace:header:X-Request-Id}).
 *
 * <p>Every header is a string: a body value that is a string as it is, a number or boolean as written; a missing,
 * {@code null}, object or array value, or a missing response header, adds no header (the record is still emitted).
 * Immutable.
 */
public final class PageHeaders {

    public static final PageHeaders NONE = new PageHeaders(List.of());

    private static final String HEADER_SOURCE = "header:";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern HTTP_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Spillway's own record headers (spillway.rest.endpoint, spillway.rest.page, ...). */
    private static final String RESERVED_PREFIX = "spillway.";
    /** Response headers that carry or set credentials; part names catch X-Auth-Token, X-Api-Key and the like. */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
        "set-cookie", "set-cookie2", "www-authenticate", "proxy-authenticate", "authentication-info",
        "proxy-authentication-info");
    private static final List<String> CREDENTIAL_PARTS = List.of("auth", "token", "secret", "password", "api-key",
        "apikey", "session", "cookie", "credential", "signature");

    /** One header: its record header name, and either a body pointer or a response header name. */
    record Entry(String name, JsonPointer pointer, String responseHeader) {
    }

    private final List<Entry> entries;

    private PageHeaders(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * @param entries        the {@code name:source} entries
     * @param recordsPointer the endpoint's records pointer; body values must lie outside it
     * @param format         the endpoint's response format; NDJSON bodies hold only items
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    public static PageHeaders parse(List<String> entries, String recordsPointer, ResponseFormat format) {
        List<Entry> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String raw : entries) {
            String text = raw.trim();
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("entry '" + text + "' is not name:/json/pointer or"
                    + " name:header:Response-Header");
            }
            String name = text.substring(0, colon).trim();
            String source = text.substring(colon + 1).trim();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("header name '" + name + "' must be letters, digits, '.', '_'"
                    + " or '-'");
            }
            if (name.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX)) {
                throw new IllegalArgumentException("header name '" + name + "' is reserved: Spillway's own headers"
                    + " start with '" + RESERVED_PREFIX + "'");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("header name '" + name + "' is given twice");
            }
            parsed.add(source.regionMatches(true, 0, HEADER_SOURCE, 0, HEADER_SOURCE.length())
                ? new Entry(name, null, responseHeader(name, source.substring(HEADER_SOURCE.length()).trim()))
                : new Entry(name, bodyPointer(name, source, recordsPointer, format), null));
        }
        return parsed.isEmpty() ? NONE : new PageHeaders(parsed);
    }

    private static String responseHeader(String name, String header) {
        if (!HTTP_NAME.matcher(header).matches()) {
            throw new IllegalArgumentException("header '" + name + "': '" + header + "' is not an HTTP header name");
        }
        String lower = header.toLowerCase(Locale.ROOT);
        if (CREDENTIAL_HEADERS.contains(lower) || CREDENTIAL_PARTS.stream().anyMatch(lower::contains)) {
            throw new IllegalArgumentException("header '" + name + "': response header '" + header + "' may carry"
                + " credentials and is never copied onto records");
        }
        return header;
    }

    private static JsonPointer bodyPointer(String name, String source, String recordsPointer, ResponseFormat format) {
        if (format == ResponseFormat.NDJSON) {
            throw new IllegalArgumentException("header '" + name + "': an NDJSON body holds only items, so only"
                + " response headers (name:header:Response-Header) can be copied");
        }
        if (!source.startsWith("/")) {
            throw new IllegalArgumentException("header '" + name + "': source '" + source + "' is neither a JSON"
                + " pointer starting with '/' nor header:<Response-Header>");
        }
        JsonPointer pointer;
        try {
            pointer = JsonPointers.parse(source);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("header '" + name + "': " + e.getMessage(), e);
        }
        if (recordsPointer.isEmpty() || source.equals(recordsPointer) || source.startsWith(recordsPointer + "/")) {
            throw new IllegalArgumentException("header '" + name + "': pointer '" + source + "' is inside the"
                + " records array (records pointer '" + recordsPointer + "'); page headers come from the rest of"
                + " the body, item values from key.pointer or the value itself");
        }
        return pointer;
    }

    /** The body pointers whose values the page parser must capture. */
    public List<JsonPointer> bodyPointers() {
        return entries.stream().filter(entry -> entry.pointer() != null).map(Entry::pointer).toList();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The headers of one page, in the configured order; absent values are left out. */
    public List<Header> of(ParsedPage page) {
        if (entries.isEmpty()) {
            return List.of();
        }
        ConnectHeaders headers = new ConnectHeaders();
        for (Entry entry : entries) {
            String value = entry.pointer() != null ? page.scalar(entry.pointer().toString()).orElse(null)
                : responseHeader(page, entry.responseHeader());
            if (value != null) {
                headers.addString(entry.name(), value);
            }
        }
        List<Header> list = new ArrayList<>();
        headers.forEach(list::add);
        return List.copyOf(list);
    }

    private static String responseHeader(ParsedPage page, String name) {
        if (page.headers() == null) {
            return null;
        }
        List<String> values = page.headers().allValues(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }
}
