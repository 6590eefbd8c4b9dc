package dev.spillway.connect.rest;

import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.rest.auth.AuthSettings;
import dev.spillway.connect.rest.auth.Authenticator;
import dev.spillway.connect.rest.auth.TokenTransport;
import dev.spillway.connect.rest.http.HttpSettings;
import dev.spillway.connect.rest.http.RequestSettings;
import dev.spillway.connect.rest.net.StopSignal;
import dev.spillway.connect.rest.net.Urls;
import dev.spillway.connect.rest.pagination.Pagination;
import dev.spillway.connect.rest.pagination.PaginationSettings;
import dev.spillway.connect.rest.tls.TlsSettings;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Configuration of the {@link RestSourceConnector}, composed of one settings class per concern (endpoints, HTTP,
 * authentication, TLS, pagination, records), each with its keys, typed accessors and cross-checks;
 * {@link RestSourceTaskConfig} adds the endpoints of one task.
 *
 * <p>Single settings are checked by validators in the {@link ConfigDef}; settings that are only wrong together are
 * checked by {@link #problems()}, which both the constructor's callers (via {@link #requireValid()}) and
 * {@code RestSourceConnector.validate()} use, so the REST validate endpoint names the offending key.
 */
public class RestSourceConfig extends AbstractConfig {

    static final ConfigDef CONFIG_DEF = buildConfigDef();

    private final EndpointSettings endpoints;
    private final HttpSettings http;
    private final AuthSettings auth;
    private final TlsSettings tls;
    private final PaginationSettings pagination;
    private final RecordSettings records;
    private final RequestSettings request;

    public RestSourceConfig(Map<?, ?> originals) {
        this(CONFIG_DEF, originals);
    }

    protected RestSourceConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals, false);
        Map<String, ?> values = values();
        this.endpoints = new EndpointSettings(values, originalsWithPrefix(EndpointSettings.ENDPOINT_PREFIX));
        this.http = new HttpSettings(values);
        this.auth = new AuthSettings(values);
        this.tls = TlsSettings.from(values);
        this.pagination = new PaginationSettings(values);
        this.records = new RecordSettings(values);
        this.request = new RequestSettings(values);
    }

    /** A copy of the definition of every connector setting, for {@code Connector.config()} and documentation. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    /** The groups in the order of the reference: endpoints, HTTP, authentication, TLS, pagination, records, polling. */
    private static ConfigDef buildConfigDef() {
        ConfigDef def = new ConfigDef();
        EndpointSettings.define(def);
        HttpSettings.define(def);
        RequestSettings.define(def);
        AuthSettings.define(def);
        TlsSettings.define(def);
        PaginationSettings.define(def);
        RecordSettings.define(def);
        return EndpointSettings.definePolling(def);
    }

    /** Every setting that is wrong given the others; empty if the configuration is usable. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>(endpoints.problems(pagination, request));
        problems.addAll(request.problems(auth, endpoints.credentialTargets()));
        problems.addAll(PageRequests.problems(endpoints, request, pagination, records));
        problems.addAll(records.problems(endpoints));
        problems.addAll(pagination.problems());
        problems.addAll(auth.problems(endpoints.credentialTargets()));
        problems.addAll(tls.problems());
        problems.addAll(http.problems());
        return problems;
    }

    /**
     * A setting's value as an error message or a validate answer may show it: {@code [hidden]} for passwords, and
     * URLs {@linkplain Urls#redact(String) redacted} (no userinfo, no query values) for everything else, since any
     * value may be, or hold, a URL with credentials.
     */
    public static Object shown(String key, Object value) {
        ConfigDef.ConfigKey definition = CONFIG_DEF.configKeys().get(key);
        if (value instanceof Password || definition != null && definition.type == Type.PASSWORD) {
            return Password.HIDDEN;
        }
        if (value != null && (key.equals(RequestSettings.PARAMS_CONFIG)
                || key.endsWith("." + EndpointSettings.ENDPOINT_REQUEST_PARAMS_SUFFIX))) {
            // Query parameters may carry an API key: names only, as redacted URLs show them.
            List<?> entries = value instanceof List<?> list ? list : Arrays.asList(String.valueOf(value).split(",", -1));
            List<String> names = entries.stream().map(entry -> {
                String text = String.valueOf(entry);
                int equals = text.indexOf('=');
                return equals < 0 ? text : text.substring(0, equals + 1) + Urls.REDACTED;
            }).toList();
            // The same type back: the worker prints a LIST setting's validate answer from a List.
            return value instanceof List<?> ? names : String.join(",", names);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(entry -> Urls.redact(String.valueOf(entry))).toList();
        }
        if (value instanceof String text && definition != null && definition.type == Type.LIST) {
            return Arrays.stream(text.split(",", -1)).map(Urls::redact).collect(Collectors.joining(","));
        }
        return value == null ? null : Urls.redact(String.valueOf(value));
    }

    /** @throws ConfigException for the first problem of {@link #problems()} */
    public void requireValid() {
        List<Problem> problems = problems();
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            throw new ConfigException(first.key(), shown(first.key(), originals().get(first.key())), first.message());
        }
    }

    // --- The settings of each concern ------------------------------------------------------------------------------

    public EndpointSettings endpointSettings() {
        return endpoints;
    }

    public HttpSettings http() {
        return http;
    }

    public AuthSettings auth() {
        return auth;
    }

    public TlsSettings tls() {
        return tls;
    }

    public RecordSettings records() {
        return records;
    }

    /** The connector's pagination settings, which endpoints without endpoint.<name>.pagination.* settings use. */
    public PaginationSettings paginationSettings() {
        return pagination;
    }

    // --- What takes more than one concern --------------------------------------------------------------------------

    /** The endpoint list entries this configuration polls (all of them for the connector). */
    public List<String> endpointEntries() {
        return endpoints.entries();
    }

    /** The endpoints of {@link #endpointEntries()}, resolved; call {@link #requireValid()} first. */
    public List<Endpoint> endpoints() {
        return endpoints.endpoints(endpointEntries(), records, request);
    }

    /** Names of every endpoint in {@link #endpointEntries()}. */
    public Set<String> endpointNames() {
        return EndpointSettings.names(endpointEntries());
    }

    /** The pagination settings of one endpoint: the connector's, with the endpoint's own pagination.* over them. */
    public PaginationSettings paginationSettings(String endpoint) {
        return pagination.forEndpoint(endpoints.paginationOverrides(endpoint));
    }

    /** The pagination of one endpoint, or {@code null} if its required settings are missing. */
    public Pagination pagination(String endpoint) {
        return paginationSettings(endpoint).pagination();
    }

    /** The pagination.type value of one endpoint, as source offsets record it. */
    public String paginationType(String endpoint) {
        return paginationSettings(endpoint).type().configValue();
    }

    /**
     * The authenticator of auth.type; call {@link #requireValid()} first. OAuth2 fetches its tokens with
     * {@code client}, stopping when {@code stop} is raised.
     */
    public Authenticator authenticator(HttpClient client, StopSignal stop, String userAgent) {
        return auth.authenticator(new TokenTransport(client, stop, userAgent, http.readTimeout(),
            http.limits().responseMaxBytes()));
    }
}
