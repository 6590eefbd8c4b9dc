package dev.spillway.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.KafkaDistribution;
import dev.spillway.testcluster.PluginInfo;
import dev.spillway.testcluster.PluginPaths;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A real local Kafka Connect cluster with Spillway loaded: one KRaft broker and one distributed worker, started
 * from Apache Kafka's own jars, with the plugin zip unpacked into {@code plugin.path}, and a demo pipeline.
 */
public final class LocalDemo {

    static final String DEFAULT_KAFKA_VERSION = "3.9.2";
    static final String REST_CONNECTOR = "demo-rest-source";
    static final String REST_TOPIC = "demo-rest.orders";
    /** Ten pages of 25: enough to watch the cursor walk, small enough to print. */
    static final int SAMPLE_ORDERS = 250;
    /** Where --jdbc-url's password can come from instead of the command line. */
    static final String PASSWORD_ENV = "SPILLWAY_DEMO_JDBC_PASSWORD";

    private final Options options;
    private final PrintStream out;

    record Options(Path zip, String kafkaVersion, Path workDir, boolean exitAfterStart,
                   JdbcPipeline.UserDatabase userDatabase) {

        static Options parse(String[] args) {
            Path zip = null;
            String kafkaVersion = DEFAULT_KAFKA_VERSION;
            Path workDir = Path.of("target", "demo");
            boolean exitAfterStart = false;
            String jdbcUrl = null;
            String jdbcUser = null;
            String jdbcPassword = null;
            String jdbcTables = null;
            String jdbcIncrementing = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--zip" -> zip = Path.of(value(args, ++i, "--zip"));
                    case "--kafka-version" -> kafkaVersion = value(args, ++i, "--kafka-version");
                    case "--work-dir" -> workDir = Path.of(value(args, ++i, "--work-dir"));
                    case "--exit-after-start" -> exitAfterStart = true;
                    case "--jdbc-url" -> jdbcUrl = value(args, ++i, "--jdbc-url");
                    case "--jdbc-user" -> jdbcUser = value(args, ++i, "--jdbc-user");
                    case "--jdbc-password" -> jdbcPassword = value(args, ++i, "--jdbc-password");
                    case "--jdbc-tables" -> jdbcTables = value(args, ++i, "--jdbc-tables");
                    case "--jdbc-incrementing-column" ->
                            jdbcIncrementing = value(args, ++i, "--jdbc-incrementing-column");
                    case "--help", "-h" -> throw new UsageException(null);
                    default -> throw new UsageException("Unknown argument '" + args[i] + "'");
                }
            }
            if (zip == null) {
                throw new UsageException("--zip is required: the Spillway plugin zip, "
                        + "e.g. packaging/target/spillway-spillway-connect-<version>.zip (built by `mvn package`)");
            }
            if (!Files.isRegularFile(zip)) {
                throw new UsageException("--zip " + zip + " does not exist: build it with `mvn -DskipTests package`");
            }
            JdbcPipeline.UserDatabase userDatabase = null;
            if (jdbcUrl != null && jdbcPassword == null) {
                // Kept out of the shell history and the process list.
                jdbcPassword = System.getenv(PASSWORD_ENV);
            }
            if (jdbcUrl != null) {
                if (!jdbcUrl.startsWith("jdbc:")) {
                    throw new UsageException("--jdbc-url must be a JDBC URL such as "
                            + "jdbc:postgresql://host:5432/db or jdbc:mariadb://host:3306/db");
                }
                userDatabase = new JdbcPipeline.UserDatabase(jdbcUrl, jdbcUser, jdbcPassword, jdbcTables,
                        jdbcIncrementing);
                userDatabase.includeList();
            } else if (jdbcUser != null || jdbcPassword != null || jdbcTables != null || jdbcIncrementing != null) {
                throw new UsageException("--jdbc-user, --jdbc-password, --jdbc-tables and --jdbc-incrementing-column "
                        + "go with --jdbc-url (without it the demo starts its own PostgreSQL)");
            }
            return new Options(zip, kafkaVersion, workDir, exitAfterStart, userDatabase);
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new UsageException(flag + " needs a value");
            }
            return args[i];
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    LocalDemo(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("spillway demo: " + e.getMessage());
            }
            System.err.println("usage: LocalDemo --zip <spillway.zip> [--kafka-version 3.9.2|4.3.1] "
                    + "[--work-dir target/demo] [--exit-after-start]\n"
                    + "         [--jdbc-url <jdbc url> [--jdbc-user <user>] [--jdbc-password <password>] "
                    + "[--jdbc-tables <regex>] [--jdbc-incrementing-column <column>]]\n"
                    + "  Without --jdbc-url the JDBC pipeline runs on an embedded PostgreSQL that the demo starts; "
                    + "with it the demo only reads your tables\n"
                    + "  (the password may also come from the environment variable " + PASSWORD_ENV + ").");
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        new LocalDemo(options, System.out).run();
    }

    void run() throws Exception {
        out.printf("Spillway demo: Kafka %s (first run downloads Kafka's jars from Maven Central, ~30 s)%n",
                options.kafkaVersion());
        Path workDir = options.workDir().toAbsolutePath();
        Path pluginPath = workDir.resolve("plugins");
        deleteRecursively(pluginPath);
        PluginPaths.unzip(options.zip(), pluginPath);
        KafkaDistribution kafka = KafkaDistribution.resolve(options.kafkaVersion());
        PluginPaths.copyPluginDir(kafka.connectFilePluginDir(), pluginPath);

        ConnectCluster cluster = ConnectCluster.builder()
                .name("spillway-demo")
                .kafkaVersion(options.kafkaVersion())
                .workers(1)
                .pluginPath(pluginPath)
                .workDir(workDir.resolve("cluster"))
                .start();
        SampleOrdersApi ordersApi = new SampleOrdersApi(SAMPLE_ORDERS);
        JdbcPipeline jdbc = new JdbcPipeline(cluster, out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping the demo cluster...");
            cluster.close();
            ordersApi.close();
            jdbc.close();
            stopped.countDown();
        }, "spillway-demo-shutdown"));

        List<PluginInfo> plugins = cluster.rest().connectorPlugins(false).stream()
                .filter(p -> p.className().startsWith("dev.spillway.")).toList();
        out.printf("%nSpillway plugins loaded by the worker (%d):%n", plugins.size());
        plugins.forEach(p -> out.printf("  %-14s %s  %s%n", p.type(), p.className(), p.version()));

        runFilePipeline(cluster, workDir);
        runRestPipeline(cluster, ordersApi);
        if (options.userDatabase() == null) {
            jdbc.runEmbedded(workDir);
        } else {
            jdbc.runUserDatabase(options.userDatabase());
        }

        out.printf("%nReady.%n");
        out.printf("  Kafka bootstrap servers: %s%n", cluster.bootstrapServers());
        out.printf("  Connect REST API:        %s   (try: curl -s %s/connector-plugins?connectorsOnly=false)%n",
                cluster.worker(0).restUrl(), cluster.worker(0).restUrl());
        out.printf("  Sample orders API:       %s%s   (try: curl -s '%s%s?limit=3')%n", ordersApi.baseUrl(),
                SampleOrdersApi.PATH, ordersApi.baseUrl(), SampleOrdersApi.PATH);
        jdbc.embeddedUrl().ifPresent(url -> out.printf("  Embedded PostgreSQL:     %s   (user %s, no password)%n",
                url, EmbeddedOrdersDatabase.USER));
        out.printf("  Logs:                    %s%n", workDir.resolve("cluster"));
        if (options.exitAfterStart()) {
            cluster.close();
            ordersApi.close();
            jdbc.close();
            return;
        }
        out.printf("Press Ctrl-C to stop the broker%s.%n",
                options.userDatabase() == null ? ", the worker and the embedded PostgreSQL" : " and the worker");
        stopped.await();
    }

    /** A file-to-topic pipeline through the stock FileStreamSource, proving the worker moves data. */
    private void runFilePipeline(ConnectCluster cluster, Path workDir) throws IOException {
        Path input = workDir.resolve("demo-input.txt");
        List<String> lines = IntStream.rangeClosed(1, 5).mapToObj(i -> "demo line " + i).toList();
        Files.write(input, lines, StandardCharsets.UTF_8);
        cluster.rest().createConnector("demo-file-source", Map.of(
                "connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector",
                "tasks.max", "1",
                "file", input.toString(),
                "topic", "demo-lines",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter"));
        cluster.rest().awaitRunning("demo-file-source", 1, Duration.ofSeconds(90));
        List<ConsumerRecord<byte[], byte[]>> records =
                cluster.topics().awaitRecords("demo-lines", lines.size(), Duration.ofSeconds(90));
        out.printf("%nPipeline demo-file-source: %s -> topic demo-lines, %d records:%n", input, records.size());
        records.forEach(r -> out.printf("  %s%n", new String(r.value(), StandardCharsets.UTF_8)));
    }

    /**
     * Spillway's REST source walking the bundled sample API page by page (cursor pagination) into a topic, one
     * record per order, keyed by the order id, the value the order's JSON as the API sent it.
     */
    private void runRestPipeline(ConnectCluster cluster, SampleOrdersApi api) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "dev.spillway.connect.rest.RestSourceConnector");
        config.put("tasks.max", "1");
        config.put("http.base.url", api.baseUrl().toString());
        config.put("endpoints", "orders=" + SampleOrdersApi.PATH);
        config.put("records.pointer", "/orders");
        config.put("key.pointer", "/id");
        config.put("pagination.type", "cursor");
        config.put("pagination.cursor.pointer", "/next_cursor");
        config.put("pagination.limit", "25");
        config.put("topic.prefix", "demo-rest.");
        config.put("poll.interval.ms", "10000");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        cluster.rest().createConnector(REST_CONNECTOR, config);
        cluster.rest().awaitRunning(REST_CONNECTOR, 1, Duration.ofSeconds(90));
        List<ConsumerRecord<byte[], byte[]>> records =
                cluster.topics().awaitRecords(REST_TOPIC, (int) api.orders(), Duration.ofSeconds(90));
        out.printf("%nPipeline %s: %s%s (cursor pagination, 25 per page) -> topic %s, %d records; the first three:%n",
                REST_CONNECTOR, api.baseUrl(), SampleOrdersApi.PATH, REST_TOPIC, records.size());
        records.stream().limit(3).forEach(r -> out.printf("  key=%s value=%s%n",
                new String(r.key(), StandardCharsets.UTF_8), new String(r.value(), StandardCharsets.UTF_8)));
        ConsumerRecord<byte[], byte[]> last = records.get(records.size() - 1);
        out.printf("  ... last: key=%s value=%s%n", new String(last.key(), StandardCharsets.UTF_8),
                new String(last.value(), StandardCharsets.UTF_8));
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.forEach(paths::add);
        }
        for (int i = paths.size() - 1; i >= 0; i--) {
            Files.delete(paths.get(i));
        }
    }
}
