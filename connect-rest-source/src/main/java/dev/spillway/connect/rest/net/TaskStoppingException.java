package dev.spillway.connect.rest.net;

/** Thrown out of a wait or request when the task stops; {@code poll()} turns it into an empty return. */
public final class TaskStoppingException extends RuntimeException {

    public TaskStoppingException() {
        super("the task is stopping", null, false, false);
    }
}
