package dev.spillway.connect.jdbc.dialect;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * {@code horizon.mode=database} on a connection that cannot see other sessions' transactions: no retry helps until
 * the privilege is granted or the mode changed, so whoever meets it fails rather than waits.
 */
public final class HorizonRefusedException extends ConnectException {

    public HorizonRefusedException(String reason) {
        super(message(reason));
    }

    /** The one line that names the key, the reason and the ways out. */
    public static String message(String reason) {
        return "horizon.mode=database but " + reason
            + ". Grant it, or set horizon.mode=auto or delay to rely on horizon.delay.ms instead.";
    }
}
