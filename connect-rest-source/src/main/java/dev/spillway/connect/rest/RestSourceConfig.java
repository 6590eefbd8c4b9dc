package dev.spillway.connect.rest;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.rest.auth.Authenticator;
import dev.spillway.connect.rest.auth.HeaderAuthenticator;
import dev.spillway.connect.rest.auth.OAuth2ClientCredentials;
import dev.spillway.connect.rest.extract.JsonPointers;
import dev.spillway.connect.rest.net.HeaderChecks;
import dev.spillway.connect.rest.net.HttpLimits;
import dev.spillway.connect.rest.http.RetryPolicy;
import dev.spillway.connect.rest.net.StopSignal;
import dev.spillway.connect.rest.net.Urls;
import dev.spillway.connect.rest.pagination.CursorPagination;
import dev.spillway.connect.rest.pagination.FixedParams;
import dev.spillway.connect.rest.pagination.NextUrlPagination;
import dev.spillway.connect.rest.pagination.NoPagination;
import dev.spillway.connect.rest.pagination.OffsetLimitPagination;
import dev.spillway.connect.rest.pagination.PageNumberPagination;
import dev.spillway.connect.rest.pagination.Pagination;
import dev.spillway.connect.rest.pagination.SincePagination;
import dev.spillway.connect.rest.tls.KeyStores;
import dev.spillway.connect.rest.tls.SslContexts;
import dev.spillway.connect.rest.tls.TlsSettings;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Configuration of the {@link RestSourceConnector}; {@link RestSourceTaskConfig} adds the endpoints of one task.
 *
 * <p>Single settings are checked by validators in the {@link ConfigDef}; settings that are only wrong together are
 * checked by {@link #problems()}, which both the constructor (via {@link #requireValid()}) and
 * {@code RestSourceConnector.validate()} use, so the REST validate endpoint names the offending key.
 */
public class RestSourceConfig extends AbstractConfig {

    private static final String ENDPOINTS_GROUP = "Endpoints";
    private static final String HTTP_GROUP = "HTTP";
    private static final String TLS_GROUP = "TLS";
    private static final String AUTH_GROUP = "Authentication";
    private static final String PAGINATION_GROUP = "Pagination";
    private static final String RECORDS_GROUP = "Records";
    private static final String POLLING_GROUP = "Polling";

    // --- Endpoints -------------------------------------------------------------------------------------------------

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
        + " endpoint.<name>.records.pointer, and endpoint.<name>.pagination.* for any pagination.* setting (e.g."
        + " endpoint.orders.pagination.type=cursor), which then applies to that endpoint instead of the connector's."
        + " Entries cannot contain commas.";

    public static final String ENDPOINT_PREFIX = "endpoint.";
    public static final String ENDPOINT_TOPIC_SUFFIX = "topic";
    public static final String ENDPOINT_RECORDS_POINTER_SUFFIX = "records.pointer";
    private static final Set<String> ENDPOINT_SUFFIXES = Set.of(ENDPOINT_TOPIC_SUFFIX, ENDPOINT_RECORDS_POINTER_SUFFIX);
    private static final String PAGINATION_PREFIX = "pagination.";

    // --- HTTP ------------------------------------------------------------------------------------------------------

    public static final String CONNECT_TIMEOUT_CONFIG = "http.connect.timeout.ms";
    public static final String CONNECT_TIMEOUT_DOC = "How long to wait for a TCP/TLS connection.";
    public static final long CONNECT_TIMEOUT_DEFAULT = 10_000L;

    public static final String READ_TIMEOUT_CONFIG = "http.read.timeout.ms";
    public static final String READ_TIMEOUT_DOC = "How long to wait for a complete response, body included.";
    public static final long READ_TIMEOUT_DEFAULT = 30_000L;

    public static final String RETRIES_CONFIG = "http.retries";
    public static final String RETRIES_DOC = "How often to retry a failed request, with exponential backoff and"
        + " jitter. Connection errors, timeouts, 408, 429 and 5xx are transient: once the retries are used up the"
        + " task reports a retriable error, keeps its position and tries the same page again later. Other non-2xx"
        + " statuses (400, 401, 403, 404, ...) and bodies that are not the expected JSON are retried as well, then"
        + " fail the task with an error naming the endpoint and status: a page is never skipped.";
    public static final int RETRIES_DEFAULT = 5;

    public static final String BACKOFF_CONFIG = "http.retry.backoff.ms";
    public static final String BACKOFF_DOC = "Backoff before the first retry; it doubles for every further retry,"
        + " up to http.retry.backoff.max.ms, with random jitter of up to half of it. A longer Retry-After"
        + " (seconds or an HTTP date) sent with 429 or 5xx is honoured instead.";
    public static final long BACKOFF_DEFAULT = 500L;

    public static final String BACKOFF_MAX_CONFIG = "http.retry.backoff.max.ms";
    public static final String BACKOFF_MAX_DOC = "The longest computed backoff between retries.";
    public static final long BACKOFF_MAX_DEFAULT = 30_000L;

    public static final String VALIDATE_PROBE_CONFIG = "validate.probe";
    public static final String VALIDATE_PROBE_DOC = "Whether validating the configuration (creating or updating the"
        + " connector, or PUT /connector-plugins/<class>/config/validate) also sends one request for the first page"
        + " of the first endpoint, with the configured authentication and TLS and without retries, and reports a"
        + " failure or a page without the records pointer on the endpoints key. Off by default, so that a connector"
        + " can be created while its API is briefly down.";
    public static final boolean VALIDATE_PROBE_DEFAULT = false;

    public static final String RATE_LIMIT_CONFIG = "http.max.requests.per.second";
    public static final String RATE_LIMIT_DOC = "Client-side rate limit of each task, in requests per second"
        + " (fractions allowed, e.g. 0.5); 0 for none.";
    public static final double RATE_LIMIT_DEFAULT = 0.0;

    // --- TLS -------------------------------------------------------------------------------------------------------

    public static final String TRUSTSTORE_LOCATION_CONFIG = "http.tls.truststore.location";
    public static final String TRUSTSTORE_LOCATION_DOC = "Certificates to verify https:// servers against, instead"
        + " of the JVM's default CAs: a PEM file of one or more CERTIFICATE blocks (e.g. your private CA), or a JKS or"
        + " PKCS12 trust store; the format is detected from the content. The file must exist on every worker."
        + " Unset: the JVM's default trust store.";

    public static final String TRUSTSTORE_PASSWORD_CONFIG = "http.tls.truststore.password";
    public static final String TRUSTSTORE_PASSWORD_DOC = "Password of a JKS/PKCS12 http.tls.truststore.location;"
        + " not needed for PEM.";

    public static final String KEYSTORE_LOCATION_CONFIG = "http.tls.keystore.location";
    public static final String KEYSTORE_LOCATION_DOC = "Client certificate for mutual TLS: a PEM file with an"
        + " unencrypted PKCS#8 PRIVATE KEY and its CERTIFICATE chain (leaf first), or a JKS or PKCS12 keystore with"
        + " one key entry; the format is detected from the content. The file must exist on every worker. Unset: no"
        + " client certificate.";

    public static final String KEYSTORE_PASSWORD_CONFIG = "http.tls.keystore.password";
    public static final String KEYSTORE_PASSWORD_DOC = "Password of a JKS/PKCS12 http.tls.keystore.location;"
        + " required for those, not used for PEM.";

    public static final String KEY_PASSWORD_CONFIG = "http.tls.key.password";
    public static final String KEY_PASSWORD_DOC = "Password of the private key in a JKS/PKCS12 keystore, if it"
        + " differs from http.tls.keystore.password.";

    public static final String TLS_SKIP_VERIFY_CONFIG = "http.tls.insecure.skip.verify";
    public static final String TLS_SKIP_VERIFY_DOC = "FOR TESTS ONLY. true accepts any server certificate and any"
        + " host name, so anyone on the network path can read and change the traffic, credentials included. Every"
        + " task logs a WARN when it starts with this on. Cannot be combined with http.tls.truststore.location; to"
        + " trust a self-signed or private-CA certificate, put it in a trust store instead.";
    public static final boolean TLS_SKIP_VERIFY_DEFAULT = false;

    // --- Authentication --------------------------------------------------------------------------------------------

    public static final String AUTH_TYPE_CONFIG = "auth.type";
    public static final String AUTH_TYPE_DOC = "How requests authenticate. 'none'; 'basic': HTTP Basic with"
        + " auth.basic.username and auth.basic.password; 'bearer': 'Authorization: Bearer' with auth.bearer.token;"
        + " 'api-key': the header auth.api.key.header set to auth.api.key.value; 'oauth2': OAuth2 client"
        + " credentials, a bearer token fetched from auth.oauth2.token.url, cached and renewed before it expires"
        + " and after a 401. Secrets are never logged; use a config provider (${file:...}) to keep them out of the"
        + " connector config. Credentials are refused over http:// (see auth.allow.http.loopback).";
    public static final String AUTH_TYPE_DEFAULT = "none";

    public static final String BASIC_USERNAME_CONFIG = "auth.basic.username";
    public static final String BASIC_USERNAME_DOC = "User name for auth.type=basic.";

    public static final String BASIC_PASSWORD_CONFIG = "auth.basic.password";
    public static final String BASIC_PASSWORD_DOC = "Password for auth.type=basic.";

    public static final String BEARER_TOKEN_CONFIG = "auth.bearer.token";
    public static final String BEARER_TOKEN_DOC = "Token for auth.type=bearer.";

    public static final String API_KEY_HEADER_CONFIG = "auth.api.key.header";
    public static final String API_KEY_HEADER_DOC = "Request header that carries the key for auth.type=api-key.";
    public static final String API_KEY_HEADER_DEFAULT = "X-API-Key";

    public static final String API_KEY_VALUE_CONFIG = "auth.api.key.value";
    public static final String API_KEY_VALUE_DOC = "The key for auth.type=api-key.";

    public static final String OAUTH2_TOKEN_URL_CONFIG = "auth.oauth2.token.url";
    public static final String OAUTH2_TOKEN_URL_DOC = "For auth.type=oauth2: the token endpoint, e.g."
        + " https://auth.example.com/oauth2/token; requested with grant_type=client_credentials.";

    public static final String OAUTH2_CLIENT_ID_CONFIG = "auth.oauth2.client.id";
    public static final String OAUTH2_CLIENT_ID_DOC = "For auth.type=oauth2: the client id (logged, not secret).";

    public static final String OAUTH2_CLIENT_SECRET_CONFIG = "auth.oauth2.client.secret";
    public static final String OAUTH2_CLIENT_SECRET_DOC = "For auth.type=oauth2: the client secret.";

    public static final String OAUTH2_SCOPE_CONFIG = "auth.oauth2.scope";
    public static final String OAUTH2_SCOPE_DOC = "For auth.type=oauth2: the scope to request, space-separated;"
        + " unset to request none (the server's default).";

    public static final String OAUTH2_CLIENT_AUTH_CONFIG = "auth.oauth2.client.auth";
    public static final String OAUTH2_CLIENT_AUTH_DOC = "For auth.type=oauth2: how the client authenticates to the"
        + " token endpoint. 'basic' (default): an 'Authorization: Basic' header (client_secret_basic, which every"
        + " server supports); 'body': client_id and client_secret in the form body (client_secret_post).";
    public static final String OAUTH2_CLIENT_AUTH_DEFAULT = "basic";

    public static final String OAUTH2_REFRESH_MARGIN_CONFIG = "auth.oauth2.token.refresh.margin.ms";
    public static final String OAUTH2_REFRESH_MARGIN_DOC = "For auth.type=oauth2: a token is renewed this long"
        + " before it expires (its expires_in), but never before half its lifetime has passed. A token without"
        + " expires_in is kept until the API answers 401; then, and after every 401, a new one is fetched and the"
        + " request sent once more. A second 401 fails the task.";
    public static final long OAUTH2_REFRESH_MARGIN_DEFAULT = 30_000L;

    public static final String ALLOW_HTTP_LOOPBACK_CONFIG = "auth.allow.http.loopback";
    public static final String ALLOW_HTTP_LOOPBACK_DOC = "Credentials (any auth.type but none) are sent over"
        + " https:// only: an http:// endpoint, base URL or token URL is a configuration error. true allows http://"
        + " to loopback hosts (localhost, 127.0.0.0/8, [::1]) only, e.g. a TLS-terminating sidecar on the worker's"
        + " host or a test server; other http:// hosts stay refused.";
    public static final boolean ALLOW_HTTP_LOOPBACK_DEFAULT = false;

    // --- Pagination ------------------------------------------------------------------------------------------------

    public static final String PAGINATION_TYPE_CONFIG = "pagination.type";
    public static final String PAGINATION_TYPE_DOC = "How an endpoint is walked. 'none': one request per poll; the"
        + " response is an append-only list and only items beyond those already emitted are emitted. 'cursor': the"
        + " next cursor is in the body at pagination.cursor.pointer and is sent as pagination.cursor.param."
        + " 'next-url': the next page's URL is in the body at pagination.next.url.pointer. 'link-header': it is the"
        + " rel=\"next\" link of the Link header. 'page-number': pagination.page.param counts up from"
        + " pagination.page.start. 'offset-limit': pagination.offset.param advances by pagination.limit."
        + " 'since': the highest value of the item field at pagination.since.pointer is sent as"
        + " pagination.since.param (the API must sort ascending by it; see pagination.since.filter and docs/rest-source.md).";
    public static final String PAGINATION_TYPE_DEFAULT = NoPagination.TYPE;
    static final List<String> PAGINATION_TYPES = List.of(NoPagination.TYPE, CursorPagination.TYPE,
        NextUrlPagination.BODY_TYPE, NextUrlPagination.LINK_HEADER_TYPE, PageNumberPagination.TYPE,
        OffsetLimitPagination.TYPE, SincePagination.TYPE);

    public static final String CURSOR_POINTER_CONFIG = "pagination.cursor.pointer";
    public static final String CURSOR_POINTER_DOC = "For pagination.type=cursor: JSON pointer to the next cursor"
        + " in the response body, e.g. /next_cursor or /meta/next. A missing, null or empty cursor ends the walk.";

    public static final String CURSOR_PARAM_CONFIG = "pagination.cursor.param";
    public static final String CURSOR_PARAM_DOC = "For pagination.type=cursor: query parameter the cursor is sent in.";
    public static final String CURSOR_PARAM_DEFAULT = "cursor";

    public static final String NEXT_URL_POINTER_CONFIG = "pagination.next.url.pointer";
    public static final String NEXT_URL_POINTER_DOC = "For pagination.type=next-url: JSON pointer to the next"
        + " page's URL in the response body, e.g. /next or /links/next; relative URLs are resolved against the"
        + " page's URL. Links to another host are refused, since the request would carry the credentials there.";

    public static final String PAGE_PARAM_CONFIG = "pagination.page.param";
    public static final String PAGE_PARAM_DOC = "For pagination.type=page-number: query parameter of the page number.";
    public static final String PAGE_PARAM_DEFAULT = "page";

    public static final String PAGE_START_CONFIG = "pagination.page.start";
    public static final String PAGE_START_DOC = "For pagination.type=page-number: number of the first page.";
    public static final long PAGE_START_DEFAULT = 1L;

    public static final String OFFSET_PARAM_CONFIG = "pagination.offset.param";
    public static final String OFFSET_PARAM_DOC = "For pagination.type=offset-limit: query parameter of the offset.";
    public static final String OFFSET_PARAM_DEFAULT = "offset";

    public static final String LIMIT_PARAM_CONFIG = "pagination.limit.param";
    public static final String LIMIT_PARAM_DOC = "Query parameter of the page size, sent with pagination.limit on"
        + " every request the connector builds (not on next URLs the API returns).";
    public static final String LIMIT_PARAM_DEFAULT = "limit";

    public static final String LIMIT_CONFIG = "pagination.limit";
    public static final String LIMIT_DOC = "Page size to request; 0 to send none. Required by offset-limit. With"
        + " page-number and offset-limit a page shorter than this ends the walk.";
    public static final int LIMIT_DEFAULT = 0;

    public static final String SINCE_POINTER_CONFIG = "pagination.since.pointer";
    public static final String SINCE_POINTER_DOC = "For pagination.type=since: JSON pointer, inside each item, to"
        + " the field whose highest value becomes the next request's watermark, e.g. /updated_at or /id.";

    public static final String SINCE_PARAM_CONFIG = "pagination.since.param";
    public static final String SINCE_PARAM_DOC = "For pagination.type=since: query parameter of the watermark.";
    public static final String SINCE_PARAM_DEFAULT = "since";

    public static final String SINCE_INITIAL_CONFIG = "pagination.since.initial";
    public static final String SINCE_INITIAL_DOC = "For pagination.type=since: watermark of the very first"
        + " request; empty to send none and read from the beginning.";
    public static final String SINCE_INITIAL_DEFAULT = "";

    public static final String SINCE_FILTER_CONFIG = "pagination.since.filter";
    public static final String SINCE_FILTER_DOC = "For pagination.type=since: how the API compares items with the"
        + " watermark. 'inclusive' (>=): the next request sends the highest value emitted, and the items at it that"
        + " come back are skipped. 'exclusive' (>, e.g. created[gt]): the next request sends the value below the"
        + " highest one, so items sharing the highest value that a page end split off are returned too. Either way"
        + " only items provably emitted before (at the stored value, at most the stored number) are skipped, so"
        + " with 'inclusive' against an exclusive API nothing is lost unless several items share a value across a"
        + " page end.";
    public static final String SINCE_FILTER_DEFAULT = SincePagination.Filter.INCLUSIVE.configValue();

    public static final String MAX_PAGES_CONFIG = "max.pages";
    public static final String MAX_PAGES_DOC = "Most pages read in one walk of an endpoint. A walk that reaches it"
        + " stops with a warning and continues from where it stopped after poll.interval.ms; it guards against"
        + " APIs whose next links never end. A repeated cursor or URL, or an empty page, also ends a walk.";
    public static final int MAX_PAGES_DEFAULT = 1000;

    // --- Records ---------------------------------------------------------------------------------------------------

    public static final String RECORDS_POINTER_CONFIG = "records.pointer";
    public static final String RECORDS_POINTER_DOC = "JSON pointer to the array of items in a response, e.g."
        + " /items or /data/results; empty if the response is the array itself. A response without it fails"
        + " (after retries) instead of passing for an empty page.";
    public static final String RECORDS_POINTER_DEFAULT = "";

    public static final String KEY_POINTER_CONFIG = "key.pointer";
    public static final String KEY_POINTER_DOC = "JSON pointer, inside each item, to the record key, e.g. /id;"
        + " the key is a string (numbers printed, objects as JSON). Unset for null keys.";

    public static final String VALUE_FORMAT_CONFIG = "value.format";
    public static final String VALUE_FORMAT_DOC = "Record value. 'json-string' (default): the item's JSON text"
        + " with a STRING schema, exactly as the API sent it (numbers keep every digit); works with every"
        + " converter, and with StringConverter the topic holds the API's JSON unchanged. 'schemaless': the item"
        + " as Map/List without a schema, for JsonConverter with schemas.enable=false and transforms that edit"
        + " fields; integers beyond 64 bits become doubles. Structs with inferred schemas are not supported yet.";
    public static final String VALUE_FORMAT_DEFAULT = ValueFormat.JSON_STRING.configValue();

    public static final String TIMESTAMP_POINTER_CONFIG = "timestamp.pointer";
    public static final String TIMESTAMP_POINTER_DOC = "JSON pointer, inside each item, to the record timestamp:"
        + " epoch milliseconds or an ISO-8601 instant. Unset (default): the time the item was read. Beware: topics"
        + " delete records by their timestamp, so items older than the topic's retention.ms are deleted at once,"
        + " and brokers may reject timestamps too far in the past (log.message.timestamp.before.max.ms).";

    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    public static final String TOPIC_PREFIX_DOC = "Value of ${prefix} in topic.template.";
    public static final String TOPIC_PREFIX_DEFAULT = "";

    public static final String TOPIC_TEMPLATE_CONFIG = "topic.template";
    public static final String TOPIC_TEMPLATE_DOC = "Topic of each endpoint; ${prefix} is topic.prefix and"
        + " ${endpoint} the endpoint name. Characters Kafka does not allow become '_'. endpoint.<name>.topic"
        + " overrides it for one endpoint.";
    public static final String TOPIC_TEMPLATE_DEFAULT = "${prefix}${endpoint}";

    // --- Polling ---------------------------------------------------------------------------------------------------

    public static final String POLL_INTERVAL_CONFIG = "poll.interval.ms";
    public static final String POLL_INTERVAL_DOC = "How long to wait after the last page of an endpoint before"
        + " asking again from the saved position, to pick up new items.";
    public static final long POLL_INTERVAL_DEFAULT = 60_000L;

    static final ConfigDef CONFIG_DEF = buildConfigDef();

    private final Pagination pagination;

    public RestSourceConfig(Map<?, ?> originals) {
        this(CONFIG_DEF, originals);
    }

    protected RestSourceConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals, false);
        this.pagination = buildPagination();
    }

    /** A copy of the definition of every connector setting, for {@code Connector.config()} and documentation. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static ConfigDef buildConfigDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(BASE_URL_CONFIG, Type.STRING, BASE_URL_DEFAULT, new HttpUrlValidator(), Importance.HIGH,
                BASE_URL_DOC, ENDPOINTS_GROUP, ++order, Width.LONG, "Base URL")
            .define(ENDPOINTS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new EndpointsValidator(),
                Importance.HIGH, ENDPOINTS_DOC, ENDPOINTS_GROUP, ++order, Width.LONG, "Endpoints");

        order = 0;
        def.define(CONNECT_TIMEOUT_CONFIG, Type.LONG, CONNECT_TIMEOUT_DEFAULT, Range.atLeast(1), Importance.LOW,
                CONNECT_TIMEOUT_DOC, HTTP_GROUP, ++order, Width.SHORT, "Connect timeout (ms)")
            .define(READ_TIMEOUT_CONFIG, Type.LONG, READ_TIMEOUT_DEFAULT, Range.atLeast(1), Importance.LOW,
                READ_TIMEOUT_DOC, HTTP_GROUP, ++order, Width.SHORT, "Read timeout (ms)")
            .define(RETRIES_CONFIG, Type.INT, RETRIES_DEFAULT, Range.between(0, 100), Importance.MEDIUM,
                RETRIES_DOC, HTTP_GROUP, ++order, Width.SHORT, "Retries")
            .define(BACKOFF_CONFIG, Type.LONG, BACKOFF_DEFAULT, Range.atLeast(0), Importance.LOW, BACKOFF_DOC,
                HTTP_GROUP, ++order, Width.SHORT, "Retry backoff (ms)")
            .define(BACKOFF_MAX_CONFIG, Type.LONG, BACKOFF_MAX_DEFAULT, Range.atLeast(0), Importance.LOW,
                BACKOFF_MAX_DOC, HTTP_GROUP, ++order, Width.SHORT, "Max retry backoff (ms)")
            .define(RATE_LIMIT_CONFIG, Type.DOUBLE, RATE_LIMIT_DEFAULT, Range.atLeast(0.0), Importance.LOW,
                RATE_LIMIT_DOC, HTTP_GROUP, ++order, Width.SHORT, "Max requests per second")
            .define(VALIDATE_PROBE_CONFIG, Type.BOOLEAN, VALIDATE_PROBE_DEFAULT, Importance.LOW, VALIDATE_PROBE_DOC,
                HTTP_GROUP, ++order, Width.SHORT, "Probe request on validate");
        order = HttpLimits.define(def, HTTP_GROUP, order);

        order = 0;
        def.define(AUTH_TYPE_CONFIG, Type.STRING, AUTH_TYPE_DEFAULT, ValidString.in(AuthType.configValues()),
                Importance.HIGH, AUTH_TYPE_DOC, AUTH_GROUP, ++order, Width.SHORT, "Authentication")
            .define(BASIC_USERNAME_CONFIG, Type.STRING, null, Importance.MEDIUM, BASIC_USERNAME_DOC, AUTH_GROUP,
                ++order, Width.MEDIUM, "User name")
            .define(BASIC_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, BASIC_PASSWORD_DOC, AUTH_GROUP,
                ++order, Width.MEDIUM, "Password")
            .define(BEARER_TOKEN_CONFIG, Type.PASSWORD, null, new HeaderValueValidator(), Importance.MEDIUM,
                BEARER_TOKEN_DOC, AUTH_GROUP, ++order, Width.MEDIUM, "Bearer token")
            .define(API_KEY_HEADER_CONFIG, Type.STRING, API_KEY_HEADER_DEFAULT, new HeaderNameValidator(),
                Importance.MEDIUM, API_KEY_HEADER_DOC, AUTH_GROUP, ++order, Width.MEDIUM, "API key header")
            .define(API_KEY_VALUE_CONFIG, Type.PASSWORD, null, new HeaderValueValidator(), Importance.MEDIUM,
                API_KEY_VALUE_DOC, AUTH_GROUP, ++order, Width.MEDIUM, "API key")
            .define(OAUTH2_TOKEN_URL_CONFIG, Type.STRING, null, new HttpUrlValidator(), Importance.MEDIUM,
                OAUTH2_TOKEN_URL_DOC, AUTH_GROUP, ++order, Width.LONG, "OAuth2 token URL")
            .define(OAUTH2_CLIENT_ID_CONFIG, Type.STRING, null, Importance.MEDIUM, OAUTH2_CLIENT_ID_DOC, AUTH_GROUP,
                ++order, Width.MEDIUM, "OAuth2 client id")
            .define(OAUTH2_CLIENT_SECRET_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, OAUTH2_CLIENT_SECRET_DOC,
                AUTH_GROUP, ++order, Width.MEDIUM, "OAuth2 client secret")
            .define(OAUTH2_SCOPE_CONFIG, Type.STRING, null, Importance.LOW, OAUTH2_SCOPE_DOC, AUTH_GROUP, ++order,
                Width.MEDIUM, "OAuth2 scope")
            .define(OAUTH2_CLIENT_AUTH_CONFIG, Type.STRING, OAUTH2_CLIENT_AUTH_DEFAULT,
                ValidString.in(Arrays.stream(OAuth2ClientCredentials.ClientAuth.values())
                    .map(value -> value.name().toLowerCase(Locale.ROOT)).toArray(String[]::new)),
                Importance.LOW, OAUTH2_CLIENT_AUTH_DOC, AUTH_GROUP, ++order, Width.SHORT, "OAuth2 client auth")
            .define(OAUTH2_REFRESH_MARGIN_CONFIG, Type.LONG, OAUTH2_REFRESH_MARGIN_DEFAULT, Range.atLeast(0),
                Importance.LOW, OAUTH2_REFRESH_MARGIN_DOC, AUTH_GROUP, ++order, Width.SHORT,
                "OAuth2 refresh margin (ms)")
            .define(ALLOW_HTTP_LOOPBACK_CONFIG, Type.BOOLEAN, ALLOW_HTTP_LOOPBACK_DEFAULT, Importance.LOW,
                ALLOW_HTTP_LOOPBACK_DOC, AUTH_GROUP, ++order, Width.SHORT, "Allow credentials over http:// to loopback");

        order = 0;
        def.define(TRUSTSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.MEDIUM, TRUSTSTORE_LOCATION_DOC,
                TLS_GROUP, ++order, Width.LONG, "Trust store")
            .define(TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, TRUSTSTORE_PASSWORD_DOC,
                TLS_GROUP, ++order, Width.MEDIUM, "Trust store password")
            .define(KEYSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.MEDIUM, KEYSTORE_LOCATION_DOC, TLS_GROUP,
                ++order, Width.LONG, "Client keystore")
            .define(KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, KEYSTORE_PASSWORD_DOC,
                TLS_GROUP, ++order, Width.MEDIUM, "Client keystore password")
            .define(KEY_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW, KEY_PASSWORD_DOC, TLS_GROUP, ++order,
                Width.MEDIUM, "Client key password")
            .define(TLS_SKIP_VERIFY_CONFIG, Type.BOOLEAN, TLS_SKIP_VERIFY_DEFAULT, Importance.LOW,
                TLS_SKIP_VERIFY_DOC, TLS_GROUP, ++order, Width.SHORT, "Skip TLS verification (tests only)");

        order = 0;
        def.define(PAGINATION_TYPE_CONFIG, Type.STRING, PAGINATION_TYPE_DEFAULT,
                ValidString.in(PAGINATION_TYPES.toArray(String[]::new)), Importance.HIGH, PAGINATION_TYPE_DOC,
                PAGINATION_GROUP, ++order, Width.SHORT, "Pagination")
            .define(CURSOR_POINTER_CONFIG, Type.STRING, null, JsonPointers.validator(true), Importance.MEDIUM,
                CURSOR_POINTER_DOC, PAGINATION_GROUP, ++order, Width.MEDIUM, "Cursor pointer")
            .define(CURSOR_PARAM_CONFIG, Type.STRING, CURSOR_PARAM_DEFAULT, new NonEmptyString(), Importance.MEDIUM,
                CURSOR_PARAM_DOC, PAGINATION_GROUP, ++order, Width.SHORT, "Cursor parameter")
            .define(NEXT_URL_POINTER_CONFIG, Type.STRING, null, JsonPointers.validator(true), Importance.MEDIUM,
                NEXT_URL_POINTER_DOC, PAGINATION_GROUP, ++order, Width.MEDIUM, "Next URL pointer")
            .define(PAGE_PARAM_CONFIG, Type.STRING, PAGE_PARAM_DEFAULT, new NonEmptyString(), Importance.MEDIUM,
                PAGE_PARAM_DOC, PAGINATION_GROUP, ++order, Width.SHORT, "Page parameter")
            .define(PAGE_START_CONFIG, Type.LONG, PAGE_START_DEFAULT, Range.atLeast(0), Importance.LOW,
                PAGE_START_DOC, PAGINATION_GROUP, ++order, Width.SHORT, "First page")
            .define(OFFSET_PARAM_CONFIG, Type.STRING, OFFSET_PARAM_DEFAULT, new NonEmptyString(), Importance.MEDIUM,
                OFFSET_PARAM_DOC, PAGINATION_GROUP, ++order, Width.SHORT, "Offset parameter")
            .define(LIMIT_PARAM_CONFIG, Type.STRING, LIMIT_PARAM_DEFAULT, new NonEmptyString(), Importance.MEDIUM,
                LIMIT_PARAM_DOC, PAGINATION_GROUP, ++order, Width.SHORT, "Page size parameter")
            .define(LIMIT_CONFIG, Type.INT, LIMIT_DEFAULT, Range.atLeast(0), Importance.MEDIUM, LIMIT_DOC,
                PAGINATION_GROUP, ++order, Width.SHORT, "Page size")
            .define(SINCE_POINTER_CONFIG, Type.STRING, null, JsonPointers.validator(true), Importance.MEDIUM,
                SINCE_POINTER_DOC, PAGINATION_GROUP, ++order, Width.MEDIUM, "Since field pointer")
            .define(SINCE_PARAM_CONFIG, Type.STRING, SINCE_PARAM_DEFAULT, new NonEmptyString(), Importance.MEDIUM,
                SINCE_PARAM_DOC, PAGINATION_GROUP, ++order, Width.SHORT, "Since parameter")
            .define(SINCE_INITIAL_CONFIG, Type.STRING, SINCE_INITIAL_DEFAULT, Importance.LOW, SINCE_INITIAL_DOC,
                PAGINATION_GROUP, ++order, Width.MEDIUM, "Initial watermark")
            .define(SINCE_FILTER_CONFIG, Type.STRING, SINCE_FILTER_DEFAULT,
                ConfigDef.ValidString.in(SincePagination.Filter.configValues()), Importance.MEDIUM, SINCE_FILTER_DOC,
                PAGINATION_GROUP, ++order, Width.SHORT, "Since filter")
            .define(MAX_PAGES_CONFIG, Type.INT, MAX_PAGES_DEFAULT, Range.atLeast(1), Importance.LOW, MAX_PAGES_DOC,
                PAGINATION_GROUP, ++order, Width.SHORT, "Max pages per walk");

        order = 0;
        def.define(RECORDS_POINTER_CONFIG, Type.STRING, RECORDS_POINTER_DEFAULT, JsonPointers.validator(false),
                Importance.HIGH, RECORDS_POINTER_DOC, RECORDS_GROUP, ++order, Width.MEDIUM, "Records pointer")
            .define(KEY_POINTER_CONFIG, Type.STRING, null, JsonPointers.validator(true), Importance.MEDIUM,
                KEY_POINTER_DOC, RECORDS_GROUP, ++order, Width.MEDIUM, "Key pointer")
            .define(VALUE_FORMAT_CONFIG, Type.STRING, VALUE_FORMAT_DEFAULT, ValidString.in(ValueFormat.configValues()),
                Importance.MEDIUM, VALUE_FORMAT_DOC, RECORDS_GROUP, ++order, Width.SHORT, "Value format")
            .define(TIMESTAMP_POINTER_CONFIG, Type.STRING, null, JsonPointers.validator(true), Importance.LOW,
                TIMESTAMP_POINTER_DOC, RECORDS_GROUP, ++order, Width.MEDIUM, "Timestamp pointer")
            .define(TOPIC_PREFIX_CONFIG, Type.STRING, TOPIC_PREFIX_DEFAULT, Importance.MEDIUM, TOPIC_PREFIX_DOC,
                RECORDS_GROUP, ++order, Width.MEDIUM, "Topic prefix")
            .define(TOPIC_TEMPLATE_CONFIG, Type.STRING, TOPIC_TEMPLATE_DEFAULT, new NonEmptyString(),
                Importance.MEDIUM, TOPIC_TEMPLATE_DOC, RECORDS_GROUP, ++order, Width.MEDIUM, "Topic template");

        order = 0;
        def.define(POLL_INTERVAL_CONFIG, Type.LONG, POLL_INTERVAL_DEFAULT, Range.atLeast(0), Importance.MEDIUM,
            POLL_INTERVAL_DOC, POLLING_GROUP, ++order, Width.SHORT, "Poll interval (ms)");
        return def;
    }

    // --- Cross-setting checks --------------------------------------------------------------------------------------

    /** A setting that is wrong given the others. */
    public record Problem(String key, String message) {
    }

    /** Every setting that is wrong given the others; empty if the configuration is usable. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        endpointProblems(problems);
        paginationProblems(problems);
        switch (authType()) {
            case BASIC -> {
                requireSet(problems, BASIC_USERNAME_CONFIG, getString(BASIC_USERNAME_CONFIG));
                requireSet(problems, BASIC_PASSWORD_CONFIG, passwordText(BASIC_PASSWORD_CONFIG));
            }
            case BEARER -> requireSet(problems, BEARER_TOKEN_CONFIG, passwordText(BEARER_TOKEN_CONFIG));
            case API_KEY -> requireSet(problems, API_KEY_VALUE_CONFIG, passwordText(API_KEY_VALUE_CONFIG));
            case OAUTH2 -> {
                requireSet(problems, OAUTH2_TOKEN_URL_CONFIG, getString(OAUTH2_TOKEN_URL_CONFIG));
                requireSet(problems, OAUTH2_CLIENT_ID_CONFIG, getString(OAUTH2_CLIENT_ID_CONFIG));
                requireSet(problems, OAUTH2_CLIENT_SECRET_CONFIG, passwordText(OAUTH2_CLIENT_SECRET_CONFIG));
            }
            default -> { }
        }
        plaintextCredentialProblems(problems);
        tlsProblems(problems);
        if (getLong(BACKOFF_MAX_CONFIG) < getLong(BACKOFF_CONFIG)) {
            problems.add(new Problem(BACKOFF_MAX_CONFIG, "must be at least " + BACKOFF_CONFIG + " ("
                + getLong(BACKOFF_CONFIG) + ")"));
        }
        return problems;
    }

    /** Credentials travel over https:// only, unless to a loopback host and explicitly allowed. */
    private void plaintextCredentialProblems(List<Problem> problems) {
        if (authType() == AuthType.NONE) {
            return;
        }
        boolean loopbackAllowed = getBoolean(ALLOW_HTTP_LOOPBACK_CONFIG);
        String fix = "use an https:// URL" + (loopbackAllowed ? ""
            : ", or, for a loopback host only (e.g. a TLS-terminating sidecar), set " + ALLOW_HTTP_LOOPBACK_CONFIG
                + "=true");
        List<String> targets = new ArrayList<>();
        if (!getString(BASE_URL_CONFIG).isEmpty()) {
            targets.add(getString(BASE_URL_CONFIG));
        }
        for (String entry : getList(ENDPOINTS_CONFIG)) {
            try {
                Endpoint.Spec spec = Endpoint.Spec.parse(entry);
                if (spec.isFullUrl()) {
                    targets.add(spec.url(""));
                }
            } catch (IllegalArgumentException e) {
                // Reported on 'endpoints' already.
            }
        }
        for (String target : targets) {
            if (sendsInClearText(target, loopbackAllowed)) {
                problems.add(new Problem(AUTH_TYPE_CONFIG, AUTH_TYPE_CONFIG + "=" + authType().configValue()
                    + " would send credentials in clear text to " + redacted(target) + "; " + fix));
                break;
            }
        }
        String tokenUrl = getString(OAUTH2_TOKEN_URL_CONFIG);
        if (authType() == AuthType.OAUTH2 && tokenUrl != null && sendsInClearText(tokenUrl, loopbackAllowed)) {
            problems.add(new Problem(OAUTH2_TOKEN_URL_CONFIG, "would send the client secret in clear text to "
                + redacted(tokenUrl) + "; " + fix));
        }
    }

    private static boolean sendsInClearText(String url, boolean loopbackAllowed) {
        URI uri;
        try {
            uri = Urls.parseHttpUrl(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return uri.getScheme().equalsIgnoreCase("http") && !(loopbackAllowed && Urls.isLoopback(uri));
    }

    private static String redacted(String url) {
        try {
            return Urls.redact(Urls.parseHttpUrl(url));
        } catch (IllegalArgumentException e) {
            return "(an invalid URL)";
        }
    }

    /** The stores must be readable with their passwords, here rather than in every task's start(). */
    private void tlsProblems(List<Problem> problems) {
        TlsSettings tls = tlsSettings();
        if (tls.skipVerification() && tls.trustStore().isPresent()) {
            problems.add(new Problem(TLS_SKIP_VERIFY_CONFIG, "cannot be combined with " + TRUSTSTORE_LOCATION_CONFIG
                + ": either verify against that trust store (recommended) or not at all"));
        }
        tls.trustStore().ifPresent(path -> {
            try {
                KeyStores.trustStore(path, tls.trustStorePassword());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(TRUSTSTORE_LOCATION_CONFIG, e.getMessage()));
            }
        });
        tls.keyStore().ifPresent(path -> {
            try {
                KeyStores.keyStore(path, tls.keyStorePassword(), tls.keyPassword());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(KEYSTORE_LOCATION_CONFIG, e.getMessage()));
            }
        });
    }

    private void requireSet(List<Problem> problems, String key, String value) {
        if (value == null || value.isBlank()) {
            String why = key.startsWith("auth.") ? AUTH_TYPE_CONFIG + "=" + getString(AUTH_TYPE_CONFIG)
                : PAGINATION_TYPE_CONFIG + "=" + paginationType();
            problems.add(new Problem(key, "is required with " + why));
        }
    }

    private String passwordText(String key) {
        Password password = getPassword(key);
        return password == null ? null : password.value();
    }

    private void paginationProblems(List<Problem> problems) {
        switch (paginationType()) {
            case CursorPagination.TYPE -> requireSet(problems, CURSOR_POINTER_CONFIG, getString(CURSOR_POINTER_CONFIG));
            case NextUrlPagination.BODY_TYPE ->
                requireSet(problems, NEXT_URL_POINTER_CONFIG, getString(NEXT_URL_POINTER_CONFIG));
            case OffsetLimitPagination.TYPE -> {
                if (getInt(LIMIT_CONFIG) <= 0) {
                    problems.add(new Problem(LIMIT_CONFIG, "must be greater than 0 with " + PAGINATION_TYPE_CONFIG
                        + "=" + OffsetLimitPagination.TYPE));
                }
            }
            case SincePagination.TYPE -> requireSet(problems, SINCE_POINTER_CONFIG, getString(SINCE_POINTER_CONFIG));
            default -> { }
        }
    }

    private void endpointProblems(List<Problem> problems) {
        Set<String> names = new HashSet<>();
        for (String entry : getList(ENDPOINTS_CONFIG)) {
            try {
                Endpoint.Spec spec = Endpoint.Spec.parse(entry);
                if (!names.add(spec.name())) {
                    problems.add(new Problem(ENDPOINTS_CONFIG, "two endpoints are named '" + spec.name()
                        + "'; name them explicitly, e.g. name=" + Urls.redact(spec.target())));
                }
                if (!spec.isFullUrl() && getString(BASE_URL_CONFIG).isEmpty()) {
                    problems.add(new Problem(BASE_URL_CONFIG, "is required: endpoint '"
                        + Urls.redact(entry.trim()) + "' is a path"));
                    continue;
                }
                Urls.parseHttpUrl(spec.url(getString(BASE_URL_CONFIG)));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(ENDPOINTS_CONFIG, "endpoint '" + Urls.redact(entry.trim()) + "': "
                    + e.getMessage()));
            }
        }
        for (Map.Entry<String, Object> override : originalsWithPrefix(ENDPOINT_PREFIX).entrySet()) {
            String key = ENDPOINT_PREFIX + override.getKey();
            // Endpoint names may hold dots (v1.orders), so the longest name the key starts with is the one meant.
            String name = names.stream().filter(n -> override.getKey().startsWith(n + "."))
                .max(Comparator.comparingInt(String::length)).orElse(null);
            String suffix = name == null ? "" : override.getKey().substring(name.length() + 1);
            if (name == null) {
                problems.add(new Problem(ENDPOINTS_CONFIG, key + " names no endpoint; endpoints are " + names));
            } else if (suffix.startsWith(PAGINATION_PREFIX)) {
                if (!CONFIG_DEF.names().contains(suffix)) {
                    problems.add(new Problem(ENDPOINTS_CONFIG, key + ": " + suffix + " is not a pagination setting"));
                }
            } else if (!ENDPOINT_SUFFIXES.contains(suffix)) {
                problems.add(new Problem(ENDPOINTS_CONFIG, key + " is not a per-endpoint setting; those are "
                    + ENDPOINT_PREFIX + name + ".{" + String.join(",", ENDPOINT_SUFFIXES.stream().sorted().toList())
                    + "," + PAGINATION_PREFIX + "*}"));
            } else if (suffix.equals(ENDPOINT_TOPIC_SUFFIX)
                    && !TopicNames.isLegal(String.valueOf(override.getValue()))) {
                problems.add(new Problem(ENDPOINTS_CONFIG, key + "=" + override.getValue() + " is not a legal"
                    + " topic name (letters, digits, '.', '_', '-', at most " + TopicNames.MAX_LENGTH + ")"));
            } else if (suffix.equals(ENDPOINT_RECORDS_POINTER_SUFFIX)) {
                try {
                    JsonPointers.parse(String.valueOf(override.getValue()));
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(ENDPOINTS_CONFIG, key + ": " + e.getMessage()));
                }
            }
        }
        for (String name : names) {
            if (paginationOverrides(name).isEmpty()) {
                continue;
            }
            try {
                List<Problem> own = new ArrayList<>();
                forEndpoint(name).paginationProblems(own);
                own.forEach(problem -> problems.add(new Problem(ENDPOINTS_CONFIG, ENDPOINT_PREFIX + name + "."
                    + problem.key() + " (or " + problem.key() + "): " + problem.message())));
            } catch (ConfigException e) {
                problems.add(new Problem(ENDPOINTS_CONFIG, "endpoint '" + name + "': " + e.getMessage()));
            }
        }
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
        if (value instanceof List<?> list) {
            return list.stream().map(entry -> Urls.redact(String.valueOf(entry))).toList();
        }
        if (value instanceof String text && definition != null && definition.type == Type.LIST) {
            return Arrays.stream(text.split(",", -1)).map(Urls::redact).collect(java.util.stream.Collectors.joining(","));
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

    // --- Typed accessors -------------------------------------------------------------------------------------------

    /** The endpoint list entries this configuration polls (all of them for the connector). */
    public List<String> endpointEntries() {
        return getList(ENDPOINTS_CONFIG);
    }

    /** The endpoints of {@link #endpointEntries()}, resolved; call {@link #requireValid()} first. */
    public List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        Map<String, Object> overrides = originalsWithPrefix(ENDPOINT_PREFIX);
        for (String entry : endpointEntries()) {
            Endpoint.Spec spec = Endpoint.Spec.parse(entry);
            URI url = Urls.parseHttpUrl(spec.url(getString(BASE_URL_CONFIG)));
            Object topic = overrides.get(spec.name() + "." + ENDPOINT_TOPIC_SUFFIX);
            Object pointer = overrides.get(spec.name() + "." + ENDPOINT_RECORDS_POINTER_SUFFIX);
            endpoints.add(new Endpoint(spec.name(), url,
                topic != null ? String.valueOf(topic)
                    : TopicNames.render(getString(TOPIC_TEMPLATE_CONFIG), getString(TOPIC_PREFIX_CONFIG), spec.name()),
                JsonPointers.parse(pointer != null ? String.valueOf(pointer) : getString(RECORDS_POINTER_CONFIG))));
        }
        return endpoints;
    }

    /** Names of every endpoint in {@link #endpointEntries()}. */
    public Set<String> endpointNames() {
        Set<String> names = new HashSet<>();
        endpointEntries().forEach(entry -> names.add(Endpoint.Spec.parse(entry).name()));
        return names;
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getLong(CONNECT_TIMEOUT_CONFIG));
    }

    public Duration readTimeout() {
        return Duration.ofMillis(getLong(READ_TIMEOUT_CONFIG));
    }

    public boolean validateProbe() {
        return getBoolean(VALIDATE_PROBE_CONFIG);
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(getInt(RETRIES_CONFIG), Duration.ofMillis(getLong(BACKOFF_CONFIG)),
            Duration.ofMillis(getLong(BACKOFF_MAX_CONFIG)));
    }

    /** The longest server-requested wait and the largest response body. */
    public HttpLimits httpLimits() {
        return HttpLimits.from(this);
    }

    public double maxRequestsPerSecond() {
        return getDouble(RATE_LIMIT_CONFIG);
    }

    public AuthType authType() {
        return AuthType.fromConfig(getString(AUTH_TYPE_CONFIG));
    }

    /**
     * The authenticator of {@link #authType()}; call {@link #requireValid()} first. OAuth2 fetches its tokens with
     * {@code client}, stopping when {@code stop} is raised.
     */
    public Authenticator authenticator(HttpClient client, StopSignal stop, String userAgent) {
        return switch (authType()) {
            case NONE -> Authenticator.NONE;
            case BASIC -> HeaderAuthenticator.basic(getString(BASIC_USERNAME_CONFIG), getPassword(BASIC_PASSWORD_CONFIG));
            case BEARER -> HeaderAuthenticator.bearer(getPassword(BEARER_TOKEN_CONFIG));
            case API_KEY -> HeaderAuthenticator.apiKey(getString(API_KEY_HEADER_CONFIG),
                getPassword(API_KEY_VALUE_CONFIG));
            case OAUTH2 -> new OAuth2ClientCredentials(oauth2Settings(), client, readTimeout(), stop, userAgent,
                Clock.systemUTC(), httpLimits().responseMaxBytes());
        };
    }

    /** The OAuth2 client of auth.type=oauth2; call {@link #requireValid()} first. */
    public OAuth2ClientCredentials.Settings oauth2Settings() {
        return new OAuth2ClientCredentials.Settings(Urls.parseHttpUrl(getString(OAUTH2_TOKEN_URL_CONFIG)),
            getString(OAUTH2_CLIENT_ID_CONFIG), getPassword(OAUTH2_CLIENT_SECRET_CONFIG),
            Optional.ofNullable(getString(OAUTH2_SCOPE_CONFIG)).filter(scope -> !scope.isBlank()),
            OAuth2ClientCredentials.ClientAuth.valueOf(getString(OAUTH2_CLIENT_AUTH_CONFIG).toUpperCase(Locale.ROOT)),
            Duration.ofMillis(getLong(OAUTH2_REFRESH_MARGIN_CONFIG)));
    }

    public TlsSettings tlsSettings() {
        return new TlsSettings(path(TRUSTSTORE_LOCATION_CONFIG), getPassword(TRUSTSTORE_PASSWORD_CONFIG),
            path(KEYSTORE_LOCATION_CONFIG), getPassword(KEYSTORE_PASSWORD_CONFIG), getPassword(KEY_PASSWORD_CONFIG),
            getBoolean(TLS_SKIP_VERIFY_CONFIG));
    }

    /** The HTTP client's TLS context, or null for the JVM's default; call {@link #requireValid()} first. */
    public SSLContext sslContext() {
        TlsSettings tls = tlsSettings();
        return tls.isDefault() ? null : SslContexts.create(tls);
    }

    private Optional<Path> path(String key) {
        return Optional.ofNullable(getString(key)).filter(text -> !text.isBlank()).map(text -> Path.of(text.trim()));
    }

    public String paginationType() {
        return getString(PAGINATION_TYPE_CONFIG);
    }

    /** The strategy of {@link #paginationType()}, or {@code null} if its required settings are missing. */
    /** The connector's own pagination, which endpoints without endpoint.<name>.pagination.* settings use. */
    public Pagination pagination() {
        return pagination;
    }

    /** The pagination of one endpoint: the connector's, with the endpoint's own pagination.* settings over it. */
    public Pagination pagination(String endpoint) {
        return forEndpoint(endpoint).pagination;
    }

    /** The pagination.type of one endpoint. */
    public String paginationType(String endpoint) {
        return forEndpoint(endpoint).paginationType();
    }

    /** This configuration as one endpoint sees it: its endpoint.<name>.pagination.* settings in place. */
    private RestSourceConfig forEndpoint(String endpoint) {
        Map<String, Object> overrides = paginationOverrides(endpoint);
        if (overrides.isEmpty()) {
            return this;
        }
        Map<String, Object> merged = new HashMap<>(originals());
        merged.putAll(overrides);
        return new RestSourceConfig(merged);
    }

    private Map<String, Object> paginationOverrides(String endpoint) {
        Map<String, Object> overrides = new HashMap<>();
        originalsWithPrefix(ENDPOINT_PREFIX + endpoint + "." + PAGINATION_PREFIX)
            .forEach((key, value) -> overrides.put(PAGINATION_PREFIX + key, value));
        return overrides;
    }

    private Pagination buildPagination() {
        FixedParams params = new FixedParams(getString(LIMIT_PARAM_CONFIG), getInt(LIMIT_CONFIG));
        String cursorPointer = getString(CURSOR_POINTER_CONFIG);
        String nextUrlPointer = getString(NEXT_URL_POINTER_CONFIG);
        String sincePointer = getString(SINCE_POINTER_CONFIG);
        return switch (paginationType()) {
            case CursorPagination.TYPE -> cursorPointer == null ? null
                : new CursorPagination(JsonPointers.parse(cursorPointer), getString(CURSOR_PARAM_CONFIG), params);
            case NextUrlPagination.BODY_TYPE -> nextUrlPointer == null ? null
                : NextUrlPagination.fromBody(JsonPointers.parse(nextUrlPointer), params);
            case NextUrlPagination.LINK_HEADER_TYPE -> NextUrlPagination.fromLinkHeader(params);
            case PageNumberPagination.TYPE ->
                new PageNumberPagination(getString(PAGE_PARAM_CONFIG), getLong(PAGE_START_CONFIG), params);
            case OffsetLimitPagination.TYPE -> params.limit() <= 0 ? null
                : new OffsetLimitPagination(getString(OFFSET_PARAM_CONFIG), params);
            case SincePagination.TYPE -> sincePointer == null ? null
                : new SincePagination(JsonPointers.parse(sincePointer), getString(SINCE_PARAM_CONFIG),
                    getString(SINCE_INITIAL_CONFIG),
                    SincePagination.Filter.fromConfig(getString(SINCE_FILTER_CONFIG)), params);
            default -> new NoPagination(params);
        };
    }

    public int maxPages() {
        return getInt(MAX_PAGES_CONFIG);
    }

    public Optional<JsonPointer> keyPointer() {
        return Optional.ofNullable(getString(KEY_POINTER_CONFIG)).map(JsonPointers::parse);
    }

    public ValueFormat valueFormat() {
        return ValueFormat.fromConfig(getString(VALUE_FORMAT_CONFIG));
    }

    public Optional<JsonPointer> timestampPointer() {
        return Optional.ofNullable(getString(TIMESTAMP_POINTER_CONFIG)).map(JsonPointers::parse);
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_CONFIG));
    }

    // --- Enumerated values -----------------------------------------------------------------------------------------

    /** The values of {@value #AUTH_TYPE_CONFIG}. */
    public enum AuthType {
        NONE, BASIC, BEARER, API_KEY, OAUTH2;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static AuthType fromConfig(String value) {
            return Arrays.stream(values()).filter(type -> type.configValue().equals(value)).findFirst()
                .orElseThrow(() -> new ConfigException(AUTH_TYPE_CONFIG, value, "unknown authentication type"));
        }

        static String[] configValues() {
            return Arrays.stream(values()).map(AuthType::configValue).toArray(String[]::new);
        }
    }

    /** The values of {@value #VALUE_FORMAT_CONFIG}. */
    public enum ValueFormat {
        JSON_STRING, SCHEMALESS;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static ValueFormat fromConfig(String value) {
            return Arrays.stream(values()).filter(format -> format.configValue().equals(value)).findFirst()
                .orElseThrow(() -> new ConfigException(VALUE_FORMAT_CONFIG, value, "unknown value format"));
        }

        static String[] configValues() {
            return Arrays.stream(values()).map(ValueFormat::configValue).toArray(String[]::new);
        }
    }

    // --- Validators ------------------------------------------------------------------------------------------------

    private static final class HttpUrlValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = (String) value;
            if (text == null || text.isEmpty()) {
                return;
            }
            try {
                Urls.parseHttpUrl(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, shown(name, value), e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "an http:// or https:// URL, or empty";
        }
    }

    private static final class EndpointsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> entries = (List<String>) value;
            if (entries == null || entries.isEmpty()) {
                throw new ConfigException(name, shown(name, value), "at least one endpoint is required");
            }
            for (String entry : entries) {
                try {
                    Endpoint.Spec.parse(entry);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, shown(name, value), e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return "one or more of /path, https://host/path or name=/path, comma-separated";
        }
    }

    private static final class HeaderNameValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            HeaderChecks.nameProblem((String) value).ifPresent(problem -> {
                throw new ConfigException(name, value, problem);
            });
        }

        @Override
        public String toString() {
            return "an HTTP header name, not a hop-by-hop or restricted one (Host, Connection, Content-Length, ...)";
        }
    }

    /** A secret sent in a request header: no line breaks or control characters. The value is never quoted. */
    private static final class HeaderValueValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value instanceof Password password) {
                HeaderChecks.valueProblem(password.value()).ifPresent(problem -> {
                    // ConfigException prints a Password as [hidden].
                    throw new ConfigException(name, password, problem);
                });
            }
        }

        @Override
        public String toString() {
            return "a value without line breaks or control characters";
        }
    }
}
