package dev.spillway.connect.rest.net;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Response bodies read with a bound, instead of {@code BodyHandlers.ofByteArray()}, which holds whatever the server
 * sends: a 2xx body is read up to {@code maxBytes} and fails with a {@link ResponseTooLargeException} past it (at
 * once if its Content-Length says so); any other body is only quoted in messages, so its first
 * {@value #ERROR_BODY_PREFIX} bytes are kept and the rest is not read.
 */
public final class BoundedBodies {

    /** How much of a non-2xx body is kept: enough for a quoted snippet and an OAuth2 error document. */
    public static final int ERROR_BODY_PREFIX = 8192;

    private BoundedBodies() {
    }

    public static BodyHandler<byte[]> handler(long maxBytes) {
        return info -> {
            int status = info.statusCode();
            if (status < 200 || status >= 300) {
                return new Prefix((int) Math.min(ERROR_BODY_PREFIX, maxBytes));
            }
            OptionalLong declared;
            try {
                declared = info.headers().firstValueAsLong("Content-Length");
            } catch (NumberFormatException e) {
                declared = OptionalLong.empty();
            }
            return new Limited(maxBytes, declared);
        };
    }

    /**
     * Collects the body, failing as soon as it passes the limit; nothing past the limit is held. The chunks are
     * joined once at the end, so a body of n bytes needs at most 2n bytes of heap while it is assembled.
     */
    private static final class Limited implements BodySubscriber<byte[]> {
        private final long maxBytes;
        private final OptionalLong declared;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final List<byte[]> chunks = new ArrayList<>();
        private long received;
        private Flow.Subscription subscription;

        Limited(long maxBytes, OptionalLong declared) {
            this.maxBytes = maxBytes;
            this.declared = declared;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (declared.isPresent() && declared.getAsLong() > maxBytes) {
                subscription.cancel();
                result.completeExceptionally(new ResponseTooLargeException(maxBytes,
                    "its Content-Length is " + declared.getAsLong()));
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (received + buffer.remaining() > maxBytes) {
                    subscription.cancel();
                    chunks.clear();
                    result.completeExceptionally(new ResponseTooLargeException(maxBytes, "cut off while streaming"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                chunks.add(chunk);
                received += chunk.length;
            }
        }

        @Override
        public void onError(Throwable error) {
            chunks.clear();
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            byte[] body = new byte[(int) received];
            int at = 0;
            for (byte[] chunk : chunks) {
                System.arraycopy(chunk, 0, body, at, chunk.length);
                at += chunk.length;
            }
            chunks.clear();
            result.complete(body);
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }
    }

    /** Keeps the first bytes of a body and then stops reading it. */
    private static final class Prefix implements BodySubscriber<byte[]> {
        private final int keep;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Prefix(int keep) {
            this.keep = keep;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), keep - received.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                received.write(chunk, 0, take);
                if (received.size() == keep) {
                    // The connection is closed rather than drained: an endless error body costs nothing more.
                    subscription.cancel();
                    result.complete(received.toByteArray());
                    return;
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            // What arrived before the error is still worth quoting.
            result.complete(received.toByteArray());
        }

        @Override
        public void onComplete() {
            result.complete(received.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }
    }
}
