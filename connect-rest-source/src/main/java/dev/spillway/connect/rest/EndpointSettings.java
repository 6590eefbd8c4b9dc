package dev.spillway.connect.rest;

import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.rest.http.BodyTemplate;
import dev.spillway.connect.rest.extract.JsonPointers;
import dev.spillway.connect.rest.http.RequestHeaders;
import dev.spillway.connect.rest.http.RequestMethod;
import dev.spillway.connect.rest.http.RequestSettings;
import dev.spillway.connect.rest.net.HttpUrlValidator;
import dev.spillway.connect.rest.net.Urls;
import dev.spillway.connect.rest.pagination.PaginationSettings;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The endpoints and how often they are polled: {@code http.base.url}, {@code endpoints}, the per-endpoint
 * {@code endpoint.<name>.*} settings and {@code poll.interval.ms}.
 */
public final class EndpointSettings {

    private static final String GROUP = "Endpoints";
    private static final String POLLING_GROUP = "Polling";

    public static final String BASE_URL_CONFIG = "http.base.url";
    public static final String BASE_URL_DOC = "Base URL that relative entries of 'endpoints' are appended to,"
        + " e.g. https://api.example.com/v1 (joined with exactly one '/'). Must be http:// or https:// and must not"
        + " contain credentials; query parameters here apply to no endpoint. Empty if every endpoint is a full URL.";
    public static final String BASE_URL_DEFAULT = "";

    public static final String ENDPOINTS_CONFIG = "endpoints";
    public static final String ENDPOINTS_DOC = "The endpoints to poll, comma-separated: paths relative to"
        + " http.base.url (/orders), full URLs, or either one named (orders=/v1/orders). Each endpoint is one"
        + " source partition {\"endpoint\": <name>}; an unnamed endpoint is named after its path (/v1/orders is"
        + " 'v1.orders'). Renaming an endpoint starts it over, because its stored offset belongs to the old name."
        + " Endpoints are spread round-robin over the tasks. Per-endpoint settings: endpoint.<name>.topic,"
        + " endpoint.<name>.records.pointer, endpoint.<name>.records.page.headers (instead of"
        + " records.page.headers), endpoint.<name>.request.headers (added to http.request.headers,"
        + " replacing those of the same name), endpoint.<name>.request.method and endpoint.<name>.request.body"
        + " (instead of http.request.method and http.request.body), endpoint.<name>.request.params (added to"
        + " http.request.params, replacing those of the same name), and endpoint.<name>.pagination.* for any"
        + " pagination.* setting (e.g."
        + " endpoint.orders.pagination.type=cursor), which then applies to that endpoint instead of the connector's."
        + " Entries cannot contain commas.";

    public static final String ENDPOINT_PREFIX = "endpoint.";
    public static final String ENDPOINT_TOPIC_SUFFIX = "topic";
    public static final String ENDPOINT_RECORDS_POINTER_SUFFIX = "records.pointer";
    public static final String ENDPOINT_REQUEST_HEADERS_SUFFIX = "request.headers";
    public static final String ENDPOINT_REQUEST_METHOD_SUFFIX = "request.method";
    public static final String ENDPOINT_REQUEST_BODY_SUFFIX = "request.body";
    /** Checked with the records settings, which know the records pointer and format (RecordSettings.problems). */
    public static final String ENDPOINT_PAGE_HEADERS_SUFFIX = "records.page.headers";
    public static final String ENDPOINT_REQUEST_PARAMS_SUFFIX = "request.params";
    private static final Set<String> ENDPOINT_SUFFIXES = Set.of(ENDPOINT_TOPIC_SUFFIX, ENDPOINT_RECORDS_POINTER_SUFFIX,
        ENDPOINT_REQUEST_HEADERS_SUFFIX, ENDPOINT_REQUEST_METHOD_SUFFIX, ENDPOINT_REQUEST_BODY_SUFFIX,
        ENDPOINT_PAGE_HEADERS_SUFFIX, ENDPOINT_REQUEST_PARAMS_SUFFIX);

    public static final String POLL_INTERVAL_CONFIG = "poll.interval.ms";
    public static final String POLL_INTERVAL_DOC = "How long to wait after the last page of an endpoint before"
        + " asking again from the saved position, to pick up new items.";
    public static final long POLL_INTERVAL_DEFAULT = 60_000L;

    private final Map<String, ?> values;
    private final Map<String, Object> overrides;

