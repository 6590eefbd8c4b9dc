package dev.spillway.connect.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.PluginPaths;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Not a test: the benchmark of docs/benchmarks.md ("JDBC source"), skipped unless {@code -Dspillway.bench.rows}
 * is set (benchmarks/run-jdbc.sh sets it). For each database: a table of N rows and 10 columns; the connector in
 * bulk and in incrementing mode on one 3.9.2 worker with JsonConverter (schemas on), against the practical limit:
 * a plain streaming JDBC read loop and a KafkaProducer sending the same rows as the same JSON.
 */
class JdbcBenchmarkIT {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcBenchmarkIT.class);

    /**
     * The connector configurations compared: the safe defaults, the settings without key and horizon, and each
     * safety feature alone, so that a difference can be put on the key or on the horizon.
     */
    private enum Variant {
        DEFAULTS("incrementing defaults (key.mode=pk, horizon.mode=database)", Map.of()),
        BARE("incrementing bare (key.mode=none, horizon.mode=delay, horizon.delay.ms=0)",
            Map.of("key.mode", "none", "horizon.mode", "delay", "horizon.delay.ms", "0")),
        KEY_ONLY("incrementing key only (key.mode=pk, horizon.mode=delay, horizon.delay.ms=0)",
            Map.of("horizon.mode", "delay", "horizon.delay.ms", "0")),
        HORIZON_ONLY("incrementing horizon only (key.mode=none, horizon.mode=database)", Map.of("key.mode", "none"));

        final String label;
        final Map<String, String> settings;

        Variant(String label, Map<String, String> settings) {
            this.label = label;
            this.settings = settings;
        }
    }

    private static double lastLimitCpuPerMillion;
    private static String lastLimitHostCpu;

    @Test
    void benchmark(@TempDir Path dir) throws Exception {
        String rowsProperty = System.getProperty("spillway.bench.rows");
        assumeTrue(rowsProperty != null && !rowsProperty.isBlank(), "set -Dspillway.bench.rows to run the benchmark");
        int rows = Integer.parseInt(rowsProperty);
        List<TestDatabase> dbs = new ArrayList<>();
        for (String name : System.getProperty("spillway.bench.dbs", "POSTGRES,MARIADB").split(",")) {
            dbs.add(TestDatabase.valueOf(name.trim()));
        }
        List<Variant> variants = new ArrayList<>();
        for (String name : System.getProperty("spillway.bench.variants", "DEFAULTS,BARE").split(",")) {
            variants.add(Variant.valueOf(name.trim()));
        }
        int rounds = Integer.parseInt(System.getProperty("spillway.bench.rounds", "2"));
        Path plugins = dir.resolve("plugins");
        List<Path> jars = new ArrayList<>();
        jars.add(Path.of(System.getProperty("spillway.jdbc.jar")));
        try (Stream<Path> deps = Files.list(Path.of(System.getProperty("spillway.jdbc.deps")))) {
            deps.filter(p -> p.toString().endsWith(".jar")).forEach(jars::add);
        }
        PluginPaths.pluginDirFromJars(plugins, "spillway-jdbc-source", jars);
        List<String> results = new ArrayList<>();
        try (ConnectCluster cluster = ConnectCluster.builder().name("jdbc-bench").kafkaVersion("3.9.2").workers(1)
                 .pluginPath(plugins).jvmOptions(workerJvmOptions(dir))
                 .workerProperty("offset.flush.interval.ms", "10000")
                 .workerProperties(extraWorkerProperties()).start()) {
            // Warm-up (discarded): JIT of this JVM and of the worker, topic creation, connection setup.
            for (TestDatabase db : dbs) {
                String warm = db.createNamespace();
                try {
                    load(db, warm, 100_000);
                    baseline(db, warm, cluster.bootstrapServers(), "warm." + warm, 100_000);
                    connector(db, warm, cluster, Variant.DEFAULTS, 100_000, 0);
                } finally {
                    db.dropNamespace(warm);
                }
            }
            for (TestDatabase db : dbs) {
                String ns = db.createNamespace();
                try {
                    long loadStart = System.nanoTime();
                    load(db, ns, rows);
                    LOG.info("{}: loaded {} rows in {} s", db, rows, (System.nanoTime() - loadStart) / 1e9);
                    double limit = baseline(db, ns, cluster.bootstrapServers(), "limit." + ns, rows);
                    double limitStreaming = rows / streamingSeconds(cluster.bootstrapServers(), "limit." + ns);
                    cluster.topics().deleteTopic("limit." + ns);
                    results.add(String.format("%s limit (JDBC loop + KafkaProducer): %.0f rows/s, streaming %.0f"
                        + " rows/s", db, limit, limitStreaming));
                    results.add(String.format("%s limit CPU: %.2f s per million rows (this JVM); %s", db,
                        lastLimitCpuPerMillion, lastLimitHostCpu));
                    // The variants alternate, round after round, so that a change in the box's load hits them
                    // alike; compare them within one run, never across runs.
                    for (int round = 1; round <= rounds; round++) {
                        for (Variant variant : variants) {
                            double[] run = connector(db, ns, cluster, variant, rows, round);
                            results.add(String.format("%s connector %s #%d: %.0f rows/s (%.0f %% of the limit),"
                                + " streaming %.0f rows/s (%.0f %% of the limit's), worker CPU %.2f s per million"
                                + " rows, heap peak %.0f MB; %s", db, variant.label, round, run[0],
                                100 * run[0] / limit, run[3], 100 * run[3] / limitStreaming, run[2], run[1],
                                ProcCpu.HostCpu.perMillion(run[4], run[5])));
                        }
                    }
                } finally {
                    db.dropNamespace(ns);
                }
            }
            dumpProfile(cluster.worker(0).pid().orElseThrow());
        }
        results.forEach(r -> LOG.info("RESULT {}", r));
    }

    static void load(TestDatabase db, String ns, int rows) throws Exception {
        if (db == TestDatabase.POSTGRES) {
            db.execute("CREATE TABLE " + ns + ".bench (id BIGSERIAL PRIMARY KEY, c_int INT NOT NULL, c_bigint BIGINT,"
                    + " c_num NUMERIC(12,2), c_double DOUBLE PRECISION, c_text TEXT, c_varchar VARCHAR(40),"
                    + " c_bool BOOLEAN, c_date DATE, updated TIMESTAMPTZ NOT NULL DEFAULT now())",
                "INSERT INTO " + ns + ".bench (c_int, c_bigint, c_num, c_double, c_text, c_varchar, c_bool, c_date)"
                    + " SELECT g, g * 10, (g % 100000) / 100.0, g * 1.5, md5(g::text), 'name-' || g, g % 2 = 0,"
                    + " date '2020-01-01' + (g % 1000) FROM generate_series(1, " + rows + ") g",
                "ANALYZE " + ns + ".bench");
        } else {
            db.execute("CREATE TABLE " + ns + ".bench (id BIGINT AUTO_INCREMENT PRIMARY KEY, c_int INT NOT NULL,"
                    + " c_bigint BIGINT, c_num DECIMAL(12,2), c_double DOUBLE, c_text TEXT, c_varchar VARCHAR(40),"
                    + " c_bool BOOLEAN, c_date DATE, updated DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))"
                    + " ENGINE=InnoDB",
                "INSERT INTO " + ns + ".bench (c_int, c_bigint, c_num, c_double, c_text, c_varchar, c_bool, c_date)"
                    + " SELECT seq, seq * 10, (seq % 100000) / 100.0, seq * 1.5, md5(seq), CONCAT('name-', seq),"
                    + " seq % 2 = 0, DATE '2020-01-01' + INTERVAL (seq % 1000) DAY FROM seq_1_to_" + rows,
                "ANALYZE TABLE " + ns + ".bench");
        }
    }

    /** The practical limit: stream the rows, build the same Structs, JsonConverter, KafkaProducer. */
    private static double baseline(TestDatabase db, String ns, String bootstrap, String topic, int rows)
        throws Exception {
        Schema schema = SchemaBuilder.struct().name(ns + ".bench")
            .field("id", Schema.INT64_SCHEMA).field("c_int", Schema.INT32_SCHEMA)
            .field("c_bigint", Schema.OPTIONAL_INT64_SCHEMA).field("c_num", Decimal.builder(2).optional().build())
            .field("c_double", Schema.OPTIONAL_FLOAT64_SCHEMA).field("c_text", Schema.OPTIONAL_STRING_SCHEMA)
            .field("c_varchar", Schema.OPTIONAL_STRING_SCHEMA).field("c_bool", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("c_date", Date.builder().optional().build()).field("updated", Timestamp.SCHEMA).build();
        Schema keySchema = SchemaBuilder.struct().name(ns + ".bench.Key").field("id", Schema.INT64_SCHEMA).build();
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), false);
        JsonConverter keyConverter = new JsonConverter();
        keyConverter.configure(Map.of("schemas.enable", "true"), true);
        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // What a Connect worker's producer uses (Worker.baseProducerConfigs), so the limit is the worker's.
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        // The producer settings tried on the worker (producer.batch.size=...) apply to the loop too.
        extraWorkerProperties().forEach((key, value) -> {
            if (key.startsWith("producer.")) {
                producerConfig.put(key.substring("producer.".length()), value);
            }
        });
        ProcCpu.HostCpu hostStart = ProcCpu.HostCpu.now(db);
        long cpuStart = ownCpuNanos();
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig);
             Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM " + ns + ".bench")) {
                statement.setFetchSize(1000);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Struct value = new Struct(schema).put("id", rs.getLong(1)).put("c_int", rs.getInt(2))
                            .put("c_bigint", rs.getLong(3)).put("c_num", rs.getBigDecimal(4).setScale(2))
                            .put("c_double", rs.getDouble(5)).put("c_text", rs.getString(6))
                            .put("c_varchar", rs.getString(7)).put("c_bool", rs.getBoolean(8))
                            .put("c_date", new java.util.Date(rs.getObject(9, LocalDate.class).toEpochDay() * 86_400_000L))
                            .put("updated", java.util.Date.from(db == TestDatabase.POSTGRES
                                ? rs.getObject(10, OffsetDateTime.class).toInstant()
                                : rs.getObject(10, LocalDateTime.class).toInstant(ZoneOffset.UTC)));
                        Struct key = new Struct(keySchema).put("id", value.get("id"));
                        producer.send(new ProducerRecord<>(topic, keyConverter.fromConnectData(topic, keySchema, key),
                            converter.fromConnectData(topic, schema, value)));
                    }
                }
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        lastLimitCpuPerMillion = (ownCpuNanos() - cpuStart) / 1e9 * 1_000_000 / rows;
        ProcCpu.HostCpu hostUsed = ProcCpu.HostCpu.now(db).minus(hostStart);
        lastLimitHostCpu = ProcCpu.HostCpu.perMillion(hostUsed.box() / (double) rows,
            hostUsed.server() / (double) rows);
        LOG.info("{} limit: {} rows in {} s", db, rows, seconds);
        return rows / seconds;
    }

    /** Rows/s from connector creation until every row is in the topic, and the worker's peak used heap in MB. */
    private static double[] connector(TestDatabase db, String ns, ConnectCluster cluster, Variant variant, int rows,
                                      int round) throws Exception {
        String mode = variant.settings.getOrDefault("mode", "incrementing");
        String prefix = variant.name().toLowerCase(java.util.Locale.ROOT) + round + ".";
        String name = prefix + ns;
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("connection.url", db.url);
        config.put("connection.user", db.user);
        config.put("mode", mode);
        config.put("incrementing.column.name", "id");
        config.put("table.include.list", ns + "\\.bench");
        config.put("topic.prefix", prefix);
        config.put("poll.interval.ms", "1000");
        config.put("batch.max.rows", "2000");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        config.putAll(variant.settings);
        String topic = prefix + ns + ".bench";
        ConnectRestClient rest = cluster.rest();
        long pid = cluster.worker(0).pid().orElseThrow();
        HeapSampler heap = new HeapSampler(pid);
        long cpuStart = ProcCpu.cpuTicks(pid);
        ProcCpu.HostCpu hostStart = ProcCpu.HostCpu.now(db);
        Map<Long, Long> threadsStart = ProcCpu.threadTicks(pid);
        long start = System.nanoTime();
        rest.createConnector(name, config);
        try (heap; KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            while (true) {
                Set<TopicPartition> partitions = new java.util.HashSet<>();
                consumer.partitionsFor(topic, java.time.Duration.ofSeconds(5)).forEach(p ->
                    partitions.add(new TopicPartition(p.topic(), p.partition())));
                long end = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
                if (end >= rows) {
                    break;
                }
                Thread.sleep(500);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long ticks = ProcCpu.cpuTicks(pid) - cpuStart;
        ProcCpu.HostCpu hostUsed = ProcCpu.HostCpu.now(db).minus(hostStart);
        double streaming = rows / streamingSeconds(cluster.bootstrapServers(), topic);
        double cpuPerMillion = ticks / (double) ProcCpu.TICKS_PER_SECOND * 1_000_000 / rows;
        LOG.info("RESULT {} connector {} #{}: worker CPU s per million rows by thread: {}", db, variant.label, round,
            ProcCpu.threadShares(pid, threadsStart, ticks, rows));
        rest.delete(name);
        // A 5 M-row topic takes gigabytes: dropped once measured, so a whole run fits on the disk.
        cluster.topics().deleteTopic(topic);
        LOG.info("{} connector {}: {} rows in {} s, worker CPU {} s per million rows, heap peak {} MB", db,
            variant.label, rows, seconds, cpuPerMillion, heap.peakMb());
        return new double[] {rows / seconds, heap.peakMb(), cpuPerMillion, streaming,
            hostUsed.box() / (double) rows, hostUsed.server() / (double) rows};
    }

    /**
     * Seconds from a topic's first record to its last, by their timestamps (the producer's send time): the rate
     * while rows stream, without the start of a connector (rebalances, task start, first query) or of the loop.
     */
    private static double streamingSeconds(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1))) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, java.time.Duration.ofSeconds(10)).forEach(p ->
                partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (TopicPartition partition : partitions) {
                if (end.get(partition) > begin.get(partition)) {
                    first = Math.min(first, timestampAt(consumer, partition, begin.get(partition)));
                    last = Math.max(last, timestampAt(consumer, partition, end.get(partition) - 1));
                }
            }
            return Math.max(1, last - first) / 1000.0;
        }
    }

    private static long timestampAt(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long offset) {
        consumer.seek(partition, offset);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record
                : consumer.poll(java.time.Duration.ofMillis(500))) {
                if (record.partition() == partition.partition()) {
                    return record.timestamp();
                }
            }
        }
        throw new IllegalStateException("no record at " + partition + " offset " + offset);
    }

    /** -Dspillway.bench.worker.properties=k=v,k=v: worker settings to try (e.g. producer.buffer.memory). */
    private static Map<String, String> extraWorkerProperties() {
        Map<String, String> properties = new HashMap<>();
        for (String pair : System.getProperty("spillway.bench.worker.properties", "").split(",")) {
            if (pair.contains("=")) {
                properties.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
            }
        }
        return properties;
    }

    /** With -Dspillway.bench.jfr=true the worker records a JFR profile (path logged) for the whole run. */
    private static List<String> workerJvmOptions(Path dir) {
        String jvm = System.getProperty("spillway.bench.worker.jvm", "");
        List<String> options = new ArrayList<>(jvm.isBlank() ? List.of("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC")
            : List.of(jvm.trim().split("\\s+")));
        if (Boolean.getBoolean("spillway.bench.jfr")) {
            options.add("-XX:StartFlightRecording=settings=profile");
        }
        return options;
    }

    /** Dumps the worker's JFR recording while it runs: the test kit stops workers too abruptly for dumponexit. */
    private static void dumpProfile(long pid) throws Exception {
        if (Boolean.getBoolean("spillway.bench.jfr")) {
            Path jfr = Path.of("target", "jdbc-benchmark-worker.jfr").toAbsolutePath();
            int exit = new ProcessBuilder("jcmd", Long.toString(pid), "JFR.dump", "filename=" + jfr)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            LOG.info("worker JFR dumped to {} (jcmd exit {})", jfr, exit);
        }
    }

    /** This JVM's CPU time (the limit loop runs in it, with its producer's I/O thread). */
    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
            .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * Samples a JVM's used heap (survivors + eden + old, KB) once a second with one long-running jstat, so that
     * measuring does not start a JVM per sample on the machine being measured.
     */
    private static final class HeapSampler implements AutoCloseable {
        private final Process process;
        private final AtomicLong peakKb = new AtomicLong();
        private final Thread reader;

        HeapSampler(long pid) throws Exception {
            process = new ProcessBuilder("jstat", "-gc", Long.toString(pid), "1000").redirectErrorStream(true).start();
            reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                    String[] header = null;
                    String line;
                    while ((line = in.readLine()) != null) {
                        String[] cells = line.trim().split("\\s+");
                        if (cells.length > 0 && cells[0].equals("S0C")) {
                            header = cells;
                            continue;
                        }
                        if (header == null) {
                            continue;
                        }
                        double used = 0;
                        for (int i = 0; i < header.length && i < cells.length; i++) {
                            if (Set.of("S0U", "S1U", "EU", "OU").contains(header[i])) {
                                used += Double.parseDouble(cells[i]);
                            }
                        }
                        long kb = (long) used;
                        peakKb.accumulateAndGet(kb, Math::max);
                    }
                } catch (Exception e) {
                    // jstat ended
                }
            }, "heap-sampler");
            reader.setDaemon(true);
            reader.start();
        }

        double peakMb() {
            return peakKb.get() / 1024.0;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            reader.join(2000);
        }
    }
}
