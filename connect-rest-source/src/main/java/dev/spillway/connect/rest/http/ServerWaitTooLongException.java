package dev.spillway.connect.rest.http;

import dev.spillway.connect.rest.net.HttpLimits;
import org.apache.kafka.connect.errors.RetriableException;

import java.time.Duration;

/**
 * The server asked for a longer wait than {@value HttpLimits#RETRY_AFTER_MAX_CONFIG} allows. Transient: the task
 * keeps its position and asks again after {@link #askAgainAfter()} instead of blocking for what the server asked.
 */
public final class ServerWaitTooLongException extends RetriableException {

    private final transient Duration askAgainAfter;

    public ServerWaitTooLongException(String message, Duration askAgainAfter) {
        super(message);
        this.askAgainAfter = askAgainAfter;
    }

    /** How long the endpoint rests before the next request: the longest wait the configuration allows. */
    public Duration askAgainAfter() {
        return askAgainAfter;
    }
}
