package dev.spillway.testcluster.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/** Writes one HTTP/1.1 response, well-formed or hostile, straight to a socket. */
final class HttpWire {

    /** The size of {@link Hostility#HUGE_BODY}. */
    static final long HUGE_BODY_BYTES = 200L * 1024 * 1024;
    /** How deep {@link Hostility#DEEP_NESTING} nests. */
    static final int NESTING = 100_000;
    private static final int CHUNK = 64 * 1024;
    /** An endless body still ends, so that a client that never stops reading cannot keep a server thread for ever. */
    private static final long ENDLESS_CAP_BYTES = 64L * 1024 * 1024 * 1024;

    private final Socket socket;
    private final OutputStream out;
    private final Duration slowByteInterval;

    HttpWire(Socket socket, Duration slowByteInterval) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.slowByteInterval = slowByteInterval;
    }

    /** A request or header line without its CRLF; null at the end of the stream. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    void answer(Hostility hostility, byte[] page) throws IOException {
        switch (hostility) {
            case NONE -> json(200, page, "");
            case ENDLESS_BODY -> endless();
            case HUGE_BODY -> huge();
            case SLOW_BODY -> slow(page);
            case DEEP_NESTING -> {
                byte[] body = new byte[NESTING];
                Arrays.fill(body, (byte) '[');
                json(200, body, "");
            }
            case HUGE_NUMBER -> {
                byte[] digits = new byte[100_000];
                Arrays.fill(digits, (byte) '7');
                json(200, ("{\"items\":[{\"id\":" + new String(digits, StandardCharsets.US_ASCII) + "}]}")
                    .getBytes(StandardCharsets.US_ASCII), "");
            }
            case TRUNCATED_JSON -> json(200, Arrays.copyOf(page, Math.max(1, page.length / 2)), "");
            case GIANT_RETRY_AFTER -> json(429, bytes("{\"error\":\"slow down\"}"), "Retry-After: 1000000000000\r\n");
            case EPOCH_MILLIS_RESET -> json(429, bytes("{\"error\":\"quota\"}"), "X-RateLimit-Remaining: 0\r\n"
                + "X-RateLimit-Reset: " + (System.currentTimeMillis() + 1000) + "\r\n");
            case GIANT_RESET -> json(429, bytes("{\"error\":\"quota\"}"), "X-RateLimit-Remaining: 0\r\n"
                + "X-RateLimit-Reset: " + Long.MAX_VALUE + "\r\n");
            case RETRY_AFTER_PAST_DATE -> json(503, bytes("{\"error\":\"busy\"}"), "Retry-After: "
                + httpDate(ZonedDateTime.now(ZoneOffset.UTC).minusDays(3)) + "\r\n");
            case RETRY_AFTER_FAR_FUTURE -> json(503, bytes("{\"error\":\"busy\"}"),
                "Retry-After: Fri, 31 Dec 9999 23:59:59 GMT\r\n");
            case REDIRECT_LOOP -> redirect("/loop/1");
            case RESET_MID_BODY -> resetMidBody(page);
            case LYING_CONTENT_LENGTH -> {
                write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + (page.length * 2L)
                    + "\r\nConnection: close\r\n\r\n");
                out.write(page);
                out.flush();
            }
            case HOSTILE_ERROR_BODY -> {
                StringBuilder body = new StringBuilder("upstream exploded\r\n2026-01-01 ERROR forged log line\n"
                    + "\u001b[2J\u001b[31m");
                while (body.length() < 1024 * 1024) {
                    body.append("<html>filler\r\n</html>");
                }
                json(500, bytes(body.toString()), "");
            }
            case CROSS_ORIGIN_REDIRECT -> throw new IllegalStateException("answered by the server, which knows its port");
            default -> throw new IllegalStateException("unknown hostility " + hostility);
        }
    }

    void status(int status, String body) throws IOException {
        json(status, bytes(body), "");
    }

    void redirect(String location) throws IOException {
        write("HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        out.flush();
    }

    private void json(int status, byte[] body, String extraHeaders) throws IOException {
        write("HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length + "\r\n" + extraHeaders + "Connection: close\r\n\r\n");
        out.write(body);
        out.flush();
    }

    private void endless() throws IOException {
        write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
            + "Connection: close\r\n\r\n");
        chunk(bytes("{\"items\":["));
        byte[] filler = filler();
        for (long sent = 0; sent < ENDLESS_CAP_BYTES; sent += filler.length) {
            chunk(filler);
        }
    }

    private void chunk(byte[] data) throws IOException {
        write(Integer.toHexString(data.length) + "\r\n");
        out.write(data);
        write("\r\n");
    }

    private void huge() throws IOException {
        write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + HUGE_BODY_BYTES
            + "\r\nConnection: close\r\n\r\n");
        byte[] start = bytes("{\"items\":[");
        out.write(start);
        byte[] filler = filler();
        long sent = start.length;
        while (sent + filler.length < HUGE_BODY_BYTES) {
            out.write(filler);
            sent += filler.length;
        }
        byte[] end = new byte[(int) (HUGE_BODY_BYTES - sent)];
        Arrays.fill(end, (byte) ' ');
        end[end.length - 2] = ']';
        end[end.length - 1] = '}';
        // The last filler item ends with a comma: the body is not valid JSON either, which no client gets to see.
        out.write(end);
        out.flush();
    }

    /** 64 KiB of {@code {"id":0},} items. */
    private static byte[] filler() {
        byte[] item = bytes("{\"id\":0},");
        byte[] filler = new byte[CHUNK - CHUNK % item.length];
        for (int i = 0; i < filler.length; i += item.length) {
            System.arraycopy(item, 0, filler, i, item.length);
        }
        return filler;
    }

    private void slow(byte[] page) throws IOException {
        write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + page.length
            + "\r\nConnection: close\r\n\r\n");
        out.flush();
        for (byte b : page) {
            out.write(b);
            out.flush();
            try {
                Thread.sleep(slowByteInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void resetMidBody(byte[] page) throws IOException {
        write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + page.length
            + "\r\nConnection: close\r\n\r\n");
        out.write(page, 0, page.length / 2);
        out.flush();
        // Linger 0: close() sends RST instead of FIN.
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String httpDate(ZonedDateTime time) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(time);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
