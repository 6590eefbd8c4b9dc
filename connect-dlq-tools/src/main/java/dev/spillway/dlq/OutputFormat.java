package dev.spillway.dlq;

/** Output of {@code inspect} and {@code replay}: for people, or one JSON document for scripts. */
public enum OutputFormat {
    TEXT,
    JSON
}
