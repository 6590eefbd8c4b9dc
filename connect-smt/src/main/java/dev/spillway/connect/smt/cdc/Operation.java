package dev.spillway.connect.smt.cdc;

import java.util.Optional;

/**
 * The kinds of change a Debezium-style envelope's {@code op} field names, by their one-letter codes.
 */
public enum Operation {
    /** {@code c}: a row was inserted. */
    CREATE("c"),
    /** {@code r}: a row was read by a snapshot. */
    READ("r"),
    /** {@code u}: a row was updated. */
    UPDATE("u"),
    /** {@code d}: a row was deleted; the envelope's {@code before} holds it. */
    DELETE("d"),
    /** {@code t}: a table was truncated; the envelope holds no row. */
    TRUNCATE("t"),
    /** {@code m}: a message written to the database log (such as PostgreSQL's logical decoding messages). */
    MESSAGE("m");

    private final String code;

    Operation(String code) {
        this.code = code;
    }

    /** The code as it appears in the {@code op} field. */
    public String code() {
        return code;
    }

    /** Whether the envelope's {@code after} holds the row as it now is. */
    public boolean hasNewRow() {
        return this == CREATE || this == READ || this == UPDATE;
    }

    /** The operation with that code, compared exactly ({@code "C"} is not {@code c}); empty for unknown codes. */
    public static Optional<Operation> fromCode(String code) {
        for (Operation operation : values()) {
            if (operation.code.equals(code)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
