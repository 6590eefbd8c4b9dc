package dev.spillway.connect.rest.http;

import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.rest.auth.AuthSettings;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each request carries besides pagination and authentication: {@code http.request.headers} and the secret
 * {@code http.request.headers.secret}; an endpoint adds its own with {@code endpoint.<name>.request.headers}.
 */
public final class RequestSettings {

    private static final String GROUP = "HTTP request";

    public static final String HEADERS_CONFIG = "http.request.headers";
    public static final String HEADERS_DOC = "Headers sent with every request, comma-separated 'Name: value'"
        + " entries, e.g. 'Accept: application/vnd.github+json,X-GitHub-Api-Version: 2022-11-28'. A value cannot"
        + " contain a comma. They replace the connector's defaults of the same name (Accept, User-Agent); the"
        + " header of auth.type is set after them and wins. Hop-by-hop and client-managed names (Host, Connection,"
        + " Content-Length, Transfer-Encoding, ...) and values with line breaks are refused. Values of this key are"
        + " shown in the worker's log like any setting: put secrets in " + "http.request.headers.secret instead."
        + " An endpoint adds or replaces headers with endpoint.<name>.request.headers. Requests with configured"
        + " headers follow redirects to the endpoint's own origin only.";
    public static final String HEADERS_DEFAULT = "";

    public static final String SECRET_HEADERS_CONFIG = "http.request.headers.secret";
    public static final String SECRET_HEADERS_DOC = "Headers with secret values sent with every request, in the"
        + " format of http.request.headers (e.g. 'X-Tenant-Token: t0k3n'). Like credentials, they are sent over"
        + " https:// only (see auth.allow.http.loopback). A password setting: its values are never"
        + " logged, shown by validate or put in records; only the header names appear in the log. A name cannot"
        + " also be in http.request.headers or an endpoint's request.headers.";

    public static final String METHOD_CONFIG = "http.request.method";
    public static final String METHOD_DOC = "The method of every request: GET, or POST for APIs that read with a JSON"
        + " body (GraphQL, search APIs). A POST is sent with Content-Type: application/json and http.request.body,"
        + " and is retried like a GET (connection errors, timeouts, 408, 429, 5xx, then other statuses), since it"
        + " only reads: do not point it at an API where a POST changes data. It follows only 307/308 redirects, which"
        + " keep the method and body. Per endpoint: endpoint.<name>.request.method.";
    public static final String METHOD_DEFAULT = RequestMethod.GET.configValue();

    public static final String BODY_CONFIG = "http.request.body";
    public static final String BODY_DOC = "The JSON object sent as the body of every POST, e.g. a GraphQL"
        + " {\"query\": \"...\", \"variables\": {\"first\": 50}} or a search query. Its values may hold the"
        + " placeholders of http.request.params, filled for each request: inside a JSON string"
        + " (\"after\": \"${cursor}\") they give a string, JSON-escaped; standing alone without quotes"
        + " (\"first\": ${limit}) a number when the value is one, else a string. A value whose state placeholder has"
        + " no value yet (${cursor} on the first request) is left out. With pagination.param.location=body the"
        + " pagination state is also set into it at pagination.param.body.pointer. Checked as JSON, and its"
        + " placeholders, at validate time. Empty for none (a POST then sends an empty body, or {} holding just the"
        + " pagination state). Per endpoint: endpoint.<name>.request.body.";
    public static final String BODY_DEFAULT = "";

