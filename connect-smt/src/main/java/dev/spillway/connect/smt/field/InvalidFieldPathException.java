package dev.spillway.connect.smt.field;

import org.apache.kafka.common.config.ConfigException;

import java.util.OptionalInt;

/**
 * A field path that does not parse. Its message says what is wrong and where in the path; {@link #problem} and
 * {@link #position} give the parts, for a caller that reports the path inside a longer text (such as a placeholder
 * in a topic template) and counts positions in that text.
 */
public final class InvalidFieldPathException extends ConfigException {

    private static final long serialVersionUID = 1L;

    private final String problem;
    private final int position;

    InvalidFieldPathException(String path, String problem, int position) {
        super("Invalid field path" + (path == null ? "" : " \"" + path + "\"") + ": " + problem
            + (position < 0 ? "" : " (at position " + position + ", counting from 0)"));
        this.problem = problem;
        this.position = position;
    }

    /** What is wrong, without the path or the position. */
    public String problem() {
        return problem;
    }

    /** Where in the path, counting from 0; empty when the path as a whole is wrong (missing or empty). */
    public OptionalInt position() {
        return position < 0 ? OptionalInt.empty() : OptionalInt.of(position);
    }
}