    /**
     * @param values    parsed values of a configuration that went through {@link #define}
     * @param overrides the {@code endpoint.*} settings as given, without the prefix
     */
    public EndpointSettings(Map<String, ?> values, Map<String, Object> overrides) {
        this.values = values;
        this.overrides = Map.copyOf(overrides);
    }

    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def.define(BASE_URL_CONFIG, Type.STRING, BASE_URL_DEFAULT, new HttpUrlValidator(), Importance.HIGH,
                BASE_URL_DOC, GROUP, ++order, Width.LONG, "Base URL")
            .define(ENDPOINTS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new EndpointsValidator(),
                Importance.HIGH, ENDPOINTS_DOC, GROUP, ++order, Width.LONG, "Endpoints");
    }

    /** Defines {@code poll.interval.ms}, in its own group, last in the reference. */
    public static ConfigDef definePolling(ConfigDef def) {
        return def.define(POLL_INTERVAL_CONFIG, Type.LONG, POLL_INTERVAL_DEFAULT, Range.atLeast(0), Importance.MEDIUM,
            POLL_INTERVAL_DOC, POLLING_GROUP, 1, Width.SHORT, "Poll interval (ms)");
    }

    /** Every entry of {@code endpoints}. */
    @SuppressWarnings("unchecked")
    public List<String> entries() {
        return (List<String>) values.get(ENDPOINTS_CONFIG);
    }

    public Duration pollInterval() {
        return Duration.ofMillis((Long) values.get(POLL_INTERVAL_CONFIG));
    }

    /** The endpoints of {@code entries}, resolved; only when {@link #problems} is empty. */
    public List<Endpoint> endpoints(List<String> entries, RecordSettings records) {
        return endpoints(entries, records, null);
    }

    /** As {@link #endpoints(List, RecordSettings)}, with the request headers of {@code request} (null: none). */
    public List<Endpoint> endpoints(List<String> entries, RecordSettings records, RequestSettings request) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String entry : entries) {
            Spec spec = Spec.parse(entry);
            URI url = Urls.parseHttpUrl(spec.url(baseUrl()));
            Object topic = overrides.get(spec.name() + "." + ENDPOINT_TOPIC_SUFFIX);
            Object pointer = overrides.get(spec.name() + "." + ENDPOINT_RECORDS_POINTER_SUFFIX);
            String headers = override(spec.name(), ENDPOINT_REQUEST_HEADERS_SUFFIX);
            String method = override(spec.name(), ENDPOINT_REQUEST_METHOD_SUFFIX);
            String body = override(spec.name(), ENDPOINT_REQUEST_BODY_SUFFIX);
            endpoints.add(new Endpoint(spec.name(), url,
                topic != null ? String.valueOf(topic) : records.topic(spec.name()),
                JsonPointers.parse(pointer != null ? String.valueOf(pointer) : records.recordsPointer()),
                request == null ? RequestHeaders.NONE : request.headers(headers),
                request == null ? RequestMethod.GET : request.method(method),
                request == null ? null : request.body(body),
                request == null ? Map.of() : request.params(override(spec.name(), ENDPOINT_REQUEST_PARAMS_SUFFIX)),
                records.recordsFormat()));
        }
        return endpoints;
    }

    /** An endpoint's own {@code endpoint.<name>.<suffix>} as given, or null. */
    public String override(String endpoint, String suffix) {
        Object value = overrides.get(endpoint + "." + suffix);
        return value == null ? null : String.valueOf(value);
    }

    /** The names of the endpoints of {@code entries}. */
    public static Set<String> names(List<String> entries) {
        Set<String> names = new HashSet<>();
        entries.forEach(entry -> names.add(Spec.parse(entry).name()));
        return names;
    }

    /** The URLs credentials may be sent to: the base URL and every full-URL endpoint. */
    public List<String> credentialTargets() {
        List<String> targets = new ArrayList<>();
        if (!baseUrl().isEmpty()) {
            targets.add(baseUrl());
        }
        for (String entry : entries()) {
            try {
                Spec spec = Spec.parse(entry);
                if (spec.isFullUrl()) {
                    targets.add(spec.url(""));
                }
            } catch (IllegalArgumentException e) {
                // Reported on 'endpoints' already.
            }
        }
        return targets;
    }

    /** One endpoint's endpoint.<name>.pagination.* settings, as pagination.* keys. */
    public Map<String, Object> paginationOverrides(String endpoint) {
        String prefix = endpoint + "." + PaginationSettings.PREFIX;
        Map<String, Object> own = new HashMap<>();
        overrides.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                own.put(PaginationSettings.PREFIX + key.substring(prefix.length()), value);
            }
        });
        return own;
    }

    /** Every endpoint setting that is wrong given the others, an endpoint's own pagination included. */
    public List<Problem> problems(PaginationSettings pagination) {
        return problems(pagination, null);
    }

    /** As {@link #problems(PaginationSettings)}, checking endpoints' request headers against {@code request}. */
    public List<Problem> problems(PaginationSettings pagination, RequestSettings request) {
        List<Problem> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String entry : entries()) {
            try {
                Spec spec = Spec.parse(entry);
                if (!names.add(spec.name())) {
                    problems.add(new Problem(ENDPOINTS_CONFIG, "two endpoints are named '" + spec.name()
                        + "'; name them explicitly, e.g. name=" + Urls.redact(spec.target())));
                }
                if (!spec.isFullUrl() && baseUrl().isEmpty()) {
                    problems.add(new Problem(BASE_URL_CONFIG, "is required: endpoint '"
                        + Urls.redact(entry.trim()) + "' is a path"));
                    continue;
                }
                Urls.parseHttpUrl(spec.url(baseUrl()));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(ENDPOINTS_CONFIG, "endpoint '" + Urls.redact(entry.trim()) + "': "
                    + e.getMessage()));
            }
        }
        overrides.forEach((key, value) -> overrideProblem(names, key, value, request, problems));
        for (String name : names) {
            Map<String, Object> own = paginationOverrides(name);
            if (own.isEmpty()) {
                continue;
            }
            try {
                pagination.forEndpoint(own).problems().forEach(problem -> problems.add(new Problem(ENDPOINTS_CONFIG,
                    ENDPOINT_PREFIX + name + "." + problem.key() + " (or " + problem.key() + "): "
                        + problem.message())));
            } catch (ConfigException e) {
                problems.add(new Problem(ENDPOINTS_CONFIG, "endpoint '" + name + "': " + e.getMessage()));
            }
        }
        return problems;
    }

    private void overrideProblem(Set<String> names, String override, Object value, RequestSettings request,
                                 List<Problem> problems) {
        String key = ENDPOINT_PREFIX + override;
        // Endpoint names may hold dots (v1.orders), so the longest name the key starts with is the one meant.
        String name = names.stream().filter(n -> override.startsWith(n + "."))
            .max(Comparator.comparingInt(String::length)).orElse(null);
        String suffix = name == null ? "" : override.substring(name.length() + 1);
        if (name == null) {
            problems.add(new Problem(ENDPOINTS_CONFIG, key + " names no endpoint; endpoints are " + names));
        } else if (suffix.startsWith(PaginationSettings.PREFIX)) {
            if (!PaginationSettings.isOverridable(suffix)) {
                problems.add(new Problem(ENDPOINTS_CONFIG, key + ": " + suffix + " is not a pagination setting"));
            }
        } else if (!ENDPOINT_SUFFIXES.contains(suffix)) {
            problems.add(new Problem(ENDPOINTS_CONFIG, key + " is not a per-endpoint setting; those are "
                + ENDPOINT_PREFIX + name + ".{" + String.join(",", ENDPOINT_SUFFIXES.stream().sorted().toList())
                + "," + PaginationSettings.PREFIX + "*}"));
        } else if (suffix.equals(ENDPOINT_TOPIC_SUFFIX) && !TopicNames.isLegal(String.valueOf(value))) {
            problems.add(new Problem(ENDPOINTS_CONFIG, key + "=" + value + " is not a legal"
                + " topic name (letters, digits, '.', '_', '-', at most " + TopicNames.MAX_LENGTH + ")"));
        } else if (suffix.equals(ENDPOINT_REQUEST_HEADERS_SUFFIX)) {
            String problem = request != null ? request.endpointProblem(String.valueOf(value))
                : RequestSettings.endpointSyntaxProblem(String.valueOf(value));
            if (problem != null) {
                problems.add(new Problem(ENDPOINTS_CONFIG, key + ": " + problem));
            }
        } else if (suffix.equals(ENDPOINT_REQUEST_METHOD_SUFFIX)) {
            try {
                ConfigChoice.parse(RequestMethod.class, key, String.valueOf(value).trim());
            } catch (ConfigException e) {
                problems.add(new Problem(ENDPOINTS_CONFIG, key + " must be one of "
                    + ConfigChoice.values(RequestMethod.class)));
            }
        } else if (suffix.equals(ENDPOINT_REQUEST_PARAMS_SUFFIX)) {
            String problem = RequestSettings.endpointParamsProblem(String.valueOf(value));
            if (problem != null) {
                problems.add(new Problem(ENDPOINTS_CONFIG, key + ": " + problem));
            }
        } else if (suffix.equals(ENDPOINT_REQUEST_BODY_SUFFIX)) {
            try {
                BodyTemplate.parse(String.valueOf(value));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(ENDPOINTS_CONFIG, key + " " + e.getMessage()));
            }
        } else if (suffix.equals(ENDPOINT_RECORDS_POINTER_SUFFIX)) {
            try {
                JsonPointers.parse(String.valueOf(value));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(ENDPOINTS_CONFIG, key + ": " + e.getMessage()));
            }
        }
    }

    private String baseUrl() {
        return (String) values.get(BASE_URL_CONFIG);
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
                    + BASE_URL_CONFIG + " must be set");
            }
            return baseUrl.replaceAll("/+$", "") + "/" + target.replaceAll("^/+", "");
        }
    }

    private static final class EndpointsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> entries = (List<String>) value;
            if (entries == null || entries.isEmpty()) {
                throw new ConfigException(name, redacted(entries), "at least one endpoint is required");
            }
            for (String entry : entries) {
                try {
                    Spec.parse(entry);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, redacted(entries), e.getMessage());
                }
            }
        }

        private static Object redacted(List<String> entries) {
            return entries == null ? null : entries.stream().map(Urls::redact).toList();
        }

        @Override
        public String toString() {
            return "one or more of /path, https://host/path or name=/path, comma-separated";
        }
    }
}
