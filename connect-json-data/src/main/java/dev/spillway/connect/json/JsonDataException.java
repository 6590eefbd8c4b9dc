package dev.spillway.connect.json;

import org.apache.kafka.connect.errors.DataException;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A JSON document does not fit: names the place inside the document, in field-path syntax, relative to where the
 * document sits ({@link #at}). The place is collected while the exception unwinds, so that documents which fit
 * never pay for building paths.
 */
public final class JsonDataException extends DataException {

    private static final long serialVersionUID = 1L;

    private final String problem;
    private final Deque<String> segments = new ArrayDeque<>();

    JsonDataException(String problem) {
        super(problem);
        this.problem = problem;
    }

    JsonDataException inField(String name) {
        boolean quote = name.isEmpty() || name.indexOf('.') >= 0 || name.indexOf('[') >= 0
            || name.indexOf(']') >= 0 || name.indexOf('`') >= 0;
        segments.addFirst("." + (quote ? "`" + name + "`" : name));
        return this;
    }

    JsonDataException inElement(int index) {
        segments.addFirst("[" + index + "]");
        return this;
    }

    /** What is wrong, without the place. */
    public String problem() {
        return problem;
    }

    /**
     * @param base the path of the document itself, such as {@code payload}; empty for a whole key or value
     * @return the path of the offending place, or {@code base} when it is the document itself
     */
    public String at(String base) {
        StringBuilder path = new StringBuilder(base);
        for (String segment : segments) {
            path.append(segment);
        }
        if (base.isEmpty() && path.length() > 0 && path.charAt(0) == '.') {
            path.deleteCharAt(0);
        }
        return path.toString();
    }

    @Override
    public String getMessage() {
        String path = at("");
        return path.isEmpty() ? problem : "at '" + path + "': " + problem;
    }
}