    public static final String PARAMS_CONFIG = "http.request.params";
    public static final String PARAMS_DOC = "Query parameters added to every request, comma-separated 'name=value'"
        + " entries whose values may hold placeholders: ${cursor}, ${since}, ${page}, ${offset} (the pagination"
        + " state of the request), ${limit} (pagination.limit) and the clock, ${now}, shifted by an ISO-8601"
        + " duration and formatted: ${now-PT1H:ISO}, ${now+P1D:EPOCH}, ${now:EPOCH_MS} (ISO: an ISO-8601 UTC"
        + " instant to the second, the default; EPOCH: seconds; EPOCH_MS: milliseconds). E.g."
        + " 'filter=status:open,updated_after=${since},until=${now-PT5M:ISO}'. Values are URL-encoded. A parameter"
        + " whose state placeholder has no value yet (${cursor} on the first request) is left out. The pagination"
        + " state is stored in the source offset, so a restarted task fills the same values; ${now} is read"
        + " again for each request. Unknown placeholders, and state placeholders the endpoint's pagination.type"
        + " has no value for, are refused at validate time. A value cannot contain a comma. An endpoint adds"
        + " parameters, or replaces those of the same name, with endpoint.<name>.request.params.";
    public static final String PARAMS_DEFAULT = "";

    private final Map<String, ?> values;

