package dev.spillway.connect.rest;

import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.KafkaVersions;
import dev.spillway.testcluster.PluginPaths;
import dev.spillway.testcluster.TopicClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The set-up every REST source IT shares: one Connect cluster per class with this module's plugin on its plugin path
 * (started before the first test, stopped after the last, its log tails attached to failures), the connector config
 * every test starts from, and reading the item ids a connector wrote.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RestSourceHarness HARNESS = RestSourceHarness.cluster("rest-x", "4.3.1");
 * }</pre>
 */
final class RestSourceHarness implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    private final ClusterLogsOnFailure logs = new ClusterLogsOnFailure();
    private final String name;
    private final String kafkaVersion;
    private UnaryOperator<ConnectCluster.Builder> options = UnaryOperator.identity();
    private Path plugins;
    private ConnectCluster cluster;

    private RestSourceHarness(String name, String kafkaVersion) {
        this.name = name;
        this.kafkaVersion = kafkaVersion;
    }

    /** A one-worker cluster named {@code name} on Kafka {@code kafkaVersion}, shared by the tests of a class. */
    static RestSourceHarness cluster(String name, String kafkaVersion) {
        return new RestSourceHarness(name, kafkaVersion);
    }

    /** The newest Kafka version the build asks ITs to run against. */
    static String latestKafka() {
        List<String> versions = KafkaVersions.fromSystemProperty();
        return versions.get(versions.size() - 1);
    }

    /** The same cluster with exactly-once source support enabled on its workers. */
    RestSourceHarness exactlyOnce() {
        return with(builder -> builder.workerProperty("exactly.once.source.support", "enabled"));
    }

    /** Further worker options (JVM options, properties) applied to the builder before the cluster starts. */
    RestSourceHarness with(UnaryOperator<ConnectCluster.Builder> option) {
        UnaryOperator<ConnectCluster.Builder> before = options;
        options = builder -> option.apply(before.apply(builder));
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        plugins = Files.createTempDirectory("spillway-rest-it-plugins");
        PluginPaths.pluginDirFromBuild(plugins, "spillway-rest-source", "spillway.rest.jar", "spillway.rest.deps");
        cluster = start(options);
    }

    /**
     * Another one-worker cluster with the same plugin, for a test that cannot share the class's; its logs are
     * attached to failures too. The caller closes it.
     */
    ConnectCluster start(UnaryOperator<ConnectCluster.Builder> options) {
        return logs.watch(options.apply(ConnectCluster.builder()
                .name(name)
                .kafkaVersion(kafkaVersion)
                .workers(1)
                .pluginPath(plugins))
            .start());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            deleteTree(plugins);
        }
    }

    ConnectCluster cluster() {
        return cluster;
    }

    ConnectRestClient rest() {
        return cluster.rest();
    }

    TopicClient topics() {
        return cluster.topics();
    }

    /** The whole log of the first worker, for greps. */
    String workerLog() throws IOException {
        return Files.readString(cluster.logFiles().get("worker-0"));
    }

    /** The settings every connector of these tests has: the class, one task, string key and value. */
    static Map<String, String> connectorConfig(String topicPrefix) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", RestSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("topic.prefix", topicPrefix);
        return config;
    }

    /** {@code taskConfig} with {@link #connectorConfig} added under it (the task's own keys win). */
    static Map<String, String> connectorConfig(String topicPrefix, Map<String, String> taskConfig) {
        Map<String, String> config = connectorConfig(topicPrefix);
        config.putAll(taskConfig);
        return config;
    }

    /** Ids in topic order (committed records only), once at least {@code count} records are there. */
    static List<Long> awaitIds(TopicClient topics, String topic, int count, Duration timeout) {
        return Await.until("at least " + count + " records in " + topic, timeout, () -> ids(topics, topic),
            ids -> ids.size() >= count);
    }

    /** The id of every committed record of {@code topic}, in topic order; a record without one fails the test. */
    static List<Long> ids(TopicClient topics, String topic) {
        List<Long> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : topics.readAll(topic, IsolationLevel.READ_COMMITTED)) {
            String value = TopicClient.string(record.value());
            Matcher matcher = ID.matcher(value);
            if (!matcher.find()) {
                throw new AssertionError("no id in " + value);
            }
            ids.add(Long.parseLong(matcher.group(1)));
        }
        return ids;
    }

    /** How many times {@code regex} matches in {@code text}. */
    static long count(String text, String regex) {
        return Pattern.compile(regex).matcher(text).results().count();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        logs.handleTestExecutionException(context, throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        logs.handleBeforeAllMethodExecutionException(context, throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        logs.handleBeforeEachMethodExecutionException(context, throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        logs.handleAfterEachMethodExecutionException(context, throwable);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        logs.handleAfterAllMethodExecutionException(context, throwable);
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
