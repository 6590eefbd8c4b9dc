package dev.spillway.connect.rest.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.rest.net.HeaderChecks;
import dev.spillway.connect.rest.net.HttpLimits;
import dev.spillway.connect.rest.net.Requests;
import dev.spillway.connect.rest.net.ResponseTooLargeException;
import dev.spillway.connect.rest.net.RetryAfter;
import dev.spillway.connect.rest.net.ServerText;
import dev.spillway.connect.rest.net.StopSignal;
import dev.spillway.connect.rest.net.Urls;
import org.apache.kafka.common.config.types.Password;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * OAuth2 client credentials grant (RFC 6749 section 4.4): fetches an access token from the token endpoint, sends
 * it as {@code Authorization: Bearer}, and caches it until shortly before it expires ({@code expires_in} minus
 * the refresh margin, at most half the lifetime). A 401 from the API drops the cached token, so the next request
 * fetches a new one. Neither the client secret nor a token is ever logged or put into an exception message.
 */
public final class OAuth2ClientCredentials implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(OAuth2ClientCredentials.class);
    /** Token responses are small: tight limits, set explicitly so a Jackson upgrade does not loosen them. */
    private static final JsonFactory JSON = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(100)
            .maxStringLength(1_000_000).maxNameLength(10_000).build())
        .build();

    /** How the client authenticates to the token endpoint (RFC 6749 section 2.3.1). */
    public enum ClientAuth implements ConfigChoice {
        /** {@code Authorization: Basic}, which every server must support. */
        BASIC,
        /** {@code client_id} and {@code client_secret} in the form body. */
        BODY;

        @Override
        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The settings of one client. */
    public record Settings(URI tokenUrl, String clientId, Password clientSecret, Optional<String> scope,
                           ClientAuth clientAuth, Duration refreshMargin) {
        public Settings {
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
        }

        @Override
        public String toString() {
            return "Settings[tokenUrl=" + Urls.redact(tokenUrl) + ", clientId=" + clientId + ", scope="
                + scope.orElse("") + ", clientAuth=" + clientAuth + "]";
        }
    }

    private record Token(Password value, Instant renewAt) {
    }

    private final Settings settings;
    private final HttpClient client;
    private final Duration timeout;
    private final StopSignal stop;
    private final String userAgent;
    private final Clock clock;
    private final long maxBytes;
    private Token token;

    public OAuth2ClientCredentials(Settings settings, HttpClient client, Duration timeout, StopSignal stop,
                                   String userAgent, Clock clock) {
        this(settings, client, timeout, stop, userAgent, clock, HttpLimits.RESPONSE_MAX_BYTES_DEFAULT);
    }

    /** @param maxBytes the largest token response read ({@value HttpLimits#RESPONSE_MAX_BYTES_CONFIG}) */
    public OAuth2ClientCredentials(Settings settings, HttpClient client, Duration timeout, StopSignal stop,
                                   String userAgent, Clock clock, long maxBytes) {
        this.maxBytes = maxBytes;
        this.settings = settings;
        this.client = client;
        this.timeout = timeout;
        this.stop = stop;
        this.userAgent = userAgent;
        this.clock = clock;
    }

    @Override
    public synchronized void authenticate(HttpRequest.Builder request) throws IOException {
        if (token == null || !clock.instant().isBefore(token.renewAt())) {
            token = fetchToken();
        }
        request.setHeader("Authorization", "Bearer " + token.value().value());
    }

    @Override
    public synchronized boolean renewAfterUnauthorized() {
        token = null;
        return true;
    }

    @Override
    public String describe() {
        return "oauth2 (client " + settings.clientId() + ", token endpoint " + Urls.redact(settings.tokenUrl()) + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    private Token fetchToken() throws IOException {
        String where = "the OAuth2 token endpoint " + Urls.redact(settings.tokenUrl());
        HttpResponse<byte[]> response;
        try {
            response = Requests.send(client, tokenRequest(), timeout, stop, maxBytes);
        } catch (ResponseTooLargeException e) {
            throw new TokenRequestException(where + " answered with " + e.getMessage(), false, Optional.empty(), e);
        } catch (IOException e) {
            throw new TokenRequestException(where + " could not be reached (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", true, Optional.empty(), e);
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            boolean transientStatus = status == 408 || status == 429 || status >= 500;
            Optional<Duration> retryAfter = transientStatus
                ? RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant())
                : Optional.empty();
            throw new TokenRequestException(where + " answered HTTP " + status + errorOf(response.body())
                + (transientStatus ? "" : "; check auth.oauth2.client.id, auth.oauth2.client.secret,"
                    + " auth.oauth2.client.auth and auth.oauth2.scope"), transientStatus, retryAfter, null);
        }
        TokenResponse parsed;
        try {
            parsed = TokenResponse.parse(response.body());
        } catch (IOException | IllegalArgumentException e) {
            // The message of a parse error quotes the body, which may hold the token: leave it out.
            throw new TokenRequestException(where + " answered HTTP " + status + " with a body that is not an"
                + " OAuth2 token response: " + (e instanceof IllegalArgumentException ? e.getMessage() : "not JSON"),
                false, Optional.empty(), null);
        }
        Instant now = clock.instant();
        Instant renewAt = Instant.MAX;
        String lifetime = "no expires_in, so it is kept until the API refuses it";
        if (parsed.expiresIn().isPresent()) {
            Duration expiresIn = parsed.expiresIn().get();
            Duration margin = settings.refreshMargin();
            if (margin.compareTo(expiresIn.dividedBy(2)) > 0) {
                margin = expiresIn.dividedBy(2);
            }
            renewAt = now.plus(expiresIn).minus(margin);
            lifetime = "expires in " + expiresIn.toSeconds() + " s, renewed after "
                + expiresIn.minus(margin).toMillis() + " ms";
        }
        LOG.info("Fetched an OAuth2 access token for client {} from {} ({})", settings.clientId(),
            Urls.redact(settings.tokenUrl()), lifetime);
        return new Token(new Password(parsed.accessToken()), renewAt);
    }

    private HttpRequest tokenRequest() {
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        settings.scope().ifPresent(scope -> form.append("&scope=").append(encode(scope)));
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.tokenUrl())
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .header("User-Agent", userAgent);
        if (settings.clientAuth() == ClientAuth.BASIC) {
            // RFC 6749 2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
            String credentials = encode(settings.clientId()) + ":" + encode(settings.clientSecret().value());
            request.header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.append("&client_id=").append(encode(settings.clientId()))
                .append("&client_secret=").append(encode(settings.clientSecret().value()));
        }
        return request.POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /**
     * {@code ": error (error_description)"} of an RFC 6749 5.2 error response, or empty. Only these two fields are
     * quoted: a server that echoes the request would otherwise put the client secret into the message.
     */
    private static String errorOf(byte[] body) {
        String error = null;
        String description = null;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "";
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && field.equals("error")) {
                    error = parser.getText();
                } else if (value == JsonToken.VALUE_STRING && field.equals("error_description")) {
                    description = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return "";
        }
        if (error == null) {
            return "";
        }
        return ": " + ServerText.quote(error) + (description == null ? "" : " (" + ServerText.quote(description) + ")");
    }

    /** The fields of a successful token response (RFC 6749 section 5.1) that matter here. */
    record TokenResponse(String accessToken, Optional<Duration> expiresIn) {

        /** The longest {@code expires_in} taken at its word. */
        static final Duration LONGEST_LIFETIME = Duration.ofDays(365);

        static TokenResponse parse(byte[] body) throws IOException {
            String accessToken = null;
            String tokenType = null;
            Duration expiresIn = null;
            try (JsonParser parser = JSON.createParser(body)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    switch (field) {
                        case "access_token" -> accessToken = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                        case "token_type" -> tokenType = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                        case "expires_in" -> expiresIn = lifetime(parser, value);
                        default -> parser.skipChildren();
                    }
                }
            }
            if (accessToken == null || accessToken.isEmpty()) {
                throw new IllegalArgumentException("it has no access_token");
            }
            // The token goes into a request header: one with a line break would make every request throw.
            HeaderChecks.valueProblem(accessToken).ifPresent(problem -> {
                throw new IllegalArgumentException("its access_token " + problem);
            });
            if (tokenType != null && !tokenType.equalsIgnoreCase("bearer")) {
                throw new IllegalArgumentException("token_type is '" + ServerText.quote(tokenType) + "', only Bearer"
                    + " tokens are supported");
            }
            return new TokenResponse(accessToken, Optional.ofNullable(expiresIn));
        }

        /** expires_in in seconds, as a number or, as some servers send it, a string; unusable values count as absent. */
        private static Duration lifetime(JsonParser parser, JsonToken value) throws IOException {
            try {
                long seconds = switch (value) {
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getValueAsLong();
                    case VALUE_STRING -> Long.parseLong(parser.getText().trim());
                    default -> -1;
                };
                // A lifetime of centuries would overflow the renewal instant: a year is as good as for ever here.
                return seconds > 0 ? Duration.ofSeconds(Math.min(seconds, LONGEST_LIFETIME.toSeconds())) : null;
            } catch (NumberFormatException | InputCoercionException e) {
                // 1e30 or twenty digits: no long holds it, so it is as good as absent.
                return null;
            }
        }
    }
}
