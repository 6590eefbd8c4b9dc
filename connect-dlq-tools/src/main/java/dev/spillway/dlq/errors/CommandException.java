package dev.spillway.dlq.errors;

/** Ends a command with a one-line message for the user and one of {@link ExitCodes}. */
public final class CommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CommandException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CommandException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CommandException refused(String message) {
        return new CommandException(ExitCodes.REFUSED, message);
    }

    public static CommandException usage(String message) {
        return new CommandException(ExitCodes.USAGE, message);
    }
}
