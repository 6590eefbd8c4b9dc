package dev.spillway.connect.rest.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends one request so that a {@link StopSignal} aborts it and a deadline covers the whole body. */
public final class Requests {

    private static final Duration STOP_CHECK = Duration.ofMillis(100);

    private Requests() {
    }

    /**
     * Sends {@code request} and waits at most {@code timeout} for the complete response.
     *
     * @throws IOException            I/O failure or timeout
     * @throws TaskStoppingException  the task stopped meanwhile
     */
    public static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, Duration timeout, StopSignal stop)
            throws IOException {
        CompletableFuture<HttpResponse<byte[]>> inFlight =
            client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        // The request timeout covers the wait for headers; this deadline also covers a slow body.
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                if (stop.isStopped()) {
                    inFlight.cancel(true);
                    throw new TaskStoppingException();
                }
                try {
                    return inFlight.get(STOP_CHECK.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        inFlight.cancel(true);
                        throw new HttpTimeoutException("no complete response within " + timeout.toMillis() + " ms");
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (CancellationException e) {
            throw new TaskStoppingException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inFlight.cancel(true);
            throw new TaskStoppingException();
        }
    }
}
