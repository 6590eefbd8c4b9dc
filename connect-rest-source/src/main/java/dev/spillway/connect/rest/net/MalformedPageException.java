package dev.spillway.connect.rest.net;

/** A response body that is not the JSON page the configuration describes; never skipped silently. */
public final class MalformedPageException extends Exception {

    public MalformedPageException(String message) {
        super(message);
    }

    public MalformedPageException(String message, Throwable cause) {
        super(message, cause);
    }
}
