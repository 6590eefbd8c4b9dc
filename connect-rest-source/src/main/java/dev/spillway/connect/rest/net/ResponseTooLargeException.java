package dev.spillway.connect.rest.net;

import java.io.IOException;

/**
 * A response body longer than {@value HttpLimits#RESPONSE_MAX_BYTES_CONFIG} allows. Permanent: the same request
 * gets the same body, and only a larger limit (or a smaller page size) helps.
 */
public final class ResponseTooLargeException extends IOException {

    public ResponseTooLargeException(long maxBytes, String how) {
        super("a response body larger than " + HttpLimits.RESPONSE_MAX_BYTES_CONFIG + " (" + maxBytes + " bytes, "
            + how + "); raise " + HttpLimits.RESPONSE_MAX_BYTES_CONFIG + " if the API's responses really are that"
            + " large, or request smaller pages");
    }
}
