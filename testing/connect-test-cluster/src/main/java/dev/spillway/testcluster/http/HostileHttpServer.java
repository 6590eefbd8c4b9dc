package dev.spillway.testcluster.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP/1.1 server on 127.0.0.1 (free port, raw sockets) serving a normal paginated JSON API and, on demand, the
 * faults of {@link Hostility}: endless, huge, slow or lying bodies, JSON bombs, absurd rate-limit headers, redirect
 * loops, cross-origin redirects and connection resets. Raw sockets, because a reset mid-body or a lying
 * {@code Content-Length} cannot be sent through an HTTP server library.
 *
 * <p>The API: {@code GET /items?after=<id>&limit=<n>} answers {@code {"items":[{"id":1,"name":"item-1"},..],
 * "next":"<last id>"}} with items of id greater than {@code after} (default 0), {@code next} only when the page is
 * full. Queued hostilities ({@link #next}) hit the following requests to {@code /items}, one each, in order; once
 * the queue is empty the API answers normally again, so a client can be shown to recover and lose nothing.
 * {@code /hostile/<name>} always answers with that {@link Hostility} (lower case, '-' for '_'), for benchmarks.
 * Every request is recorded with its headers ({@link #requests()}), so a test can check which credentials went where.
 * Each connection is closed after one response.
 */
public final class HostileHttpServer implements AutoCloseable {

    private static final int DEFAULT_LIMIT = 100;

    /** One request as received; header names in lower case. */
    public record Request(String host, String path, Map<String, String> query, Map<String, String> headers,
                          Hostility answeredWith) {
    }

    private final ServerSocket socket;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "hostile-http");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Deque<Hostility> queued = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile long items;
    private volatile Duration slowByteInterval = Duration.ofMillis(200);

    private HostileHttpServer(long items) throws IOException {
        this.items = items;
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
        Thread acceptor = new Thread(this::accept, "hostile-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A server whose API holds items 1 to {@code items}. */
    public static HostileHttpServer start(long items) {
        try {
            return new HostileHttpServer(items);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Adds items after the last one. */
    public void append(long count) {
        items += count;
    }

    public long items() {
        return items;
    }

    /** The next {@code times} requests to {@code /items} get {@code hostility}, after those already queued. */
    public synchronized HostileHttpServer next(Hostility hostility, int times) {
        for (int i = 0; i < times; i++) {
            queued.add(hostility);
        }
        return this;
    }

    /** How many queued hostilities have not hit a request yet. */
    public synchronized int queued() {
        return queued.size();
    }

    /** How long {@link Hostility#SLOW_BODY} waits between two bytes (default 200 ms). */
    public HostileHttpServer slowByteInterval(Duration interval) {
        this.slowByteInterval = interval;
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private synchronized Hostility take(String path) {
        if (path.equals("/items")) {
            Hostility next = queued.poll();
            return next == null ? Hostility.NONE : next;
        }
        if (path.startsWith("/hostile/")) {
            String name = path.substring("/hostile/".length()).toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                return Hostility.valueOf(name);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                open.add(connection);
                connections.execute(() -> serve(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            String requestLine = HttpWire.readLine(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = HttpWire.readLine(in); line != null && !line.isEmpty(); line = HttpWire.readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
                }
            }
            URI target = URI.create(requestLine.split(" ")[1]);
            String path = target.getRawPath();
            Map<String, String> query = query(target.getRawQuery());
            String host = headers.getOrDefault("host", "");
            Hostility hostility = take(path);
            requests.add(new Request(host, path, query, headers, hostility));
            HttpWire wire = new HttpWire(connection, slowByteInterval);
            if (path.startsWith("/loop/")) {
                wire.redirect("/loop/" + (parseLong(path.substring("/loop/".length()), 0) + 1));
            } else if (hostility == null) {
                wire.status(404, "{\"error\":\"no such path\"}");
            } else if (hostility == Hostility.CROSS_ORIGIN_REDIRECT) {
                wire.redirect("http://localhost:" + port() + "/items"
                    + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
            } else {
                wire.answer(hostility, page(query));
            }
        } catch (SocketException e) {
            // The client went away (cut a body short, timed out): that is what most hostilities provoke.
        } catch (IOException e) {
            // Likewise.
        } finally {
            open.remove(connection);
        }
    }

    /** The normal page for {@code query}. */
    private byte[] page(Map<String, String> query) {
        long after = parseLong(query.get("after"), 0);
        long limit = Math.max(1, parseLong(query.get("limit"), DEFAULT_LIMIT));
        long last = Math.min(items, after + limit);
        StringBuilder json = new StringBuilder("{\"items\":[");
        for (long id = after + 1; id <= last; id++) {
            json.append(id == after + 1 ? "" : ",").append("{\"id\":").append(id).append(",\"name\":\"item-")
                .append(id).append("\"}");
        }
        json.append(']');
        if (last - after == limit) {
            json.append(",\"next\":\"").append(last).append('"');
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long parseLong(String text, long otherwise) {
        try {
            return text == null ? otherwise : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String part : raw.split("&")) {
                String[] pair = part.split("=", 2);
                query.put(URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                    pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        for (Socket connection : open) {
            try {
                connection.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        connections.shutdownNow();
    }
}
