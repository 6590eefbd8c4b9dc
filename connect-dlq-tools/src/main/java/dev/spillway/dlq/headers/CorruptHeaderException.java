package dev.spillway.dlq.headers;

/** An error-context header is present but cannot be read (not UTF-8, not a number where one is required). */
public final class CorruptHeaderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String header;

    public CorruptHeaderException(String header, String problem) {
        super("header " + header + " " + problem);
        this.header = header;
    }

    public String header() {
        return header;
    }
}
