package dev.spillway.packaging.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectStandaloneWorker;
import dev.spillway.testcluster.KafkaVersions;
import dev.spillway.testcluster.PluginPaths;
import dev.spillway.testcluster.TopicClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST source under {@code connect-standalone} with file offsets, configured by the example files shipped in the
 * zip's {@code etc/standalone/}: a clean stop and a {@code kill -9}, each followed by more items in the API and a
 * restart that must resume from the offsets file.
 */
class ConnectStandaloneIT {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectStandaloneIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String CONNECTOR = "rest-source";
    private static final String TOPIC = "api.orders";
    /** Set by the kit for this machine: the shipped values point at a user's localhost. */
    private static final List<String> MACHINE_KEYS =
            List.of("bootstrap.servers", "plugin.path", "offset.storage.file.filename", "listeners");

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    static List<String> kafkaVersions() {
        return KafkaVersions.fromSystemProperty();
    }

    @ParameterizedTest(name = "Kafka {0}")
    @MethodSource("kafkaVersions")
    void resumesFromTheOffsetsFileAfterAStopAndAKill(String kafkaVersion, @TempDir Path dir) throws Exception {
        Path zip = Path.of(System.getProperty("spillway.zip"));
        Path pluginPath = dir.resolve("plugins");
        PluginPaths.unzip(zip, pluginPath);
        Path examples = shippedExamples(pluginPath);

        try (OrdersApi api = new OrdersApi();
             ConnectCluster cluster = ConnectCluster.builder()
                     .name("standalone-" + kafkaVersion.replace('.', '-'))
                     .kafkaVersion(kafkaVersion)
                     .workers(0)
                     .pluginPath(pluginPath)
                     .start()) {
            LOGS.watch(cluster);
            Properties connector = load(examples.resolve("rest-source.properties"));
            connector.setProperty("http.base.url", api.baseUrl());
            connector.setProperty("pagination.limit", "10");
            connector.setProperty("poll.interval.ms", "300");
            Path connectorFile = dir.resolve("rest-source.properties");
            store(connector, connectorFile);

            Map<String, String> worker = new LinkedHashMap<>();
            load(examples.resolve("worker.properties")).forEach((k, v) -> worker.put((String) k, (String) v));
            MACHINE_KEYS.forEach(worker::remove);
            // Flush often, so that a kill -9 loses (and repeats) little.
            worker.put("offset.flush.interval.ms", "200");
            ConnectStandaloneWorker standalone = cluster.startStandaloneWorker(worker, connectorFile);
            standalone.rest().awaitRunning(CONNECTOR, 1, TIMEOUT);

            api.append(25);
            assertThat(ids(cluster.topics().awaitRecords(TOPIC, 25, TIMEOUT))).isEqualTo(range(1, 25));

            // A clean stop commits the offsets of everything written: nothing may come twice.
            standalone.stop();
            assertThat(standalone.offsetsFile()).isNotEmptyFile();
            api.append(25);
            standalone.start();
            standalone.rest().awaitRunning(CONNECTOR, 1, TIMEOUT);
            awaitIdsUpTo(cluster.topics(), 50);
            long requests = api.requests();
            // Let the task walk past the end a few times: a repeat would show up now.
            api.awaitRequests(requests + 3, TIMEOUT);
            assertThat(ids(cluster.topics().readAll(TOPIC))).as("every item exactly once, in order")
                    .isEqualTo(range(1, 50));

            // kill -9 while items flow: offsets not yet flushed are lost, so items since the last flush come
            // again; none may be missing.
            api.append(50);
            cluster.topics().awaitRecords(TOPIC, 80, TIMEOUT);
            standalone.kill();
            api.append(20);
            standalone.start();
            standalone.rest().awaitRunning(CONNECTOR, 1, TIMEOUT);
            awaitIdsUpTo(cluster.topics(), 120);
            List<Long> all = ids(cluster.topics().readAll(TOPIC));
            List<Long> afterStop = all.subList(50, all.size());
            int duplicates = afterStop.size() - new LinkedHashSet<>(afterStop).size();
            LOG.info("Kafka {}: {} item(s) repeated after kill -9 with offset.flush.interval.ms=200", kafkaVersion,
                    duplicates);
            assertThat(new ArrayList<>(new LinkedHashSet<>(all))).as("no item lost, first copies in order")
                    .isEqualTo(range(1, 120));
            // Only what the killed run wrote after its last offset flush may repeat.
            assertThat(duplicates).isLessThanOrEqualTo(50);
        }
    }

    private static Path shippedExamples(Path pluginPath) throws IOException {
        try (var folders = Files.list(pluginPath)) {
            return folders.map(folder -> folder.resolve("etc").resolve("standalone")).filter(Files::isDirectory)
                    .findFirst().orElseThrow(() -> new AssertionError("no etc/standalone/ in the zip"));
        }
    }

    private static void awaitIdsUpTo(TopicClient topics, long last) {
        Await.until("item " + last + " in " + TOPIC, TIMEOUT,
                () -> ids(topics.readAll(TOPIC)).contains(last));
    }

    private static List<Long> ids(List<ConsumerRecord<byte[], byte[]>> records) {
        return TopicClient.stringValues(records).stream().map(value -> {
            try {
                return JSON.readTree(value).get("id").asLong();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).collect(Collectors.toList());
    }

    private static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static void store(Properties properties, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "rest-source.properties from the zip, pointed at the test API");
        }
    }

    /**
     * A loopback API shaped like the shipped example: {@code /v1/orders?cursor=<last id>&limit=<n>} answers
     * {@code {"data":[{"id":..}..],"meta":{"next_cursor":"<last id>"}}} with the items after the cursor, and a cursor
     * only when the page is full. Items are only appended, so the same request never loses items it returned.
     */
    private static final class OrdersApi implements AutoCloseable {
        private final HttpServer server;
        private final AtomicLong items = new AtomicLong();
        private final AtomicLong requests = new AtomicLong();

        OrdersApi() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/orders", this::handle);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        }

        void append(int count) {
            items.addAndGet(count);
        }

        long requests() {
            return requests.get();
        }

        void awaitRequests(long atLeast, Duration timeout) {
            Await.until(atLeast + " requests to the API", timeout,
                    () -> requests.get() >= atLeast);
        }

        private void handle(HttpExchange exchange) throws IOException {
            Map<String, String> query = new LinkedHashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    String[] kv = pair.split("=", 2);
                    query.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
            long after = Long.parseLong(query.getOrDefault("cursor", "0"));
            int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
            long last = Math.min(items.get(), after + limit);
            String data = LongStream.rangeClosed(after + 1, last)
                    .mapToObj(id -> "{\"id\":" + id + ",\"total\":" + id * 10 + "}").collect(Collectors.joining(","));
            String cursor = last - after == limit ? "\"" + last + "\"" : "null";
            byte[] bytes = ("{\"data\":[" + data + "],\"meta\":{\"next_cursor\":" + cursor + "}}")
                    .getBytes(StandardCharsets.UTF_8);
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