    /** @param values parsed values of a configuration that went through {@link #define} */
    public RequestSettings(Map<String, ?> values) {
        this.values = values;
    }

    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def.define(HEADERS_CONFIG, Type.LIST, HEADERS_DEFAULT, new HeadersValidator(), Importance.MEDIUM,
                HEADERS_DOC, GROUP, ++order, Width.LONG, "Request headers")
            .define(SECRET_HEADERS_CONFIG, Type.PASSWORD, null, new SecretHeadersValidator(), Importance.MEDIUM,
                SECRET_HEADERS_DOC, GROUP, ++order, Width.LONG, "Secret request headers")
            .define(METHOD_CONFIG, Type.STRING, METHOD_DEFAULT, ConfigChoice.validator(RequestMethod.class),
                Importance.MEDIUM, METHOD_DOC, GROUP, ++order, Width.SHORT, "Request method",
                ConfigChoice.recommender(RequestMethod.class))
            .define(BODY_CONFIG, Type.STRING, BODY_DEFAULT, new BodyValidator(), Importance.MEDIUM, BODY_DOC, GROUP,
                ++order, Width.LONG, "Request body")
            .define(PARAMS_CONFIG, Type.LIST, PARAMS_DEFAULT, new ParamsValidator(), Importance.MEDIUM, PARAMS_DOC,
                GROUP, ++order, Width.LONG, "Templated query parameters");
    }

    /** The method of an endpoint: its own {@code request.method} (raw, or null), else the connector's. */
    public RequestMethod method(String endpointMethod) {
        String value = endpointMethod != null ? endpointMethod.trim() : (String) values.get(METHOD_CONFIG);
        return ConfigChoice.parse(RequestMethod.class, METHOD_CONFIG, value);
    }

    /** The body of an endpoint: its own {@code request.body} (raw, or null), else the connector's; null if none. */
    public BodyTemplate body(String endpointBody) {
        String value = endpointBody != null ? endpointBody : (String) values.get(BODY_CONFIG);
        return value == null || value.isBlank() ? null : BodyTemplate.parse(value);
    }

    /** The connector's templated query parameters, in their order. */
    @SuppressWarnings("unchecked")
    public Map<String, Template> params() {
        return Template.parseParams((List<String>) values.get(PARAMS_CONFIG));
    }

    /**
     * The templated query parameters of an endpoint: the connector's, with its own {@code request.params} (raw
     * text, or null) over them: a parameter of the same name is replaced in place, others are added after.
     */
    public Map<String, Template> params(String endpointParams) {
        Map<String, Template> params = new LinkedHashMap<>(params());
        params.putAll(endpointParams(endpointParams));
        return params;
    }

    /** Parses an endpoint's own {@code request.params} as given (null: none). */
    public static Map<String, Template> endpointParams(String raw) {
        return raw == null ? Map.of() : Template.parseParams(splitList(raw));
    }

    /** Problems of an endpoint's own {@code request.params} by themselves, or null. */
    public static String endpointParamsProblem(String raw) {
        try {
            endpointParams(raw);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The connector's plain headers. */
    @SuppressWarnings("unchecked")
    public RequestHeaders headers() {
        return RequestHeaders.parse((List<String>) values.get(HEADERS_CONFIG), false);
    }

    /** The connector's secret headers. */
    public RequestHeaders secretHeaders() {
        Password secret = (Password) values.get(SECRET_HEADERS_CONFIG);
        return secret == null ? RequestHeaders.NONE : RequestHeaders.parse(splitList(secret.value()), true);
    }

    /**
     * The headers of an endpoint: the connector's, then the endpoint's own {@code request.headers} (raw text, or
     * null) over them, then the secret ones; call {@link #problems} first.
     */
    public RequestHeaders headers(String endpointHeaders) {
        return headers().with(endpoint(endpointHeaders)).with(secretHeaders());
    }

    /** Parses an endpoint's {@code request.headers} as given. */
    public static RequestHeaders endpoint(String raw) {
        return raw == null ? RequestHeaders.NONE : RequestHeaders.parse(splitList(raw), false);
    }

    /** A header both plain and secret; the validators checked each key alone. */
    public List<Problem> problems() {
        return problems(null, List.of());
    }

    /**
     * As {@link #problems()}, and secret headers that would travel in clear text to one of {@code targets}, by the
     * rule of {@code auth} for credentials (null: not checked).
     */
    public List<Problem> problems(AuthSettings auth, List<String> targets) {
        try {
            RequestHeaders secret = secretHeaders();
            List<String> shared = headers().sharedNames(secret);
            if (!shared.isEmpty()) {
                return List.of(new Problem(SECRET_HEADERS_CONFIG, "header " + shared.get(0) + " is also in "
                    + HEADERS_CONFIG + "; give each header once"));
            }
            if (auth != null && !secret.isEmpty()) {
                return auth.clearTextProblems(SECRET_HEADERS_CONFIG, "would send the secret headers " + secret,
                    targets);
            }
        } catch (IllegalArgumentException e) {
            // Reported by the key's validator.
        }
        return List.of();
    }

    /** Problems of an endpoint's own headers, as text for the endpoints key. */
    public String endpointProblem(String raw) {
        try {
            RequestHeaders own = endpoint(raw);
            List<String> shared = own.sharedNames(secretHeaders());
            return shared.isEmpty() ? null : "header " + shared.get(0) + " is also in " + SECRET_HEADERS_CONFIG;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Problems of an endpoint's own headers by themselves, or null. */
    public static String endpointSyntaxProblem(String raw) {
        try {
            endpoint(raw);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    static List<String> splitList(String raw) {
        return raw.isBlank() ? List.of() : Arrays.stream(raw.split(",", -1)).map(String::trim).toList();
    }

    private static final class HeadersValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> entries = (List<String>) value;
            try {
                RequestHeaders.parse(entries, false);
            } catch (IllegalArgumentException e) {
                // Values stay out of the message: a secret may have been put here by mistake.
                throw new ConfigException(name + ": " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "comma-separated 'Name: value' headers, not hop-by-hop or client-managed ones";
        }
    }

    private static final class ParamsValidator implements ConfigDef.Validator {
        @Override
        @SuppressWarnings("unchecked")
        public void ensureValid(String name, Object value) {
            try {
                Template.parseParams((List<String>) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name + ": " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "comma-separated name=value entries, values with ${...} placeholders";
        }
    }

    private static final class BodyValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                String text = (String) value;
                if (text != null && !text.isBlank()) {
                    BodyTemplate.parse(text);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name + " " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a JSON object with ${...} placeholders in its values, or empty";
        }
    }

    private static final class SecretHeadersValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value instanceof Password password) {
                try {
                    RequestHeaders.parse(splitList(password.value()), true);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, password, e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return "comma-separated 'Name: value' headers (values hidden)";
        }
    }
}
