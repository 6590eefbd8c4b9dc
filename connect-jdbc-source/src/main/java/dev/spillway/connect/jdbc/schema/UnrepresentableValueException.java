package dev.spillway.connect.jdbc.schema;

/**
 * A legal database value that the column's Connect type cannot hold. Thrown by a {@link ColumnReader} with the
 * value's text as the database wrote it; {@link RowSchema} turns it into a task failure or a null with a header,
 * as {@link UnrepresentableAction} says. Carries no stack trace: it is an expected outcome, not a bug.
 */
public final class UnrepresentableValueException extends RuntimeException {

    private final String text;

    public UnrepresentableValueException(String text, String reason) {
        super(reason, null, false, false);
        this.text = text;
    }

    /** The value as the database wrote it. */
    public String text() {
        return text;
    }
}
