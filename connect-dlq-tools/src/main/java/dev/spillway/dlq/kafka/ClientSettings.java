package dev.spillway.dlq.kafka;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How to reach the cluster: {@code --bootstrap-server}, the properties of {@code --command-config} (TLS, SASL, ...)
 * and one timeout that bounds every blocking client call, so an unreachable broker fails fast.
 */
public record ClientSettings(String bootstrapServers, Properties commandConfig, Duration timeout) {

    public ClientSettings {
        Properties copy = new Properties();
        copy.putAll(commandConfig);
        commandConfig = copy;
    }

    private Properties base(String clientId) {
        Properties config = new Properties();
        config.putAll(commandConfig);
        if (bootstrapServers != null) {
            config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        config.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        long millis = timeout.toMillis();
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(millis));
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(1000, millis / 2)));
        // Do not linger on DNS/connection retries for long: the timeout above is the user's budget.
        config.putIfAbsent(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return config;
    }

    public Properties admin() {
        return base("spillway-dlq-admin");
    }

    /**
     * A consumer that never creates topics and, without a group, never commits; read_committed so that aborted
     * transactional records (a replay's own target, a transactional DLQ producer) are never shown.
     */
    public Properties consumer(String groupId) {
        Properties config = base("spillway-dlq-consumer");
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
        Properties config = base("spillway-dlq-producer");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        long millis = timeout.toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(millis));
        // delivery.timeout.ms must be >= linger.ms + request.timeout.ms.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(millis, 2 * Math.max(1000, millis / 2) + 100)));
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
        return config;
    }

    /** The bootstrap servers for messages, whether given on the command line or in the command config. */
    public String describeCluster() {
        return bootstrapServers != null ? bootstrapServers
                : commandConfig.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "(none)");
    }
}
