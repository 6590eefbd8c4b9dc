package dev.spillway.dlq.kafka;

import dev.spillway.dlq.errors.CommandException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How to reach the cluster: {@code --bootstrap-server}, the properties of {@code --command-config} (TLS, SASL, ...)
 * for every client, {@code --consumer-property} / {@code --producer-property} for one kind of client, and one
 * timeout that bounds every blocking client call, so an unreachable broker fails fast.
 *
 * <p>Precedence, as in Kafka's own tools: the specific options over {@code --command-config}, and either over the
 * tool's defaults, {@code --timeout}'s client timeouts included. Only the settings the tool's correctness rests on
 * (serialisation, transactions, offset handling) are the tool's; all three options refuse them.
 */
public record ClientSettings(String bootstrapServers, Properties commandConfig, Duration timeout,
                            Properties consumerOverrides, Properties producerOverrides) {

    /** Consumer settings the reader and replay rely on, with the option that controls them instead, if any. */
    static final Map<String, String> CONSUMER_OWNED = Map.of(
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "records are read as bytes",
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "records are read as bytes",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "only replay commits, inside its transactions",
            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "the tool never creates topics",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "aborted records must never be shown or replayed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "the range is chosen with --offsets and --since",
            ConsumerConfig.GROUP_ID_CONFIG, "use replay's --group");

    /** Producer settings replay's exactly-once output relies on. */
    static final Map<String, String> PRODUCER_OWNED = Map.of(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "records are written as bytes",
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "records are written as bytes",
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "use --transactional-id",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "replay is transactional",
            ProducerConfig.ACKS_CONFIG, "replay is transactional");

    private static final Set<String> COMMON = Set.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);

    public ClientSettings {
        commandConfig = copy(commandConfig);
        consumerOverrides = copy(consumerOverrides);
        producerOverrides = copy(producerOverrides);
    }

    public ClientSettings(String bootstrapServers, Properties commandConfig, Duration timeout) {
        this(bootstrapServers, commandConfig, timeout, new Properties(), new Properties());
    }

    /**
     * Checks the {@code --consumer-property} or {@code --producer-property} values of {@code option}.
     *
     * @throws CommandException (usage) naming the first setting the tool must own
     */
    public static Properties overrides(String option, Map<String, String> values, boolean producer) {
        Map<String, String> owned = producer ? PRODUCER_OWNED : CONSUMER_OWNED;
        Properties properties = new Properties();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey().trim();
            if (key.isEmpty()) {
                throw CommandException.usage(option + " needs KEY=VALUE, not '=" + entry.getValue() + "'");
            }
            if (owned.containsKey(key)) {
                throw CommandException.usage(option + " " + key + ": set by spillway-dlq (" + owned.get(key) + ")");
            }
            if (COMMON.contains(key)) {
                throw CommandException.usage(option + " " + key + ": use --bootstrap-server or --command-config");
            }
            properties.setProperty(key, entry.getValue());
        }
        return properties;
    }

    /**
     * Checks the properties read from {@code --command-config}: the file goes to every client, so it may set any
     * client property except those the tool owns for its consumers or its producer.
     *
     * @param file the file as given, for the message
     * @throws CommandException (usage) naming the file and the first such key, in name order
     */
    public static void checkCommandConfig(String file, Properties properties) {
        properties.stringPropertyNames().stream().sorted().forEach(key -> {
            String reason = CONSUMER_OWNED.containsKey(key) ? CONSUMER_OWNED.get(key) : PRODUCER_OWNED.get(key);
            if (reason != null) {
                throw CommandException.usage("--command-config " + file + ": " + key + ": set by spillway-dlq ("
                        + reason + "); remove it from the file");
            }
        });
    }

    /** The same settings with {@code --producer-property} values. */
    public ClientSettings withProducerOverrides(Properties overrides) {
        return new ClientSettings(bootstrapServers, commandConfig, timeout, consumerOverrides, overrides);
    }

    private static Properties copy(Properties properties) {
        Properties copy = new Properties();
        if (properties != null) {
            copy.putAll(properties);
        }
        return copy;
    }

    private Properties base(String clientId, Properties overrides) {
        Properties config = new Properties();
        config.putAll(commandConfig);
        config.putAll(overrides);
        if (bootstrapServers != null) {
            config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        config.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        // --timeout is the default budget; a timeout the user set for the client explicitly stands.
        long millis = timeout.toMillis();
        config.putIfAbsent(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(millis));
        config.putIfAbsent(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(1000, millis / 2)));
        // Do not linger on DNS/connection retries for long: the timeout above is the user's budget.
        config.putIfAbsent(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return config;
    }

    public Properties admin() {
        return base("spillway-dlq-admin", new Properties());
    }

    /**
     * A consumer that never creates topics and, without a group, never commits; read_committed so that aborted
     * transactional records (a replay's own target, a transactional DLQ producer) are never shown.
     */
    public Properties consumer(String groupId) {
        Properties config = base("spillway-dlq-consumer", consumerOverrides);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 * 1024 * 1024));
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        } else {
            config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        }
        return config;
    }

    /** An idempotent transactional producer: replay's output and its committed progress are one transaction. */
    public Properties transactionalProducer(String transactionalId) {
        Properties config = base("spillway-dlq-producer", producerOverrides);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
        long millis = timeout.toMillis();
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(millis));
        // delivery.timeout.ms must be >= linger.ms + request.timeout.ms, whoever set those.
        long floor = millisOf(config, ProducerConfig.LINGER_MS_CONFIG, 5)
                + millisOf(config, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000) + 100;
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(millis, floor)));
        return config;
    }

    /** A numeric setting as the client would read it; a bad value is left for the client's own clear error. */
    private static long millisOf(Properties config, String key, long fallback) {
        try {
            return Long.parseLong(String.valueOf(config.get(key)).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * The options that set client properties in this run, for messages about a bad property: those of
     * {@code --command-config}, {@code --consumer-property} and {@code --producer-property} that set at least one;
     * empty if none did.
     */
    public String configOptions() {
        List<String> options = new ArrayList<>();
        if (!commandConfig.isEmpty()) {
            options.add("--command-config");
        }
        if (!consumerOverrides.isEmpty()) {
            options.add("--consumer-property");
        }
        if (!producerOverrides.isEmpty()) {
            options.add("--producer-property");
        }
        return String.join(", ", options);
    }

    /** The bootstrap servers for messages, whether given on the command line or in the command config. */
    public String describeCluster() {
        return bootstrapServers != null ? bootstrapServers
                : commandConfig.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "(none)");
    }
}
