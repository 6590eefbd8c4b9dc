package dev.spillway.connect.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * A real HTTP server on 127.0.0.1 for APIs that read with a POST body, serving items 1..n as
 * {@link SampleApi#itemJson(long)}:
 * <ul>
 *   <li>{@code POST /graphql} {@code {"query":"...","variables":{"first":n,"after":"<cursor>"}}}: a GraphQL
 *       connection, {@code {"data":{"items":{"nodes":[..],"pageInfo":{"endCursor":"c<last id>"}}}}}, the cursor
 *       null on an empty page;</li>
 *   <li>{@code POST /search} {@code {"size":n,"search_after":"<id>"}}: a search API, {@code {"hits":[..]}} with
 *       the items after that id;</li>
 *   <li>{@code POST /sorted} {@code {"size":n,"search_after":[<ts>,<id>]}}: a search API sorted by {@code ts}
 *       (shared by four items in a row, so ties span page ends) and then {@code id}, with Elasticsearch's
 *       semantics: the items whose (ts, id) come after the array; a search_after that is not an array of two
 *       answers 400;</li>
 *   <li>{@code GET /list?tenant=acme&from=<id>&size=n}: a list that wants its tenant parameter (400 without),
 *       {@code {"items":[..],"next":"<last id>"}}, next null on an empty page.</li>
 * </ul>
 * Any other method answers 405; a body that lacks the fields answers 400. Bodies are kept for assertions.
 */
public final class QueryApi implements AutoCloseable {

    private static final Pattern FIRST = Pattern.compile("\"(?:first|size)\":(\\d+)");
    private static final Pattern AFTER = Pattern.compile("\"(?:after|search_after)\":\"?c?(\\d+)\"?");
    private static final Pattern SORTED_AFTER = Pattern.compile("\"search_after\":(\\[(\\d+),(\\d+)]|[^,}]*)");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile long size;

    private QueryApi(long size) throws IOException {
        this.size = size;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static QueryApi start(long items) {
        try {
            return new QueryApi(items);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void append(long count) {
        size += count;
    }

    /** The bodies of every request so far. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** The query strings of every GET /list so far. */
    public List<String> queries() {
        return List.copyOf(queries);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            if (exchange.getRequestURI().getPath().equals("/list")) {
                list(exchange);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 405, "{\"error\":\"POST only\"}");
                return;
            }
            Matcher first = FIRST.matcher(body);
            if (!first.find()) {
                send(exchange, 400, "{\"error\":\"first/size missing\"}");
                return;
            }
            int limit = Integer.parseInt(first.group(1));
            if (exchange.getRequestURI().getPath().equals("/sorted")) {
                sorted(exchange, body, limit);
                return;
            }
            Matcher after = AFTER.matcher(body);
            long from = after.find() ? Long.parseLong(after.group(1)) : 0;
            long last = Math.min(size, from + limit);
            String items = LongStream.rangeClosed(from + 1, last).mapToObj(SampleApi::itemJson)
                .collect(Collectors.joining(",", "[", "]"));
            switch (exchange.getRequestURI().getPath()) {
                case "/graphql" -> send(exchange, 200, "{\"data\":{\"items\":{\"nodes\":" + items
                    + ",\"pageInfo\":{\"endCursor\":" + (last > from ? "\"c" + last + "\"" : "null") + "}}}}");
                case "/search" -> send(exchange, 200, "{\"took\":1,\"hits\":" + items + "}");
                default -> send(exchange, 404, "{\"error\":\"no such path\"}");
            }
        }
    }

    /** The sort value every item has; four items share each. */
    public static long ts(long id) {
        return 1_700_000_000L + (id + 3) / 4;
    }

    private static String sortedItem(long id) {
        return "{\"id\":" + id + ",\"ts\":" + ts(id) + ",\"name\":\"item-" + id + "\"}";
    }

    private void sorted(HttpExchange exchange, String body, int limit) throws IOException {
        Matcher after = SORTED_AFTER.matcher(body);
        long fromTs = Long.MIN_VALUE;
        long fromId = Long.MIN_VALUE;
        if (after.find()) {
            if (after.group(2) == null) {
                send(exchange, 400, "{\"error\":\"search_after must be [ts, id]\"}");
                return;
            }
            fromTs = Long.parseLong(after.group(2));
            fromId = Long.parseLong(after.group(3));
        }
        long afterTs = fromTs;
        long afterId = fromId;
        String hits = LongStream.rangeClosed(1, size)
            .filter(id -> ts(id) > afterTs || (ts(id) == afterTs && id > afterId)).limit(limit)
            .mapToObj(QueryApi::sortedItem).collect(Collectors.joining(",", "[", "]"));
        send(exchange, 200, "{\"took\":1,\"hits\":" + hits + "}");
    }

    private void list(HttpExchange exchange) throws IOException {
        java.util.Map<String, String> query = new java.util.HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        queries.add(String.valueOf(raw));
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int equals = pair.indexOf('=');
            query.put(pair.substring(0, equals), java.net.URLDecoder.decode(pair.substring(equals + 1),
                StandardCharsets.UTF_8));
        }
        if (!exchange.getRequestMethod().equals("GET") || !"acme".equals(query.get("tenant"))
                || !query.containsKey("size")) {
            send(exchange, 400, "{\"error\":\"GET with tenant=acme and size\"}");
            return;
        }
        long from = Long.parseLong(query.getOrDefault("from", "0"));
        long last = Math.min(size, from + Integer.parseInt(query.get("size")));
        String items = LongStream.rangeClosed(from + 1, last).mapToObj(SampleApi::itemJson)
            .collect(Collectors.joining(",", "[", "]"));
        send(exchange, 200, "{\"items\":" + items + ",\"next\":" + (last > from ? "\"" + last + "\"" : "null")
            + "}");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
