package dev.spillway.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * A small cursor-paginated JSON API on 127.0.0.1 for the demo's REST pipeline, the shape most public APIs have:
 * {@code GET /v1/orders?limit=n&cursor=c} answers {@code {"orders":[...],"next_cursor":"<id>"}}, with
 * {@code next_cursor} null on the last page. Orders are generated from their id, so every run serves the same data.
 */
final class SampleOrdersApi implements AutoCloseable {

    static final String PATH = "/v1/orders";
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] STATUSES = {"paid", "shipped", "delivered", "refunded"};

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-orders-api");
        thread.setDaemon(true);
        return thread;
    });
    private final long orders;
    private final AtomicBoolean closed = new AtomicBoolean();

    SampleOrdersApi(long orders) {
        this.orders = orders;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PATH, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    long orders() {
        return orders;
    }

    static String order(long id) {
        return "{\"id\":" + id + ",\"customer\":\"customer-" + (id * 7 % 50 + 1) + "\",\"total\":\""
            + (id * 1_234 % 20_000) / 100 + "." + String.format("%02d", id * 1_234 % 100) + "\",\"status\":\""
            + STATUSES[(int) (id % STATUSES.length)] + "\",\"created_at\":\"" + EPOCH.plusSeconds(id * 600) + "\"}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long after = 0;
            int limit = 25;
            String query = exchange.getRequestURI().getRawQuery();
            try {
                for (String part : query == null ? new String[0] : query.split("&")) {
                    String[] pair = part.split("=", 2);
                    if (pair.length == 2 && pair[0].equals("cursor")) {
                        after = Long.parseLong(pair[1]);
                    } else if (pair.length == 2 && pair[0].equals("limit")) {
                        limit = Math.max(1, Math.min(100, Integer.parseInt(pair[1])));
                    }
                }
            } catch (NumberFormatException e) {
                send(exchange, 400, "{\"error\":\"cursor and limit are numbers\"}");
                return;
            }
            long last = Math.min(orders, after + limit);
            String page = LongStream.rangeClosed(after + 1, last).mapToObj(SampleOrdersApi::order)
                .collect(Collectors.joining(",", "[", "]"));
            String next = last < orders ? "\"" + last + "\"" : "null";
            send(exchange, 200, "{\"orders\":" + page + ",\"next_cursor\":" + next + "}");
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Idempotent: the demo closes it when it exits and again from its shutdown hook. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
