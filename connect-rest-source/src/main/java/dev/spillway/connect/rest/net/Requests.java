package dev.spillway.connect.rest.net;

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

/**
 * Sends one request so that a {@link StopSignal} aborts it, a deadline covers the whole body and the body is read
 * with a bound ({@link BoundedBodies}).
 */
public final class Requests {

    private static final Duration STOP_CHECK = Duration.ofMillis(100);

    private Requests() {
    }

    /**
     * Sends {@code request} and waits at most {@code timeout} for the complete response, reading a 2xx body of at
     * most {@code maxBytes}.
     *
     * @throws ResponseTooLargeException the 2xx body is longer than {@code maxBytes}
     * @throws IOException            I/O failure or timeout
     * @throws TaskStoppingException  the task stopped meanwhile
     */
    public static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, Duration timeout, StopSignal stop,
                                            long maxBytes) throws IOException {
        CompletableFuture<HttpResponse<byte[]>> inFlight = client.sendAsync(request, BoundedBodies.handler(maxBytes));
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
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof ResponseTooLargeException tooLarge) {
                    throw tooLarge;
                }
            }
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
