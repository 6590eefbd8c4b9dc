package dev.spillway.testcluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Creates, writes and reads topics of the test cluster with byte-array serdes.
 *
 * <p>Thread-safe. The admin client and producer are created on first use and closed by {@link #close()}; every read
 * uses a fresh consumer without a group, so reads never interfere with each other or commit offsets.
 */
public final class TopicClient implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

    private final String bootstrapServers;
    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean closed;

    public TopicClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Admin

    /** Creates a topic with replication factor 1. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with replication factor 1 and the given topic configs (e.g. {@code cleanup.policy}). */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
        get(admin().createTopics(List.of(topic)).all(), "create topic " + name);
    }

    public void deleteTopic(String name) {
        get(admin().deleteTopics(List.of(name)).all(), "delete topic " + name);
    }

    /** Names of all non-internal topics. */
    public Set<String> listTopics() {
        return get(admin().listTopics().names(), "list topics");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading

    /** Every record of {@code topic} from the beginning up to its current end; empty if the topic does not exist. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return readAll(topic, IsolationLevel.READ_UNCOMMITTED);
    }

    /**
     * Like {@link #readAll(String)}; with {@link IsolationLevel#READ_COMMITTED} it reads up to the last stable offset
     * and skips aborted transactional records.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, IsolationLevel isolation) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(isolation)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, CALL_TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> assignment = partitions.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            // End offsets honour the isolation level: the high watermark, or the last stable offset.
            Map<TopicPartition, Long> end = consumer.endOffsets(assignment, CALL_TIMEOUT);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end offsets " + end
                            + " within " + Await.format(READ_TIMEOUT) + "; read " + records.size() + " records");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    /**
     * The sum of the end offsets of {@code topic}'s partitions (its record count when nothing was deleted or compacted
     * and no transaction markers were written), without reading it; 0 if the topic does not exist.
     */
    public long endOffset(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(IsolationLevel.READ_UNCOMMITTED)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, CALL_TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                return 0;
            }
            return consumer.endOffsets(partitions.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList(), CALL_TIMEOUT)
                    .values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** At most {@code max} records of {@code topic} from its beginning, partition by partition; for big topics. */
    public List<ConsumerRecord<byte[], byte[]>> readFirst(String topic, int max) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(IsolationLevel.READ_UNCOMMITTED)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, CALL_TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                return List.of();
            }
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (PartitionInfo info : partitions) {
                TopicPartition partition = new TopicPartition(info.topic(), info.partition());
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long end = consumer.endOffsets(List.of(partition), CALL_TIMEOUT).get(partition);
                long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
                while (records.size() < max && consumer.position(partition, CALL_TIMEOUT) < end
                        && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        if (records.size() < max) {
                            records.add(record);
                        }
                    }
                }
            }
            return records;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
            if (consumer.position(entry.getKey(), CALL_TIMEOUT) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Waits until {@code topic} holds at least {@code atLeast} records, and returns all of them. */
    public List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, int atLeast, Duration timeout) {
        return awaitRecords(topic, atLeast, timeout, IsolationLevel.READ_UNCOMMITTED);
    }

    /** Like {@link #awaitRecords(String, int, Duration)}, reading with the given isolation level. */
    public List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, int atLeast, Duration timeout,
                                                             IsolationLevel isolation) {
        return Await.until("at least " + atLeast + " records in topic " + topic, timeout,
                () -> new RecordList(readAll(topic, isolation)), records -> records.size() >= atLeast).records();
    }

    /** The number of records in {@code topic} (transaction markers and aborted records not counted as read). */
    public int count(String topic) {
        return readAll(topic).size();
    }

    public int count(String topic, IsolationLevel isolation) {
        return readAll(topic, isolation).size();
    }

    /** UTF-8 values of {@code records}, {@code null} for tombstones; handy for assertions. */
    public static List<String> stringValues(Collection<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(record -> string(record.value())).toList();
    }

    /** UTF-8 keys of {@code records}, {@code null} for null keys. */
    public static List<String> stringKeys(Collection<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(record -> string(record.key())).toList();
    }

    public static String string(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Writing

    /** Produces one record and waits until it is acknowledged by the broker. */
    public RecordMetadata produce(String topic, byte[] key, byte[] value, Map<String, byte[]> headers) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, headerValue) -> record.headers().add(new RecordHeader(name, headerValue)));
        Future<RecordMetadata> sent = producer().send(record);
        return get(sent, "produce to " + topic);
    }

    /** Produces one record with UTF-8 key and value (either may be {@code null}). */
    public RecordMetadata produce(String topic, String key, String value) {
        return produce(topic, bytes(key), bytes(value), Map.of());
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Clients

    private synchronized Admin admin() {
        ensureOpen();
        if (admin == null) {
            Properties config = new Properties();
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId("admin"));
            admin = Admin.create(config);
        }
        return admin;
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        ensureOpen();
        if (producer == null) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId("producer"));
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(CALL_TIMEOUT.toMillis()));
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private KafkaConsumer<byte[], byte[]> consumer(IsolationLevel isolation) {
        ensureOpen();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId("reader"));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Reading a topic that does not exist yet must not create it with default settings.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(CALL_TIMEOUT.toMillis()));
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String clientId(String role) {
        return "spillway-testcluster-" + role + "-" + CLIENT_IDS.incrementAndGet();
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("TopicClient is closed");
        }
    }

    private static <T> T get(Future<T> future, String what) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                // Kafka's exceptions (TopicExistsException, ...) are unchecked and say what went wrong.
                throw cause;
            }
            throw new KafkaException("Failed to " + what, e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("Timed out after " + Await.format(CALL_TIMEOUT) + " trying to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while trying to " + what, e);
        }
    }

    /** Closes the admin client and producer; idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }

    /** Wraps a list so that timeout messages show its size instead of every record. */
    private record RecordList(List<ConsumerRecord<byte[], byte[]>> records) {
        int size() {
            return records.size();
        }

        @Override
        public String toString() {
            return records.size() + " records";
        }
    }
}
