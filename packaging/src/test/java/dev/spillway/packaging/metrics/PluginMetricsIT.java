package dev.spillway.packaging.metrics;

import static dev.spillway.testcluster.Jmx.spillwayMBeans;
import static dev.spillway.testcluster.Jmx.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.Jmx;
import dev.spillway.testcluster.KafkaVersions;
import dev.spillway.testcluster.PluginPaths;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spillway's metrics from the built zip on stock workers of every tested version, as operators read them: over
 * remote JMX, and through the Prometheus JMX exporter agent with the rules file the zip ships in
 * {@code etc/monitoring/}. A REST connector reads a loopback API through Guard(ParseJson), CdcUnwrap and Mask: the
 * REST task's metrics are under {@code spillway:type=rest-source-task-metrics} on 3.9 and in the worker's KIP-877
 * plugin metrics ({@code kafka.connect:type=plugins}) on 4.1+, with the same names; the transforms' under
 * {@code spillway:type=transform-metrics} on both. A JDBC connector reads a table of the loopback PostgreSQL: its
 * per-table and pool metrics are under {@code spillway:type=jdbc-source-task-metrics} on 3.9 and in the plugin
 * metrics on 4.1+. Deleting the connectors leaves none of them behind.
 */
class PluginMetricsIT {

    private static final Logger LOG = LoggerFactory.getLogger(PluginMetricsIT.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String CONNECTOR = "api-events";
    private static final String JDBC_CONNECTOR = "db-events";
    private static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final int ROWS = 30;
    private static final int ITEMS = 120;
    /** Every tenth item's doc is not JSON: Guard sends it to the error topic. */
    private static final int BAD_DOCS = ITEMS / 10;
    private static final long HOUR = 3_600_000;

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    static List<String> kafkaVersions() {
        return KafkaVersions.fromSystemProperty();
    }

    @ParameterizedTest(name = "Kafka {0}")
    @MethodSource("kafkaVersions")
    void metricsOfTheRestTaskAndTheTransformsOverJmxAndPrometheus(String kafkaVersion, @TempDir Path dir)
            throws Exception {
        long started = System.nanoTime();
        Path pluginPath = dir.resolve("plugins");
        Path zip = Path.of(System.getProperty("spillway.zip"));
        PluginPaths.unzip(zip, pluginPath);
        Path rules = Files.walk(pluginPath).filter(p -> p.endsWith(Path.of("etc", "monitoring",
                "prometheus-jmx-exporter.yml"))).findFirst().orElseThrow();
        int jmxPort = Jmx.freeLoopbackPort();
        int exporterPort = Jmx.freeLoopbackPort();
        List<String> workerOptions = new ArrayList<>(Jmx.remoteJmxOptions(jmxPort));
        workerOptions.add("-javaagent:" + System.getProperty("spillway.jmx.exporter.agent") + "=127.0.0.1:"
                + exporterPort + ":" + rules);
        boolean pluginMetrics = !kafkaVersion.startsWith("3.");
        String schema = "plugin_metrics_it_" + Long.toHexString(System.nanoTime() & 0xffffffffL);
        postgres("CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".events (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL,"
                        + " updated TIMESTAMPTZ NOT NULL DEFAULT now())",
                "INSERT INTO " + schema + ".events (name) SELECT 'row-' || g FROM generate_series(1, " + ROWS + ") g");

        try (EventsApi api = new EventsApi();
             ConnectCluster cluster = LOGS.watch(ConnectCluster.builder()
                     .name("plugin-metrics-" + kafkaVersion.replace('.', '-'))
                     .kafkaVersion(kafkaVersion)
                     .workers(1)
                     .pluginPath(pluginPath)
                     .workerJvmOptions(workerOptions)
                     .start());
             JMXConnector jmx = Jmx.connect(jmxPort)) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            long hourAgo = System.currentTimeMillis() - HOUR;
            for (int i = 1; i <= ITEMS; i++) {
                api.add(i, hourAgo + i);
            }
            ConnectRestClient rest = cluster.rest();
            rest.createConnector(CONNECTOR, connectorConfig(api));
            rest.createConnector(JDBC_CONNECTOR, jdbcConnectorConfig(schema));
            rest.awaitRunning(CONNECTOR, 1, TIMEOUT);
            rest.awaitRunning(JDBC_CONNECTOR, 1, TIMEOUT);
            cluster.topics().awaitRecords("api.events", ITEMS - BAD_DOCS, TIMEOUT);
            cluster.topics().awaitRecords("api.events-errors", BAD_DOCS, TIMEOUT);

            ObjectName endpoint = pluginMetrics
                    ? Await.until("the REST task's plugin metrics", TIMEOUT, () -> only(mbeans,
                            "kafka.connect:type=plugins,connector=" + CONNECTOR + ",task=0,*"), name -> name != null)
                    : new ObjectName("spillway:type=rest-source-task-metrics,connector=" + CONNECTOR
                            + ",task=0,endpoint=events");
            LOG.info("Kafka {}: REST task metrics at {}", kafkaVersion, endpoint);
            assertThat(endpoint.getKeyProperty("endpoint")).isEqualTo("events");
            Await.until("items-total = " + ITEMS, TIMEOUT, () -> value(mbeans, endpoint, "items-total"),
                    items -> items == ITEMS);
            assertThat(value(mbeans, endpoint, "pages-total")).isGreaterThanOrEqualTo(ITEMS / 50.0);
            assertThat(value(mbeans, endpoint, "since-lag-ms")).isBetween(HOUR - 60_000.0, HOUR + 120_000.0);
            assertThat(mbeans.queryNames(new ObjectName("spillway:type=rest-source-task-metrics,*"), null))
                    .as("one place only").hasSize(pluginMetrics ? 0 : 1);

            ObjectName guard = transform(CONNECTOR, "Guard");
            ObjectName unwrap = transform(CONNECTOR, "CdcUnwrap.Value");
            ObjectName mask = transform(CONNECTOR, "Mask.Value");
            assertThat(value(mbeans, guard, "error-topic-records-total")).isEqualTo(BAD_DOCS);
            // Guard re-targets the records it routes; the rest of the chain still sees them (and masks them).
            assertThat(value(mbeans, unwrap, "non-envelope-records-total")).isEqualTo(ITEMS);
            assertThat(value(mbeans, mask, "masked-values-total")).isEqualTo(ITEMS);
            assertThat(value(mbeans, mask, "hashed-values-total")).isEqualTo(ITEMS);

            String jdbcType = pluginMetrics ? "kafka.connect:type=plugins" : "spillway:type=jdbc-source-task-metrics";
            ObjectName jdbcTable = new ObjectName(jdbcType + ",connector=" + JDBC_CONNECTOR + ",task=0,table=" + schema
                    + ".events");
            ObjectName jdbcPool = new ObjectName(jdbcType + ",connector=" + JDBC_CONNECTOR + ",task=0");
            cluster.topics().awaitRecords("db." + schema + ".events", ROWS, TIMEOUT);
            Await.until("rows-total = " + ROWS, TIMEOUT, () -> value(mbeans, jdbcTable, "rows-total"),
                    rows -> rows == ROWS);
            Await.until("a lag once read", TIMEOUT, () -> value(mbeans, jdbcTable, "lag-ms"), lag -> !lag.isNaN());
            assertThat(value(mbeans, jdbcPool, "pool-max-connections")).isEqualTo(1);
            LOG.info("Kafka {}: JDBC task metrics at {} and {}", kafkaVersion, jdbcTable, jdbcPool);

            // The exporter, with the shipped rules: Spillway's and Connect's own metrics under the documented names.
            String scrape = scrape(exporterPort);
            String labels = "connector=\"" + CONNECTOR + "\",endpoint=\"events\",task=\"0\"";
            assertThat(sample(scrape, "spillway_rest_source_items_total", labels)).isEqualTo(ITEMS);
            assertThat(sample(scrape, "spillway_rest_source_since_lag_ms", labels)).isGreaterThan(HOUR - 60_000.0);
            assertThat(sample(scrape, "spillway_transform_error_topic_records_total",
                    "connector=\"" + CONNECTOR + "\",task=\"0\",transform=\"Guard\"")).isEqualTo(BAD_DOCS);
            assertThat(sample(scrape, "spillway_transform_masked_values_total",
                    "connector=\"" + CONNECTOR + "\",task=\"0\",transform=\"Mask.Value\"")).isEqualTo(ITEMS);
            assertThat(sample(scrape, "kafka_connect_worker_connector_connector_failed_task_count",
                    "connector=\"" + CONNECTOR + "\"")).isZero();
            assertThat(sample(scrape, "kafka_connect_worker_connector_connector_running_task_count",
                    "connector=\"" + CONNECTOR + "\"")).isEqualTo(1);
            assertThat(sample(scrape, "kafka_connect_source_task_source_record_poll_total",
                    "connector=\"" + CONNECTOR + "\",task=\"0\"")).isEqualTo(ITEMS);
            assertThat(sample(scrape, "kafka_connect_connector_task_status",
                    "connector=\"" + CONNECTOR + "\",status=\"running\",task=\"0\"")).isEqualTo(1);
            assertThat(scrape).contains("kafka_connect_worker_rebalance_rebalance_avg_time_ms");
            String tableLabels = "connector=\"" + JDBC_CONNECTOR + "\",table=\"" + schema + ".events\",task=\"0\"";
            assertThat(sample(scrape, "spillway_jdbc_source_rows_total", tableLabels)).isEqualTo(ROWS);
            assertThat(sample(scrape, "spillway_jdbc_source_queries_total", tableLabels)).isGreaterThanOrEqualTo(1);
            assertThat(sample(scrape, "spillway_jdbc_source_retries_total", tableLabels)).isZero();
            assertThat(sample(scrape, "spillway_jdbc_source_lag_ms", tableLabels)).isLessThan(HOUR);
            String poolLabels = "connector=\"" + JDBC_CONNECTOR + "\",task=\"0\"";
            assertThat(sample(scrape, "spillway_jdbc_source_pool_max_connections", poolLabels)).isEqualTo(1);
            assertThat(sample(scrape, "spillway_jdbc_source_pool_threads_waiting", poolLabels)).isZero();
            assertThat(sample(scrape, "spillway_jdbc_source_pool_total_connections", poolLabels)).isBetween(0.0, 1.0);
            assertShippedQueriesUseExportedNames(pluginPath, scrape);

            // Fresh items: the lag comes down to about the poll interval.
            long fresh = System.currentTimeMillis();
            api.add(ITEMS + 1, fresh);
            Await.until("items-total = " + (ITEMS + 1), TIMEOUT, () -> value(mbeans, endpoint, "items-total"),
                    items -> items == ITEMS + 1);
            assertThat(value(mbeans, endpoint, "since-lag-ms")).isBetween(0.0, 30_000.0);

            rest.delete(CONNECTOR);
            rest.delete(JDBC_CONNECTOR);
            Await.until("no Spillway metric left after the delete", TIMEOUT, () -> spillwayMBeans(mbeans).isEmpty());
            String log = Files.readString(cluster.logFiles().get("worker-0"));
            assertThat(log).doesNotContain("Could not register metric");
            LOG.info("PluginMetricsIT on Kafka {} took {} ms", kafkaVersion, (System.nanoTime() - started) / 1_000_000);
        } finally {
            postgres("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /**
     * Every series the shipped dashboard, the shipped alert rules and the operations page query is one the exporter
     * really produces with the shipped rules (sink-task series aside: this worker runs no sink connector).
     */
    private static void assertShippedQueriesUseExportedNames(Path pluginPath, String scrape) throws IOException {
        Set<String> exported = scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
        Pattern series = Pattern.compile("\\b(?:spillway|kafka_connect)_[a-z0-9_]*[a-z0-9]\\b");
        for (String file : List.of("grafana-dashboard.json", "prometheus-alerts.yml", "operations.md")) {
            Path path = Files.walk(pluginPath).filter(p -> p.getFileName().toString().equals(file)).findFirst()
                    .orElseThrow(() -> new AssertionError(file + " is not in the zip"));
            Set<String> queried = new TreeSet<>();
            Matcher matcher = series.matcher(Files.readString(path));
            while (matcher.find()) {
                queried.add(matcher.group());
            }
            queried.removeIf(name -> name.startsWith("kafka_connect_sink_task_"));
            assertThat(queried).as("series named in %s", file).isNotEmpty();
            assertThat(exported).as("exported series, for those named in %s", file).containsAll(queried);
        }
    }

    private static Map<String, String> connectorConfig(EventsApi api) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "dev.spillway.connect.rest.RestSourceConnector");
        config.put("tasks.max", "1");
        config.put("http.base.url", api.baseUrl());
        config.put("endpoints", "events=/events");
        config.put("topic.prefix", "api.");
        config.put("records.pointer", "/items");
        config.put("key.pointer", "/id");
        config.put("value.format", "schemaless");
        config.put("pagination.type", "since");
        config.put("pagination.since.pointer", "/updated");
        config.put("pagination.limit", "50");
        config.put("poll.interval.ms", "300");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("transforms", "guard,unwrap,mask");
        config.put("transforms.guard.type", "dev.spillway.connect.smt.Guard");
        config.put("transforms.guard.transforms", "parse");
        config.put("transforms.guard.transforms.parse.type", "dev.spillway.connect.smt.ParseJson$Value");
        config.put("transforms.guard.transforms.parse.field", "doc");
        config.put("transforms.guard.transforms.parse.output", "schemaless");
        config.put("transforms.guard.error.topic", "api.events-errors");
        config.put("transforms.unwrap.type", "dev.spillway.connect.smt.CdcUnwrap$Value");
        config.put("transforms.mask.type", "dev.spillway.connect.smt.Mask$Value");
        config.put("transforms.mask.fields", "email");
        config.put("transforms.mask.mode", "hash");
        return config;
    }

    /** Timestamp mode; the delay horizon, because other clients of the shared database may hold transactions open. */
    private static Map<String, String> jdbcConnectorConfig(String schema) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "dev.spillway.connect.jdbc.JdbcSourceConnector");
        config.put("tasks.max", "1");
        config.put("connection.url", POSTGRES_URL);
        config.put("connection.user", "postgres");
        config.put("mode", "timestamp");
        config.put("table.include.list", schema + "\\.events");
        config.put("timestamp.column.name", "updated");
        config.put("topic.prefix", "db.");
        config.put("poll.interval.ms", "300");
        config.put("batch.max.rows", "10");
        config.put("horizon.mode", "delay");
        config.put("horizon.delay.ms", "0");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    private static void postgres(String... sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, "postgres", "");
             Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    private static ObjectName transform(String connector, String type) throws Exception {
        return new ObjectName("spillway:type=transform-metrics,connector=" + connector + ",task=0,transform=" + type);
    }

    private static ObjectName only(MBeanServerConnection mbeans, String pattern) throws Exception {
        Set<ObjectName> names = mbeans.queryNames(new ObjectName(pattern), null);
        return names.size() == 1 ? names.iterator().next() : null;
    }



    private static String scrape(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of the sample {@code name{labels}} in a Prometheus text exposition (labels sorted by name). */
    private static double sample(String scrape, String name, String labels) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{" + Pattern.quote(labels)
                + ",?\\} (\\S+)$").matcher(scrape);
        if (!matcher.find()) {
            List<String> similar = scrape.lines().filter(l -> l.startsWith(name)).limit(10).toList();
            throw new AssertionError("no sample " + name + "{" + labels + "} in the scrape; lines for the name: "
                    + similar);
        }
        return Double.parseDouble(matcher.group(1));
    }



    /**
     * A loopback API serving {@code /events?since=<v>&limit=<n>}: items with {@code updated >= v}, ascending, each
     * {@code {"id":..,"updated":..,"email":..,"doc":"<json text>"}}.
     */
    private static final class EventsApi implements AutoCloseable {
        private final HttpServer server;
        private final List<long[]> items = new CopyOnWriteArrayList<>();

        EventsApi() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/events", this::handle);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void add(long id, long updated) {
            items.add(new long[] {id, updated});
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
            long since = Long.parseLong(query.getOrDefault("since", String.valueOf(Long.MIN_VALUE)));
            int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
            StringBuilder body = new StringBuilder("{\"items\":[");
            items.stream().filter(item -> item[1] >= since).limit(limit).forEach(item -> {
                if (body.charAt(body.length() - 1) != '[') {
                    body.append(',');
                }
                String doc = item[0] % 10 == 0 ? "{not json" : "{\\\"n\\\":" + item[0] + "}";
                body.append("{\"id\":").append(item[0]).append(",\"updated\":").append(item[1])
                        .append(",\"email\":\"user").append(item[0]).append("@example.com\",\"doc\":\"")
                        .append(doc).append("\"}");
            });
            byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
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
