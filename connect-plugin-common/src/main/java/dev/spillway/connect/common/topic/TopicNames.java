package dev.spillway.connect.common.topic;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What Kafka accepts as a topic name, and the names of the internal topics that data (a column value, a table
 * name) or a typo must never choose: the rules every plugin and spillway-dlq apply before sending a record where
 * something other than the configuration picked.
 */
public final class TopicNames {

    /** Kafka's limit on the length of a topic name. */
    public static final int MAX_LENGTH = 249;

    /**
     * Topics of Kafka's own machinery that are not named with a leading {@code _}, by the names they are given:
     * Connect's config, offset and status topics ({@code connect-configs}, also prefixed as in
     * {@code docker-connect-offsets}, and Strimzi's {@code connect-cluster-status}) and MirrorMaker 2's
     * ({@code mm2-offsets.<cluster>.internal}, {@code mm2-offset-syncs.<cluster>.internal},
     * {@code <cluster>.checkpoints.internal}). Narrow on purpose: a business topic such as
     * {@code billing.internal} or {@code orders-changelog} stays usable.
     */
    public static final String OTHER_INTERNAL_REGEX = "(.*[-.])?connect(-cluster)?-(configs|offsets|status)"
        + "|mm2-(configs|offsets|status|offset-syncs)\\..+\\.internal|.+\\.checkpoints\\.internal";

    private static final Pattern OTHER_INTERNAL = Pattern.compile(OTHER_INTERNAL_REGEX);
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

    private TopicNames() {
    }

    /** Letters, digits, {@code .}, {@code _} and {@code -}, at most 249 of them, and neither "." nor "..". */
    public static boolean isLegal(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_LENGTH && LEGAL.matcher(name).matches()
            && !name.equals(".") && !name.equals("..");
    }

    /** A name of Connect's, MirrorMaker's or Kafka Streams' internal topics (see {@link #OTHER_INTERNAL_REGEX}). */
    public static boolean isOtherInternal(String name) {
        return OTHER_INTERNAL.matcher(name).matches();
    }

    /**
     * Why a source record must not go to {@code topic} when a table's name chose it, as the end of a sentence, or
     * empty: Kafka's own internal topics ({@code __consumer_offsets}), a schema registry's ({@code _schemas},
     * {@code _confluent-*}) and other tools' ({@link #isOtherInternal}). Other names starting with {@code _} are
     * tables'. An illegal name is not refused here: a transform (RegexRouter) may still rename the topic before
     * the worker produces to it, and the producer refuses what stays illegal.
     */
    public static Optional<String> refusalForTable(String topic) {
        if (topic.startsWith("__") || topic.equals("_schemas") || topic.startsWith("_confluent")
                || isOtherInternal(topic)) {
            return Optional.of("that is the name of an internal topic");
        }
        return Optional.empty();
    }
}
