package dev.spillway.dlq.kafka;

import dev.spillway.dlq.errors.CommandException;
import dev.spillway.dlq.errors.ExitCodes;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Turns Kafka client exceptions into one-line messages that say what to check. */
public final class KafkaFailures {

    private KafkaFailures() {
    }

    public static CommandException translate(Throwable error, ClientSettings settings, String doing) {
        Throwable cause = error;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CommandException command) {
            return command;
        }
        if (cause instanceof TimeoutException) {
            return new CommandException(ExitCodes.FAILURE, "Timed out after " + settings.timeout().toSeconds()
                    + " s trying to " + doing + " at " + settings.describeCluster()
                    + ": is the broker reachable (--bootstrap-server, --command-config)?", cause);
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return new CommandException(ExitCodes.REFUSED, "Cannot " + doing + ": " + cause.getMessage(), cause);
        }
        if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
            return new CommandException(ExitCodes.FAILURE, "Not allowed to " + doing + ": " + cause.getMessage()
                    + " (check the credentials in --command-config)", cause);
        }
        for (Throwable link = cause; link != null; link = link.getCause()) {
            // Clients wrap a bad property ("Failed to construct kafka consumer", ...): name the property's problem.
            if (link instanceof ConfigException) {
                String options = settings.configOptions();
                return new CommandException(ExitCodes.USAGE, "Invalid client configuration"
                        + (options.isEmpty() ? "" : " (" + options + ")") + ": " + link.getMessage(), cause);
            }
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new CommandException(ExitCodes.FAILURE, "Failed to " + doing + ": " + message, cause);
    }
}
