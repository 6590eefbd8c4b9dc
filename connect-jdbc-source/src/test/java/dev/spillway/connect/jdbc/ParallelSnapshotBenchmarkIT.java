package dev.spillway.connect.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectWorker;
import dev.spillway.testcluster.PluginPaths;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Not a test: the parallel snapshot benchmark of docs/benchmarks.md, skipped unless
 * {@code -Dspillway.bench.parallel.rows} is set (benchmarks/run-jdbc-parallel.sh sets it). For each database, one
 * table of N rows read by an {@code incrementing} connector's first catch-up: unsplit with one task, then split
 * into key ranges with 1, 2 and 4 tasks, on one worker and on two; rows/s from creation until every row is in the
 * topic, and the CPU per million rows of all workers together.
 */
class ParallelSnapshotBenchmarkIT {

    private static final Logger LOG = LoggerFactory.getLogger(ParallelSnapshotBenchmarkIT.class);

    /** One measured configuration: tasks, and whether the table is split. */
    private record Run(int tasks, boolean split) {
        String label() {
            return split ? "split, tasks.max=" + tasks : "not split (snapshot.split.min.rows=0), tasks.max=" + tasks;
        }
    }

    @Test
    void benchmark(@TempDir Path dir) throws Exception {
        String rowsProperty = System.getProperty("spillway.bench.parallel.rows");
        assumeTrue(rowsProperty != null && !rowsProperty.isBlank(),
            "set -Dspillway.bench.parallel.rows to run the benchmark");
        int rows = Integer.parseInt(rowsProperty);
        List<TestDatabase> dbs = new ArrayList<>();
        for (String name : System.getProperty("spillway.bench.dbs", "POSTGRES,MARIADB").split(",")) {
            dbs.add(TestDatabase.valueOf(name.trim()));
        }
        Path plugins = dir.resolve("plugins");
        List<Path> jars = new ArrayList<>();
        jars.add(Path.of(System.getProperty("spillway.jdbc.jar")));
        try (Stream<Path> deps = Files.list(Path.of(System.getProperty("spillway.jdbc.deps")))) {
            deps.filter(p -> p.toString().endsWith(".jar")).forEach(jars::add);
        }
        PluginPaths.pluginDirFromJars(plugins, "spillway-jdbc-source", jars);
        List<String> results = new ArrayList<>();
        Map<TestDatabase, String> tables = new HashMap<>();
        try {
            for (TestDatabase db : dbs) {
                String ns = db.createNamespace();
                tables.put(db, ns);
                JdbcBenchmarkIT.load(db, ns, rows);
            }
            for (int workers : new int[] {1, 2}) {
                List<Run> runs = workers == 1
                    ? List.of(new Run(1, false), new Run(1, true), new Run(2, true), new Run(4, true))
                    : List.of(new Run(2, true), new Run(4, true));
                try (ConnectCluster cluster = ConnectCluster.builder().name("jdbc-psnap-bench-" + workers)
                         .kafkaVersion("3.9.2").workers(workers).pluginPath(plugins)
                         .jvmOptions(List.of("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC"))
                         .workerProperty("offset.flush.interval.ms", "10000").start()) {
                    for (TestDatabase db : dbs) {
                        // Warm-up (discarded): JIT, connections, topic creation.
                        measure(cluster, db, tables.get(db), rows, new Run(workers, true), "warm");
                        for (Run run : runs) {
                            double[] result = measure(cluster, db, tables.get(db), rows, run, "run");
                            results.add(String.format("%s, %d worker(s), %s: %.0f rows/s, all workers' CPU %.2f s"
                                + " per million rows", db, workers, run.label(), result[0], result[1]));
                        }
                    }
                }
            }
        } finally {
            for (Map.Entry<TestDatabase, String> table : tables.entrySet()) {
                table.getKey().dropNamespace(table.getValue());
            }
        }
        results.forEach(r -> LOG.info("RESULT {}", r));
    }

    /** Rows/s and all workers' CPU seconds per million rows, from creation until every row is in the topic. */
    private static double[] measure(ConnectCluster cluster, TestDatabase db, String ns, int rows, Run run,
                                    String kind) throws Exception {
        String prefix = kind + run.tasks() + (run.split() ? "s" : "u") + cluster.workers().size() + ".";
        String name = prefix + ns;
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSourceConnector.class.getName());
        config.put("tasks.max", Integer.toString(run.tasks()));
        config.put("connection.url", db.url);
        config.put("connection.user", db.user);
        config.put("mode", "incrementing");
        config.put("incrementing.column.name", "id");
        config.put("table.include.list", ns + "\\.bench");
        config.put("topic.prefix", prefix);
        config.put("poll.interval.ms", "1000");
        config.put("batch.max.rows", "2000");
        // Split any table of more than an eighth of the rows; the ranges then follow tasks.max (4 per task).
        config.put("snapshot.split.min.rows", run.split() ? Integer.toString(Math.max(1, rows / 8)) : "0");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        String topic = prefix + ns + ".bench";
        long cpuStart = cpuTicks(cluster);
        long start = System.nanoTime();
        cluster.rest().createConnector(name, config);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            while (true) {
                Set<TopicPartition> partitions = new HashSet<>();
                consumer.partitionsFor(topic, Duration.ofSeconds(5)).forEach(p ->
                    partitions.add(new TopicPartition(p.topic(), p.partition())));
                long end = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
                if (end >= rows) {
                    break;
                }
                Thread.sleep(500);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuPerMillion = (cpuTicks(cluster) - cpuStart) / (double) ProcCpu.TICKS_PER_SECOND
            * 1_000_000 / rows;
        cluster.rest().delete(name);
        // Dropped once measured: a run writes several copies of the table, gigabytes at 5 M rows.
        cluster.topics().deleteTopic(topic);
        LOG.info("{} {} on {} worker(s), {}: {} rows in {} s, CPU {} s per million rows", kind, db,
            cluster.workers().size(), run.label(), rows, seconds, cpuPerMillion);
        return new double[] {rows / seconds, cpuPerMillion};
    }

    private static long cpuTicks(ConnectCluster cluster) throws Exception {
        long ticks = 0;
        for (ConnectWorker worker : cluster.workers()) {
            ticks += ProcCpu.cpuTicks(worker.pid().orElseThrow());
        }
        return ticks;
    }
}
