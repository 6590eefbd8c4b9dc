package dev.spillway.benchmarks.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cursor-paginated JSON API on 127.0.0.1 for the REST benchmark: {@code GET /items?cursor=<last id>&limit=n}
 * answers {@code {"items":[..],"next_cursor":"<last id>"}} (null cursor on the last page), each item about 1 KB.
 * The same items as a GraphQL connection: {@code POST /graphql} with
 * {@code {"query":"...","variables":{"first":n,"after":"<last id>"}}} answers
 * {@code {"data":{"items":{"nodes":[..],"pageInfo":{"endCursor":"<last id>"}}}}} (null on the last page).
 * Pages are rendered per request from the id alone, so the server costs both contenders the same.
 */
final class BenchApi implements AutoCloseable {

    static final int ITEM_BYTES = 1_024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final long items;
    private final String padding;

    BenchApi(long items) {
        this.items = items;
        // Sized so that a rendered item is about ITEM_BYTES long.
        this.padding = "x".repeat(ITEM_BYTES - item(999_999, "").length());
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/items", this::handle);
        server.createContext("/graphql", this::graphql);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    long items() {
        return items;
    }

    static String item(long id, String padding) {
        return "{\"id\":" + id + ",\"name\":\"item-" + id + "\",\"updated_at\":\"2026-12-01T00:00:00Z\",\"score\":"
            + (id % 1000) + ".5,\"tags\":[\"bench\",\"rest\"],\"payload\":\"" + padding + "\"}";
    }

    private static final Pattern FIRST = Pattern.compile("\"first\":(\\d+)");
    private static final Pattern AFTER = Pattern.compile("\"after\":\"(\\d+)\"");

    private void graphql(HttpExchange exchange) throws IOException {
        try (exchange) {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher first = FIRST.matcher(request);
            Matcher after = AFTER.matcher(request);
            if (!exchange.getRequestMethod().equals("POST") || !first.find()) {
                send(exchange, 400, "{\"errors\":[{\"message\":\"POST with variables.first\"}]}");
                return;
            }
            long from = after.find() ? Long.parseLong(after.group(1)) : 0;
            int limit = Integer.parseInt(first.group(1));
            long last = Math.min(items, from + limit);
            StringBuilder body = page(from, last, "{\"data\":{\"items\":{\"nodes\":[");
            body.append("],\"pageInfo\":{\"endCursor\":");
            body.append(last - from == limit ? "\"" + last + "\"" : "null").append("}}}}");
            send(exchange, 200, body.toString());
        }
    }

    private StringBuilder page(long after, long last, String start) {
        StringBuilder body = new StringBuilder((int) Math.max(64, (last - after) * (ITEM_BYTES + 1) + 64));
        body.append(start);
        for (long id = after + 1; id <= last; id++) {
            if (id > after + 1) {
                body.append(',');
            }
            body.append(item(id, padding));
        }
        return body;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long after = 0;
            int limit = 100;
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null) {
                for (String part : query.split("&")) {
                    if (part.startsWith("cursor=")) {
                        after = Long.parseLong(part.substring(7));
                    } else if (part.startsWith("limit=")) {
                        limit = Integer.parseInt(part.substring(6));
                    }
                }
            }
            long last = Math.min(items, after + limit);
            StringBuilder body = page(after, last, "{\"items\":[");
            body.append("],\"next_cursor\":");
            body.append(last - after == limit ? "\"" + last + "\"" : "null").append('}');
            send(exchange, 200, body.toString());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
