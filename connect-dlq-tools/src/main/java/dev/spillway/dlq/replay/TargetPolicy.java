package dev.spillway.dlq.replay;

import dev.spillway.connect.common.topic.TopicNames;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which topics a replay may write to. A dead letter names its own target ({@code __connect.errors.topic}), so
 * whoever can write to the dead-letter topic could otherwise steer a replay, which usually runs with more rights
 * than they have, into a worker's configuration topic, the consumer offsets, a schema registry's {@code _schemas}
 * or the dead-letter topic itself. Checked in this order:
 * <ol>
 *   <li>not a legal Kafka topic name (1 to 249 of {@code [a-zA-Z0-9._-]}, not {@code .} or {@code ..}): a header
 *       with control characters, megabytes of text and the like;</li>
 *   <li>internal: the name starts with {@code _} (Kafka's {@code __consumer_offsets} and
 *       {@code __transaction_state}, {@code _schemas}, {@code _confluent-*}, ...): always refused;</li>
 *   <li>the dead-letter topic being replayed: always refused (a loop, and a way to make records immortal);</li>
 *   <li>a full match of {@code --exclude-topics} ({@link #DEFAULT_EXCLUDE} unless given);</li>
 *   <li>no full match of {@code --allow-topics}, when given.</li>
 * </ol>
 * The same rules apply to {@code --to}: a typo there should not land records in {@code connect-configs} either.
 */
public final class TargetPolicy {

    /**
     * Topics of Kafka's own machinery that are not named with a leading {@code _}: Connect's config, offset and
     * status topics under their usual names ({@code connect-configs}, {@code connect-offsets},
     * {@code connect-status}, also prefixed, as in {@code docker-connect-configs}, and Strimzi's
     * {@code connect-cluster-*}), MirrorMaker 2's {@code *.internal} topics, and Kafka Streams' {@code -changelog}
     * and {@code -repartition} topics. Broader than the plugins' rule ({@link TopicNames#OTHER_INTERNAL_REGEX}): a
     * replay's targets come from headers, and {@code --exclude-topics} can narrow it.
     */
    public static final String DEFAULT_EXCLUDE =
            ".*connect(-cluster)?-(configs|offsets|status)|.*\\.internal|.*-(changelog|repartition)";

    /** Why a target is refused, as shown in reports. */
    public enum Reason {
        ILLEGAL_NAME("not a legal topic name"),
        INTERNAL("internal topic (name starts with '_')"),
        DEAD_LETTER_TOPIC("the dead-letter topic itself"),
        EXCLUDED("matches --exclude-topics"),
        NOT_ALLOWED("does not match --allow-topics");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final String deadLetterTopic;
    private final Pattern exclude;
    private final Pattern allow;

    /**
     * @param exclude {@code null}: nothing beyond the fixed rules
     * @param allow   {@code null}: every target the other rules let through
     */
    public TargetPolicy(String deadLetterTopic, Pattern exclude, Pattern allow) {
        this.deadLetterTopic = deadLetterTopic;
        this.exclude = exclude;
        this.allow = allow;
    }

    /** The policy with the default exclusions and no allow-list. */
    public static TargetPolicy defaults(String deadLetterTopic) {
        return new TargetPolicy(deadLetterTopic, Pattern.compile(DEFAULT_EXCLUDE), null);
    }

    /** Why {@code topic} must not be written to, or empty if it may be. */
    public Optional<Reason> refusal(String topic) {
        if (!isLegalTopicName(topic)) {
            return Optional.of(Reason.ILLEGAL_NAME);
        }
        if (topic.startsWith("_")) {
            return Optional.of(Reason.INTERNAL);
        }
        if (topic.equals(deadLetterTopic)) {
            return Optional.of(Reason.DEAD_LETTER_TOPIC);
        }
        if (exclude != null && exclude.matcher(topic).matches()) {
            return Optional.of(Reason.EXCLUDED);
        }
        if (allow != null && !allow.matcher(topic).matches()) {
            return Optional.of(Reason.NOT_ALLOWED);
        }
        return Optional.empty();
    }

    static boolean isLegalTopicName(String name) {
        return TopicNames.isLegal(name);
    }
}
