package dev.spillway.connect.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A real HTTP server on 127.0.0.1 serving items {@code {"id":1,"name":"item-1","updated":1}} with every pagination
 * style the connector supports, and faults on demand.
 *
 * <ul>
 *   <li>{@code /plain/items}: the whole list as a root array</li>
 *   <li>{@code /cursor/items?cursor=<last id>&limit=n}: {@code {"items":[..],"next_cursor":"<last id>"}}, the
 *       cursor only when the page is full</li>
 *   <li>{@code /next/items?after=<id>&limit=n}: {@code {"data":{"results":[..]},"links":{"next":"/next/..."}}}
 *       with a relative next URL when the page is full</li>
 *   <li>{@code /link/items?page=p&per_page=n}: a root array and a {@code Link: <..>; rel="next"} header when full</li>
 *   <li>{@code /pages/items?page=p&size=n} (1-based) and {@code /offset/items?offset=o&limit=n}: {@code {"items":[..]}}</li>
 *   <li>{@code /since/items?since=v&limit=n}: items with {@code updated >= v} by (updated, id)</li>
 *   <li>{@code /since-gt/items?updated[gt]=v&limit=n}: items with {@code updated > v} by (updated, id), as APIs
 *       that filter exclusively do</li>
 *   <li>{@code /ndjson/items?offset=o&since=v&limit=n}: an NDJSON export of the items with {@code updated >= v},
 *       one per line, the last line with or without its line break, an empty body past the end</li>
 *   <li>{@code /incremental/items?start_time=t&limit=n}: a Zendesk-style incremental export, the items with
 *       {@code updated >= t} and {@code {"end_time": <last updated + 1>}} (t on an empty page), also in the header
 *       {@code X-Next-Start}</li>
 *   <li>{@code /versioned/items?cursor=<last id>&limit=n}: a header-versioned API, as {@code /cursor/items} but
 *       answering 406 unless asked with {@code Accept: application/vnd.sample.v2+json} and
 *       {@code X-Api-Version: 2}</li>
 * </ul>
 * Headers set by {@link #requireHeader} must come with every request, or it is answered 401.
 * Connection-level faults ({@link #delayNext}, {@link #dropNext}, {@link #truncateNext}) hit one request each, in
 * the order they were queued, before any queued HTTP fault.
 */
public final class SampleApi implements AutoCloseable {

    public static final int DEFAULT_LIMIT = 100;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<long[]> items = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Deque<Sabotage> sabotage = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile long delayMillis;
    private volatile String linkSuffix = "";
    private final Map<String, String> required = new java.util.concurrent.ConcurrentHashMap<>();

    /** What a request asked for. */
    public record Request(String path, Map<String, String> query, Map<String, String> headers) {
    }

    private record Fault(int status, Map<String, String> headers, String body) {
    }

    private enum Disruption { DELAY, DROP, TRUNCATE }

    private record Sabotage(Disruption kind, long millis) {
    }

    private SampleApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static SampleApi start(int items) {
        try {
            SampleApi api = new SampleApi();
            api.append(items);
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Appends {@code count} items, each {@code updated} equal to its id. */
    public synchronized void append(int count) {
        for (int i = 0; i < count; i++) {
            long id = items.size() + 1;
            items.add(new long[] {id, id});
        }
    }

    /** Appends one item per value, with that {@code updated} value. */
    public synchronized void appendUpdated(long... updated) {
        for (long value : updated) {
            items.add(new long[] {items.size() + 1, value});
        }
    }

    public synchronized int size() {
        return items.size();
    }

    /** The next request answers with {@code status}, these headers and body instead. */
    public synchronized void failNext(int status, Map<String, String> headers, String body) {
        faults.add(new Fault(status, headers, body));
    }

    public void failNext(int status) {
        failNext(status, Map.of(), "{\"error\":\"injected\"}");
    }

    /** The next request gets a 200 with a truncated JSON body. */
    public void malformedNext() {
        failNext(200, Map.of(), "{\"items\":[{\"id\":1},");
    }

    /** The next request is answered normally, but only after {@code millis}: past a short read timeout. */
    public synchronized void delayNext(long millis) {
        sabotage.add(new Sabotage(Disruption.DELAY, millis));
    }

    /** The next request is read, then its connection is closed without an answer. */
    public synchronized void dropNext() {
        sabotage.add(new Sabotage(Disruption.DROP, 0));
    }

    /** The next request gets headers promising the whole page, half the body, then a closed connection. */
    public synchronized void truncateNext() {
        sabotage.add(new Sabotage(Disruption.TRUNCATE, 0));
    }

    /** Appended to every next link of {@code /next} and {@code /link}, e.g. {@code &access_token=...}. */
    public void linkSuffix(String suffix) {
        this.linkSuffix = suffix;
    }

    /** Every later response waits this long first. */
    public void delay(long millis) {
        this.delayMillis = millis;
    }

    /** Every later request must carry this header with this value (the name in any case), or gets a 401. */
    public void requireHeader(String name, String value) {
        required.put(name.toLowerCase(), value);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public static String itemJson(long id, long updated) {
        return "{\"id\":" + id + ",\"name\":\"item-" + id + "\",\"updated\":" + updated + "}";
    }

    public static String itemJson(long id) {
        return itemJson(id, id);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = query(exchange.getRequestURI());
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            requests.add(new Request(exchange.getRequestURI().getPath(), query, headers));
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            Sabotage disruption;
            synchronized (this) {
                disruption = sabotage.poll();
            }
            if (disruption != null) {
                switch (disruption.kind()) {
                    // Answered normally, without taking a queued fault meant for the client's next request.
                    case DELAY -> {
                        Thread.sleep(disruption.millis());
                        route(exchange, exchange.getRequestURI().getPath(), query);
                        return;
                    }
                    // Closing an exchange before its headers are sent closes the connection.
                    case DROP -> {
                        return;
                    }
                    case TRUNCATE -> {
                        truncate(exchange);
                        return;
                    }
                }
            }
            for (Map.Entry<String, String> header : required.entrySet()) {
                if (!header.getValue().equals(headers.get(header.getKey()))) {
                    send(exchange, 401, "{\"error\":\"missing or wrong " + header.getKey() + "\"}");
                    return;
                }
            }
            Fault fault;
            synchronized (this) {
                fault = faults.poll();
            }
            if (fault != null) {
                fault.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                send(exchange, fault.status(), fault.body());
                return;
            }
            route(exchange, exchange.getRequestURI().getPath(), query);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void route(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        int limit = Integer.parseInt(query.getOrDefault("limit", query.getOrDefault("per_page",
            query.getOrDefault("size", String.valueOf(DEFAULT_LIMIT)))));
        List<long[]> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(items);
        }
        switch (path) {
            case "/plain/items" -> send(exchange, 200, array(snapshot));
            case "/cursor/items" -> {
                long after = Long.parseLong(query.getOrDefault("cursor", "0"));
                List<long[]> page = snapshot.stream().filter(i -> i[0] > after).limit(limit).toList();
                String cursor = page.size() == limit ? "\"" + page.get(page.size() - 1)[0] + "\"" : "null";
                send(exchange, 200, "{\"items\":" + array(page) + ",\"next_cursor\":" + cursor + "}");
            }
            case "/versioned/items" -> {
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
                if (!"application/vnd.sample.v2+json".equals(headers.get("accept"))
                        || !"2".equals(headers.get("x-api-version"))) {
                    send(exchange, 406, "{\"error\":\"ask for version 2\"}");
                    return;
                }
                long after = Long.parseLong(query.getOrDefault("cursor", "0"));
                List<long[]> page = snapshot.stream().filter(i -> i[0] > after).limit(limit).toList();
                String cursor = page.size() == limit ? "\"" + page.get(page.size() - 1)[0] + "\"" : "null";
                send(exchange, 200, "{\"items\":" + array(page) + ",\"next_cursor\":" + cursor + "}");
            }
            case "/next/items" -> {
                long after = Long.parseLong(query.getOrDefault("after", "0"));
                List<long[]> page = snapshot.stream().filter(i -> i[0] > after).limit(limit).toList();
                String next = page.size() == limit
                    ? "\"/next/items?after=" + page.get(page.size() - 1)[0] + "&limit=" + limit + linkSuffix + "\""
                    : "null";
                send(exchange, 200, "{\"data\":{\"total\":" + snapshot.size() + ",\"results\":" + array(page)
                    + "},\"links\":{\"next\":" + next + "}}");
            }
            case "/link/items" -> {
                int page = Integer.parseInt(query.getOrDefault("page", "1"));
                List<long[]> items = slice(snapshot, (long) (page - 1) * limit, limit);
                if (items.size() == limit) {
                    exchange.getResponseHeaders().add("Link", "<" + baseUrl() + "/link/items?page=" + (page + 1)
                        + "&per_page=" + limit + linkSuffix + ">; rel=\"next\", <" + baseUrl() + "/link/items?page=1>; rel=\"first\"");
                }
                send(exchange, 200, array(items));
            }
            case "/pages/items" -> {
                int page = Integer.parseInt(query.getOrDefault("page", "1"));
                send(exchange, 200, "{\"items\":" + array(slice(snapshot, (long) (page - 1) * limit, limit)) + "}");
            }
            case "/incremental/items" -> {
                long start = Long.parseLong(query.getOrDefault("start_time", "0"));
                List<long[]> page = snapshot.stream().filter(i -> i[1] >= start)
                    .sorted(Comparator.<long[]>comparingLong(i -> i[1]).thenComparingLong(i -> i[0]))
                    .limit(limit).toList();
                long end = page.isEmpty() ? start : page.get(page.size() - 1)[1] + 1;
                exchange.getResponseHeaders().add("X-Next-Start", String.valueOf(end));
                send(exchange, 200, "{\"items\":" + array(page) + ",\"end_time\":" + end
                    + ",\"end_of_stream\":" + (page.size() < limit) + "}");
            }
            case "/ndjson/items" -> {
                long offset = Long.parseLong(query.getOrDefault("offset", "0"));
                long since = Long.parseLong(query.getOrDefault("since", String.valueOf(Long.MIN_VALUE)));
                List<long[]> matching = snapshot.stream().filter(i -> i[1] >= since).toList();
                String lines = slice(matching, offset, limit).stream().map(i -> itemJson(i[0], i[1]) + "\n")
                    .collect(Collectors.joining());
                send(exchange, 200, offset % 2 == 0 ? lines : lines.stripTrailing());
            }
            case "/offset/items" -> {
                long offset = Long.parseLong(query.getOrDefault("offset", "0"));
                send(exchange, 200, "{\"items\":" + array(slice(snapshot, offset, limit)) + "}");
            }
            case "/since/items" -> {
                long since = Long.parseLong(query.getOrDefault("since", String.valueOf(Long.MIN_VALUE)));
                List<long[]> page = snapshot.stream().filter(i -> i[1] >= since)
                    .sorted(Comparator.<long[]>comparingLong(i -> i[1]).thenComparingLong(i -> i[0]))
                    .limit(limit).toList();
                send(exchange, 200, "{\"items\":" + array(page) + "}");
            }
            case "/since-gt/items" -> {
                long since = Long.parseLong(query.getOrDefault("updated[gt]", String.valueOf(Long.MIN_VALUE)));
                List<long[]> page = snapshot.stream().filter(i -> i[1] > since)
                    .sorted(Comparator.<long[]>comparingLong(i -> i[1]).thenComparingLong(i -> i[0]))
                    .limit(limit).toList();
                send(exchange, 200, "{\"items\":" + array(page) + "}");
            }
            // A broken API: every page links to the same cursor.
            case "/loop/items" -> send(exchange, 200, "{\"items\":" + array(slice(snapshot, 0, 1))
                + ",\"next_cursor\":\"same\"}");
            // An empty page that still links onwards.
            case "/empty-next/items" -> send(exchange, 200, "{\"items\":[],\"next_cursor\":\"more\"}");
            default -> send(exchange, 404, "{\"error\":\"no such path\"}");
        }
    }

    private void truncate(HttpExchange exchange) throws IOException {
        byte[] page;
        synchronized (this) {
            page = ("{\"items\":" + array(slice(items, 0, DEFAULT_LIMIT)) + "}").getBytes(StandardCharsets.UTF_8);
        }
        exchange.sendResponseHeaders(200, page.length);
        OutputStream out = exchange.getResponseBody();
        out.write(page, 0, page.length / 2);
        out.flush();
        // Closing the exchange with bytes missing makes the server close the connection mid-body.
    }

    private static List<long[]> slice(List<long[]> all, long from, int count) {
        return all.stream().skip(from).limit(count).toList();
    }

    private static String array(List<long[]> items) {
        return items.stream().map(i -> itemJson(i[0], i[1])).collect(Collectors.joining(",", "[", "]"));
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

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String part : raw.split("&")) {
                String[] pair = part.split("=", 2);
                query.put(URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                    pair.length == 2 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
