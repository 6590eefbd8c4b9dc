package dev.spillway.connect.rest.auth;

import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.common.config.VisibleWhen;
import dev.spillway.connect.rest.net.HttpUrlValidator;
import dev.spillway.connect.rest.net.Urls;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code auth.*} settings: how requests authenticate, and the authenticator they ask for. */
public final class AuthSettings {

    private static final String GROUP = "Authentication";

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
    public static final String ALLOW_HTTP_LOOPBACK_DOC = "Credentials (any auth.type but none, and"
        + " http.request.headers.secret) are sent over"
        + " https:// only: an http:// endpoint, base URL or token URL is a configuration error. true allows http://"
        + " to loopback hosts (localhost, 127.0.0.0/8, [::1]) only, e.g. a TLS-terminating sidecar on the worker's"
        + " host or a test server; other http:// hosts stay refused.";
    public static final boolean ALLOW_HTTP_LOOPBACK_DEFAULT = false;

    private final Map<String, ?> values;
    private final AuthType type;

    /** @param values parsed values of a configuration that went through {@link #define} */
    public AuthSettings(Map<String, ?> values) {
        this.values = values;
        this.type = ConfigChoice.parse(AuthType.class, AUTH_TYPE_CONFIG, text(AUTH_TYPE_CONFIG));
    }

    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def.define(AUTH_TYPE_CONFIG, Type.STRING, AUTH_TYPE_DEFAULT, ConfigChoice.validator(AuthType.class),
                Importance.HIGH, AUTH_TYPE_DOC, GROUP, ++order, Width.SHORT, "Authentication",
                ConfigChoice.recommender(AuthType.class))
            .define(BASIC_USERNAME_CONFIG, Type.STRING, null, null, Importance.MEDIUM, BASIC_USERNAME_DOC, GROUP,
                ++order, Width.MEDIUM, "User name", shownFor(BASIC_USERNAME_CONFIG))
            .define(BASIC_PASSWORD_CONFIG, Type.PASSWORD, null, null, Importance.MEDIUM, BASIC_PASSWORD_DOC, GROUP,
                ++order, Width.MEDIUM, "Password", shownFor(BASIC_PASSWORD_CONFIG))
            .define(BEARER_TOKEN_CONFIG, Type.PASSWORD, null, new HeaderValidators.SecretValue(), Importance.MEDIUM,
                BEARER_TOKEN_DOC, GROUP, ++order, Width.MEDIUM, "Bearer token", shownFor(BEARER_TOKEN_CONFIG))
            .define(API_KEY_HEADER_CONFIG, Type.STRING, API_KEY_HEADER_DEFAULT, new HeaderValidators.Name(),
                Importance.MEDIUM, API_KEY_HEADER_DOC, GROUP, ++order, Width.MEDIUM, "API key header",
                shownFor(API_KEY_HEADER_CONFIG))
            .define(API_KEY_VALUE_CONFIG, Type.PASSWORD, null, new HeaderValidators.SecretValue(), Importance.MEDIUM,
                API_KEY_VALUE_DOC, GROUP, ++order, Width.MEDIUM, "API key", shownFor(API_KEY_VALUE_CONFIG))
            .define(OAUTH2_TOKEN_URL_CONFIG, Type.STRING, null, new HttpUrlValidator(), Importance.MEDIUM,
                OAUTH2_TOKEN_URL_DOC, GROUP, ++order, Width.LONG, "OAuth2 token URL",
                shownFor(OAUTH2_TOKEN_URL_CONFIG))
            .define(OAUTH2_CLIENT_ID_CONFIG, Type.STRING, null, null, Importance.MEDIUM, OAUTH2_CLIENT_ID_DOC, GROUP,
                ++order, Width.MEDIUM, "OAuth2 client id", shownFor(OAUTH2_CLIENT_ID_CONFIG))
            .define(OAUTH2_CLIENT_SECRET_CONFIG, Type.PASSWORD, null, null, Importance.MEDIUM,
                OAUTH2_CLIENT_SECRET_DOC, GROUP, ++order, Width.MEDIUM, "OAuth2 client secret",
                shownFor(OAUTH2_CLIENT_SECRET_CONFIG))
            .define(OAUTH2_SCOPE_CONFIG, Type.STRING, null, null, Importance.LOW, OAUTH2_SCOPE_DOC, GROUP, ++order,
                Width.MEDIUM, "OAuth2 scope", shownFor(OAUTH2_SCOPE_CONFIG))
            .define(OAUTH2_CLIENT_AUTH_CONFIG, Type.STRING, OAUTH2_CLIENT_AUTH_DEFAULT,
                ConfigChoice.validator(OAuth2ClientCredentials.ClientAuth.class), Importance.LOW,
                OAUTH2_CLIENT_AUTH_DOC, GROUP, ++order, Width.SHORT, "OAuth2 client auth",
                shownFor(OAUTH2_CLIENT_AUTH_CONFIG).listing(OAuth2ClientCredentials.ClientAuth.class))
            .define(OAUTH2_REFRESH_MARGIN_CONFIG, Type.LONG, OAUTH2_REFRESH_MARGIN_DEFAULT, Range.atLeast(0),
                Importance.LOW, OAUTH2_REFRESH_MARGIN_DOC, GROUP, ++order, Width.SHORT, "OAuth2 refresh margin (ms)",
                shownFor(OAUTH2_REFRESH_MARGIN_CONFIG))
            .define(ALLOW_HTTP_LOOPBACK_CONFIG, Type.BOOLEAN, ALLOW_HTTP_LOOPBACK_DEFAULT, null, Importance.LOW,
                ALLOW_HTTP_LOOPBACK_DOC, GROUP, ++order, Width.SHORT, "Allow credentials over http:// to loopback",
                VisibleWhen.keyIs(AUTH_TYPE_CONFIG, Arrays.stream(AuthType.values())
                    .filter(type -> type != AuthType.NONE).toArray(AuthType[]::new)));
    }

    /** Visible only for the auth types whose {@link AuthType#keys()} hold {@code key}. */
    private static VisibleWhen shownFor(String key) {
        return VisibleWhen.keyIs(AUTH_TYPE_CONFIG, Arrays.stream(AuthType.values())
            .filter(type -> type.keys().contains(key)).toArray(AuthType[]::new));
    }

    public AuthType type() {
        return type;
    }

    /**
     * The authenticator of {@link #type()}; only when {@link #problems} is empty. OAuth2 fetches its tokens over
     * {@code transport}.
     */
    public Authenticator authenticator(TokenTransport transport) {
        return type.create(this, transport);
    }

    /** The OAuth2 client of auth.type=oauth2; only when {@link #problems} is empty. */
    public OAuth2ClientCredentials.Settings oauth2() {
        return new OAuth2ClientCredentials.Settings(Urls.parseHttpUrl(text(OAUTH2_TOKEN_URL_CONFIG)),
            text(OAUTH2_CLIENT_ID_CONFIG), password(OAUTH2_CLIENT_SECRET_CONFIG),
            Optional.ofNullable(text(OAUTH2_SCOPE_CONFIG)).filter(scope -> !scope.isBlank()),
            ConfigChoice.parse(OAuth2ClientCredentials.ClientAuth.class, OAUTH2_CLIENT_AUTH_CONFIG,
                text(OAUTH2_CLIENT_AUTH_CONFIG)),
            Duration.ofMillis((Long) values.get(OAUTH2_REFRESH_MARGIN_CONFIG)));
    }

    /**
     * Every setting that is wrong given the others: a required key of the type unset, or credentials that would
     * travel in clear text to one of {@code targets} (the base URL and full endpoint URLs) or the token URL.
     */
    public List<Problem> problems(List<String> targets) {
        List<Problem> problems = new ArrayList<>();
        for (String key : type.requiredKeys()) {
            String value = text(key);
            if (value == null || value.isBlank()) {
                problems.add(new Problem(key, "is required with " + AUTH_TYPE_CONFIG + "=" + type.configValue()));
            }
        }
        if (type != AuthType.NONE) {
            plaintextCredentialProblems(targets, problems);
        }
        return problems;
    }

    /** Credentials travel over https:// only, unless to a loopback host and explicitly allowed. */
    private void plaintextCredentialProblems(List<String> targets, List<Problem> problems) {
        problems.addAll(clearTextProblems(AUTH_TYPE_CONFIG, AUTH_TYPE_CONFIG + "=" + type.configValue()
            + " would send credentials", targets));
        boolean loopbackAllowed = (Boolean) values.get(ALLOW_HTTP_LOOPBACK_CONFIG);
        String tokenUrl = text(OAUTH2_TOKEN_URL_CONFIG);
        if (type == AuthType.OAUTH2 && tokenUrl != null && sendsInClearText(tokenUrl, loopbackAllowed)) {
            problems.add(new Problem(OAUTH2_TOKEN_URL_CONFIG, "would send the client secret in clear text to "
                + redacted(tokenUrl) + "; " + fix(loopbackAllowed)));
        }
    }

    /**
     * A problem of {@code key} if a secret ({@code what}, e.g. "would send secret headers") would travel in clear
     * text to one of {@code targets}: the same rule, and the same {@value #ALLOW_HTTP_LOOPBACK_CONFIG} exception,
     * for every secret sent to the API.
     */
    public List<Problem> clearTextProblems(String key, String what, List<String> targets) {
        boolean loopbackAllowed = (Boolean) values.get(ALLOW_HTTP_LOOPBACK_CONFIG);
        for (String target : targets) {
            if (sendsInClearText(target, loopbackAllowed)) {
                return List.of(new Problem(key, what + " in clear text to " + redacted(target) + "; "
                    + fix(loopbackAllowed)));
            }
        }
        return List.of();
    }

    private static String fix(boolean loopbackAllowed) {
        return "use an https:// URL" + (loopbackAllowed ? ""
            : ", or, for a loopback host only (e.g. a TLS-terminating sidecar), set " + ALLOW_HTTP_LOOPBACK_CONFIG
                + "=true");
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

    /** A string setting, or a password's text. */
    String text(String key) {
        Object value = values.get(key);
        return value instanceof Password password ? password.value() : (String) value;
    }

    Password password(String key) {
        return (Password) values.get(key);
    }
}
