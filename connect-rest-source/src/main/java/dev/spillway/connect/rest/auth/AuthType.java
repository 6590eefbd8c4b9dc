package dev.spillway.connect.rest.auth;

import dev.spillway.connect.common.config.ConfigChoice;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import static dev.spillway.connect.rest.auth.AuthSettings.API_KEY_HEADER_CONFIG;
import static dev.spillway.connect.rest.auth.AuthSettings.API_KEY_VALUE_CONFIG;
import static dev.spillway.connect.rest.auth.AuthSettings.BASIC_PASSWORD_CONFIG;
import static dev.spillway.connect.rest.auth.AuthSettings.BASIC_USERNAME_CONFIG;
import static dev.spillway.connect.rest.auth.AuthSettings.BEARER_TOKEN_CONFIG;
import static dev.spillway.connect.rest.auth.AuthSettings.OAUTH2_CLIENT_AUTH_CONFIG;
import static dev.spillway.connect.rest.auth.AuthSettings.OAUTH2_CLIENT_ID_CONFIG;
import static dev.spillway.connect.rest.auth.AuthSettings.OAUTH2_CLIENT_SECRET_CONFIG;
import static dev.spillway.connect.rest.auth.AuthSettings.OAUTH2_REFRESH_MARGIN_CONFIG;
import static dev.spillway.connect.rest.auth.AuthSettings.OAUTH2_SCOPE_CONFIG;
import static dev.spillway.connect.rest.auth.AuthSettings.OAUTH2_TOKEN_URL_CONFIG;

/**
 * The values of {@code auth.type}. Each one owns the keys it reads (shown by config UIs only for it), the keys it
 * cannot do without, and how it builds its {@link Authenticator}. A new type is one constant here plus its
 * authenticator (and its keys in {@link AuthSettings}).
 */
public enum AuthType implements ConfigChoice {

    NONE(List.of(), List.of()) {
        @Override
        Authenticator create(AuthSettings settings, TokenTransport transport) {
            return Authenticator.NONE;
        }
    },
    BASIC(List.of(BASIC_USERNAME_CONFIG, BASIC_PASSWORD_CONFIG), List.of(BASIC_USERNAME_CONFIG, BASIC_PASSWORD_CONFIG)) {
        @Override
        Authenticator create(AuthSettings settings, TokenTransport transport) {
            return HeaderAuthenticator.basic(settings.text(BASIC_USERNAME_CONFIG),
                settings.password(BASIC_PASSWORD_CONFIG));
        }
    },
    BEARER(List.of(BEARER_TOKEN_CONFIG), List.of(BEARER_TOKEN_CONFIG)) {
        @Override
        Authenticator create(AuthSettings settings, TokenTransport transport) {
            return HeaderAuthenticator.bearer(settings.password(BEARER_TOKEN_CONFIG));
        }
    },
    API_KEY(List.of(API_KEY_HEADER_CONFIG, API_KEY_VALUE_CONFIG), List.of(API_KEY_VALUE_CONFIG)) {
        @Override
        Authenticator create(AuthSettings settings, TokenTransport transport) {
            return HeaderAuthenticator.apiKey(settings.text(API_KEY_HEADER_CONFIG),
                settings.password(API_KEY_VALUE_CONFIG));
        }
    },
    OAUTH2(List.of(OAUTH2_TOKEN_URL_CONFIG, OAUTH2_CLIENT_ID_CONFIG, OAUTH2_CLIENT_SECRET_CONFIG, OAUTH2_SCOPE_CONFIG,
            OAUTH2_CLIENT_AUTH_CONFIG, OAUTH2_REFRESH_MARGIN_CONFIG),
            List.of(OAUTH2_TOKEN_URL_CONFIG, OAUTH2_CLIENT_ID_CONFIG, OAUTH2_CLIENT_SECRET_CONFIG)) {
        @Override
        Authenticator create(AuthSettings settings, TokenTransport transport) {
            return new OAuth2ClientCredentials(settings.oauth2(), transport.client(), transport.readTimeout(),
                transport.stop(), transport.userAgent(), Clock.systemUTC(), transport.responseMaxBytes());
        }
    };

    private final List<String> keys;
    private final List<String> requiredKeys;

    AuthType(List<String> keys, List<String> requiredKeys) {
        this.keys = keys;
        this.requiredKeys = requiredKeys;
    }

    @Override
    public String configValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The auth.* keys only this type reads. */
    public List<String> keys() {
        return keys;
    }

    /** The keys that must be set (not blank) with this type. */
    List<String> requiredKeys() {
        return requiredKeys;
    }

    /** The authenticator; only called when {@link AuthSettings#problems} found none. */
    abstract Authenticator create(AuthSettings settings, TokenTransport transport);
}
