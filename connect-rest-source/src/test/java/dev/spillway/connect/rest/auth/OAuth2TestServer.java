package dev.spillway.connect.rest.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spillway.connect.rest.tls.TestCertificates;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth2 authorization server and a protected API in one loopback server: {@code POST /token} issues tokens
 * for the client credentials grant, and every other path demands a valid bearer token and is then forwarded to
 * an upstream API (the sample API). Tokens expire by the given clock.
 */
public final class OAuth2TestServer implements AutoCloseable {

    public static final String CLIENT_ID = "spillway-client";
    public static final String CLIENT_SECRET = "cl13nt-s3cr3t-value";
    public static final String TOKEN_PREFIX = "t0k3n-";

    /** One token request: its Authorization header (or null) and its form fields. */
    public record TokenRequest(String authorization, Map<String, String> form) {
    }

    private record Fault(int status, String body) {
    }

    private final HttpServer server;
    private final String scheme;
    private final Clock clock;
    private final URI upstream;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient forwarder = HttpClient.newHttpClient();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final AtomicInteger apiRequests = new AtomicInteger();
    private final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private final Deque<Fault> tokenFaults = new ArrayDeque<>();
    private volatile long expiresInSeconds = 3600;
    private volatile boolean refuseEveryToken;
    private final AtomicInteger refuseNext = new AtomicInteger();
    private volatile long apiDelayMillis;

    private OAuth2TestServer(HttpServer server, String scheme, Clock clock, URI upstream) {
        this.server = server;
        this.scheme = scheme;
        this.clock = clock;
        this.upstream = upstream;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Plain http:// on 127.0.0.1, forwarding API requests to {@code upstream}. */
    public static OAuth2TestServer plain(Clock clock, URI upstream) {
        try {
            return new OAuth2TestServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), "http", clock,
                upstream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** https:// on 127.0.0.1 with the test server certificate. */
    public static OAuth2TestServer https(Clock clock, URI upstream, TestCertificates certs) {
        return https(clock, upstream, certs, false);
    }

    /** Like {@link #https(Clock, URI, TestCertificates)}, optionally accepting only the test client certificate. */
    public static OAuth2TestServer https(Clock clock, URI upstream, TestCertificates certs,
                                         boolean requireClientCertificate) {
        return new OAuth2TestServer(certs.newServer(requireClientCertificate), "https", clock, upstream);
    }

    public URI baseUrl() {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    public URI tokenUrl() {
        return baseUrl().resolve("/token");
    }

    /** expires_in of later tokens; 0 to leave it out. */
    public void expiresIn(long seconds) {
        this.expiresInSeconds = seconds;
    }

    /** Every token issued so far stops working, as after a key rotation. */
    public void revokeAll() {
        tokens.clear();
    }

    /** The API refuses every token, however new. */
    public void refuseEveryToken() {
        this.refuseEveryToken = true;
    }

    /** The next API request is refused whatever its token, as if the token had just been revoked. */
    public void refuseNextApiRequest() {
        refuseNext.incrementAndGet();
    }

    /** Every later API request waits this long first. */
    public void delayApi(long millis) {
        this.apiDelayMillis = millis;
    }

    /** The next token request answers with this instead. */
    public synchronized void failNextTokenRequest(int status, String body) {
        tokenFaults.add(new Fault(status, body));
    }

    public List<TokenRequest> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    public int tokensIssued() {
        return issued.get();
    }

    public int unauthorizedAnswers() {
        return unauthorized.get();
    }

    public int apiRequests() {
        return apiRequests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().equals("/token")) {
                token(exchange);
            } else {
                api(exchange);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        tokenRequests.add(new TokenRequest(authorization, form));
        Fault fault;
        synchronized (this) {
            fault = tokenFaults.poll();
        }
        if (fault != null) {
            send(exchange, fault.status(), fault.body());
            return;
        }
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
            .getBytes(StandardCharsets.UTF_8));
        boolean authenticated = basic.equals(authorization)
            || (CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret")));
        if (!"client_credentials".equals(form.get("grant_type"))) {
            send(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
        } else if (!authenticated) {
            send(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"bad client credentials\"}");
        } else {
            String token = TOKEN_PREFIX + issued.incrementAndGet();
            long expiresIn = expiresInSeconds;
            tokens.put(token, expiresIn > 0 ? clock.instant().plusSeconds(expiresIn) : Instant.MAX);
            send(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\""
                + (expiresIn > 0 ? ",\"expires_in\":" + expiresIn : "") + ",\"scope\":\"" + form.getOrDefault(
                    "scope", "") + "\"}");
        }
    }

    private void api(HttpExchange exchange) throws IOException, InterruptedException {
        apiRequests.incrementAndGet();
        if (apiDelayMillis > 0) {
            Thread.sleep(apiDelayMillis);
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring("Bearer ".length()) : null;
        Instant expiry = token == null ? null : tokens.get(token);
        boolean refuse = refuseNext.getAndUpdate(count -> Math.max(0, count - 1)) > 0;
        if (refuse || refuseEveryToken || expiry == null || !clock.instant().isBefore(expiry)) {
            unauthorized.incrementAndGet();
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            send(exchange, 401, "{\"error\":\"invalid_token\"}");
            return;
        }
        URI target = upstream.resolve(exchange.getRequestURI().getRawPath()
            + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpResponse<String> response = forwarder.send(HttpRequest.newBuilder(target).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        send(exchange, response.statusCode(), response.body());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String part : body.split("&")) {
            if (!part.isEmpty()) {
                String[] pair = part.split("=", 2);
                form.put(URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                    pair.length == 2 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "");
            }
        }
        return form;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
