package dev.spillway.dlq.render;

/** How a key or value is shown: the best fit of its bytes. */
public enum Encoding {
    /** Valid UTF-8 parsing as a JSON object or array. */
    JSON,
    /** Valid UTF-8 without control characters other than tab and line breaks. */
    TEXT,
    /** Anything else: hex for people, base64 in exports. */
    BINARY
}
