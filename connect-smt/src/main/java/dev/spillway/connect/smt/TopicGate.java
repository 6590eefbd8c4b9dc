package dev.spillway.connect.smt;

import dev.spillway.connect.common.topic.TopicNames;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which topic names {@link RouteByField} may send records to, once the template has built one from record data
 * (already sanitised into legal characters and cut to 249): never an internal name (starting with {@code _}, as
 * Kafka's {@code __consumer_offsets}, {@code __transaction_state} and a schema registry's {@code _schemas} do, or
 * named as Connect's and MirrorMaker 2's internal topics are), and, if configured, only names with the required
 * prefix and fully matching the allowed pattern.
 *
 * <p>Immutable and thread-safe.
 */
public final class TopicGate {

    private final String requiredPrefix;
    private final Pattern allowed;

    /**
     * @param requiredPrefix {@code null} for none
     * @param allowed        {@code null} for any name
     */
    public TopicGate(String requiredPrefix, Pattern allowed) {
        this.requiredPrefix = requiredPrefix;
        this.allowed = allowed;
    }

    /** A gate with no prefix and no pattern: only internal names refused. */
    public static final TopicGate INTERNAL_ONLY = new TopicGate(null, null);

    /** Why {@code topic} is refused, as the end of an error message, or empty if it may be used. */
    public Optional<String> refusal(String topic) {
        if (topic.startsWith("_")) {
            return Optional.of("it is an internal topic name (starting with '_')");
        }
        if (TopicNames.isOtherInternal(topic)) {
            return Optional.of("it is the name of an internal topic of Kafka Connect or MirrorMaker 2");
        }
        if (requiredPrefix != null && !topic.startsWith(requiredPrefix)) {
            return Optional.of("it does not start with " + RouteByFieldConfig.REQUIRED_PREFIX_CONFIG + " '"
                + requiredPrefix + "'");
        }
        if (allowed != null && !allowed.matcher(topic).matches()) {
            return Optional.of("it does not match " + RouteByFieldConfig.ALLOWED_REGEX_CONFIG);
        }
        return Optional.empty();
    }
}
