package dev.spillway.testcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A Connect REST call answered with a non-2xx status. */
public final class ConnectRestException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String body;
    private final String method;
    private final String uri;

    public ConnectRestException(String method, String uri, int status, String body) {
        super(method + " " + uri + " answered " + status + ": " + errorMessage(body));
        this.method = method;
        this.uri = uri;
        this.status = status;
        this.body = body;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The raw response body, possibly empty. */
    public String body() {
        return body;
    }

    public String method() {
        return method;
    }

    public String uri() {
        return uri;
    }

    /** Connect's {@code {"error_code":..,"message":..}} message if the body has one, else the body itself. */
    static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode message = json.get("message");
            if (message != null && !message.isNull()) {
                return message.asText();
            }
        } catch (Exception notJson) {
            // Jetty error pages and proxies answer with HTML or text; show it as it is.
        }
        return body.strip();
    }
}
