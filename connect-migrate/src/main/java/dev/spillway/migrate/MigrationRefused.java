package dev.spillway.migrate;

/** The old connector cannot be carried over exactly; the message says why and what to do, in one line. */
public final class MigrationRefused extends RuntimeException {

    public MigrationRefused(String message) {
        super(message);
    }
}
