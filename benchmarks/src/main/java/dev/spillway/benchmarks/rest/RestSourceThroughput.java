package dev.spillway.benchmarks.rest;

import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.json.InferNumbers;
import dev.spillway.connect.metrics.SpillwayMetrics;
import dev.spillway.connect.rest.RestSourceConnector;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.PluginPaths;

import com.fasterxml.jackson.core.JsonFactory;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Items per second from a loopback JSON API (cursor pagination, 100 items of ~1 KB per page) into Kafka through
 * Spillway's REST source on one real Connect worker, against the raw limit of a plain HttpClient loop that only
 * fetches and parses the same pages. Not a JMH benchmark: each end-to-end run is tens of seconds of real processes.
 *
 * <p>Every contender is warmed up first (the loopback server, this JVM's client and task, and the worker with one
 * connector run that is not counted), then measured {@code --runs} times; the medians are reported.
 *
 * <p>{@code --mode post} reads the same items as a GraphQL connection with {@code POST} (the cursor and page size
 * in a body template), {@code --mode both} measures GET and POST alternately in each run. Each connector run also
 * reports the worker's CPU time per item (all its threads: task, converters, producer).
 *
 * <p>Usage: {@code RestSourceThroughput [--items 200000] [--runs 5] [--kafka-version 3.9.2] [--mode get|post|both]
 * [--work-dir dir]}
 */
public final class RestSourceThroughput {

    private static final int PAGE = 100;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    /**
     * The kit's defaults (C1 only, serial GC, small heap) favour start-up time; a throughput run wants a stock JVM:
     * full JIT and the default collector, with a fixed heap.
     */
    private static final List<String> WORKER_JVM = List.of("-Xms1g", "-Xmx1g", "-Djava.awt.headless=true");

    private RestSourceThroughput() {
    }

    /** The request shape: GET with the cursor in the query, or a GraphQL POST with it in a body template. */
    enum Mode {
        GET, POST
    }

    public static void main(String[] args) throws Exception {
        long items = 200_000;
        int runs = 5;
        String kafkaVersion = "3.9.2";
        List<Mode> modes = List.of(Mode.GET);
        Path workDir = Path.of("benchmarks", "target", "rest-bench");
        Map<String, String> extra = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--items" -> items = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--kafka-version" -> kafkaVersion = args[++i];
                case "--work-dir" -> workDir = Path.of(args[++i]);
                case "--connector-property" -> {
                    String pair = args[++i];
                    extra.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
                case "--mode" -> modes = switch (args[++i]) {
                    case "get" -> List.of(Mode.GET);
                    case "post" -> List.of(Mode.POST);
                    case "both" -> List.of(Mode.GET, Mode.POST);
                    default -> throw new IllegalArgumentException("--mode is get, post or both, not " + args[i]);
                };
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
        }
        workDir = workDir.toAbsolutePath();
        Path plugins = workDir.resolve("plugins");
        PluginPaths.pluginDirFromJars(plugins, "spillway-rest-source", List.of(
            jarOf(RestSourceConnector.class), jarOf(ConfigChoice.class), jarOf(SpillwayMetrics.class),
            jarOf(JsonFactory.class), jarOf(InferNumbers.class)));

        List<Double> raw = new ArrayList<>();
        Map<Mode, List<Double>> taskOnly = new EnumMap<>(Mode.class);
        Map<Mode, List<Double>> total = new EnumMap<>(Mode.class);
        Map<Mode, List<Double>> steady = new EnumMap<>(Mode.class);
        Map<Mode, List<Double>> cpu = new EnumMap<>(Mode.class);
        for (Mode mode : modes) {
            taskOnly.put(mode, new ArrayList<>());
            total.put(mode, new ArrayList<>());
            steady.put(mode, new ArrayList<>());
            cpu.put(mode, new ArrayList<>());
        }
        try (BenchApi api = new BenchApi(items);
             ConnectCluster cluster = ConnectCluster.builder().name("rest-bench").kafkaVersion(kafkaVersion)
                 .workers(1).pluginPath(plugins).jvmOptions(WORKER_JVM).workDir(workDir.resolve("cluster-" + System.currentTimeMillis()))
                 .start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                 cluster.bootstrapServers()))) {
            ProcessHandle worker = ProcessHandle.of(cluster.worker(0).pid().orElseThrow()).orElseThrow();
            // Warm-up, not measured: the JIT of the loopback server, of this JVM's client and task, and of the worker.
            for (int i = 0; i < 3; i++) {
                RawHttpLoop.walk(api.baseUrl(), PAGE);
            }
            for (Mode mode : modes) {
                TaskLoop.run(connectorConfig(api, "bench.unused", mode), items);
                connectorRun(cluster, worker, admin, api, 0, mode, extra);
            }
            for (int run = 1; run <= runs; run++) {
                long started = System.nanoTime();
                long seen = RawHttpLoop.walk(api.baseUrl(), PAGE);
                double seconds = (System.nanoTime() - started) / 1e9;
                if (seen != items) {
                    throw new IllegalStateException("raw loop saw " + seen + " items, expected " + items);
                }
                raw.add(items / seconds);
                System.out.printf("run %d raw HttpClient loop: %d items in %.2f s = %.0f items/s%n", run, items,
                    seconds, items / seconds);
                for (Mode mode : modes) {
                    started = System.nanoTime();
                    seen = TaskLoop.run(connectorConfig(api, "bench.unused", mode), items);
                    seconds = (System.nanoTime() - started) / 1e9;
                    taskOnly.get(mode).add(seen / seconds);
                    System.out.printf("run %d %s task poll loop, no Kafka: %d items in %.2f s = %.0f items/s%n", run,
                        mode, seen, seconds, seen / seconds);

                    double[] connector = connectorRun(cluster, worker, admin, api, run, mode, extra);
                    total.get(mode).add(connector[0]);
                    steady.get(mode).add(connector[1]);
                    cpu.get(mode).add(connector[2]);
                }
            }
        }
        System.out.printf("%nREST source benchmark: %d items of ~%d B, %d per page, Kafka %s, %d run(s)%s%n", items,
            BenchApi.ITEM_BYTES, PAGE, kafkaVersion, runs, extra.isEmpty() ? "" : ", connector also with " + extra);
        System.out.printf("  raw HttpClient loop (GET)       median %.0f items/s  (runs: %s)%n", median(raw),
            format(raw));
        for (Mode mode : modes) {
            System.out.printf("  %-4s task poll loop, no Kafka   median %.0f items/s  (runs: %s)%n", mode,
                median(taskOnly.get(mode)), format(taskOnly.get(mode)));
            System.out.printf("  %-4s connector, create to last  median %.0f items/s  (runs: %s)%n", mode,
                median(total.get(mode)), format(total.get(mode)));
            System.out.printf("  %-4s connector, first to last   median %.0f items/s  (runs: %s)%n", mode,
                median(steady.get(mode)), format(steady.get(mode)));
            System.out.printf("  %-4s worker CPU per item         median %.1f us  (runs: %s)%n", mode,
                median(cpu.get(mode)), format(cpu.get(mode)));
            System.out.printf("  %-4s ratio to the raw limit     %.2f (task loop), %.2f (create to last), %.2f (first"
                + " to last)%n", mode, median(taskOnly.get(mode)) / median(raw), median(total.get(mode)) / median(raw),
                median(steady.get(mode)) / median(raw));
        }
    }

    /**
     * One connector on a fresh topic; returns {items/s from creation, items/s from the first record, worker CPU
     * microseconds per item (all of the worker's threads, from creation to the last record)}.
     */
    private static double[] connectorRun(ConnectCluster cluster, ProcessHandle worker, Admin admin, BenchApi api,
                                         int run, Mode mode, Map<String, String> extra) throws Exception {
        String name = "bench-" + mode.name().toLowerCase(java.util.Locale.ROOT) + "-" + run;
        String topic = "bench.items." + mode.name().toLowerCase(java.util.Locale.ROOT) + "." + run;
        Map<String, String> config = new java.util.HashMap<>(connectorConfig(api, topic, mode));
        config.putAll(extra);
        // Created up front, so the wait below never asks for a topic that does not exist yet.
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        Duration cpuBefore = cpu(worker);
        long created = System.nanoTime();
        cluster.rest().createConnector(name, config);
        long first = 0;
        long deadline = created + TIMEOUT.toNanos();
        TopicPartition partition = new TopicPartition(topic, 0);
        while (true) {
            long end = endOffset(admin, partition);
            long now = System.nanoTime();
            if (end > 0 && first == 0) {
                first = now;
            }
            if (end >= api.items()) {
                double cpuPerItem = (cpu(worker).minus(cpuBefore).toNanos() / 1e3) / api.items();
                double fromCreate = api.items() / ((now - created) / 1e9);
                double fromFirst = (api.items() - 1) / ((now - first) / 1e9);
                System.out.printf("run %d%s %s connector: %d records in %.2f s from creation (%.0f items/s), %.2f s"
                    + " from the first record (%.0f items/s), worker CPU %.1f us/item%n", run,
                    run == 0 ? " (warm-up)" : "", mode, end, (now - created) / 1e9, fromCreate, (now - first) / 1e9,
                    fromFirst, cpuPerItem);
                cluster.rest().delete(name);
                return new double[] {fromCreate, fromFirst, cpuPerItem};
            }
            if (now > deadline) {
                throw new IllegalStateException("only " + end + " of " + api.items() + " records after " + TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    /** The CPU time of all the worker's threads so far. */
    private static Duration cpu(ProcessHandle worker) {
        return worker.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("the worker's CPU"
            + " time is not readable on this system"));
    }

    private static Map<String, String> connectorConfig(BenchApi api, String topic, Mode mode) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", RestSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("http.base.url", api.baseUrl().toString());
        config.put("topic.template", topic);
        config.put("key.pointer", "/id");
        config.put("pagination.type", "cursor");
        config.put("pagination.limit", String.valueOf(PAGE));
        config.put("max.pages", "100000");
        config.put("poll.interval.ms", "60000");
        if (mode == Mode.GET) {
            config.put("endpoints", "items=/items");
            config.put("records.pointer", "/items");
            config.put("pagination.cursor.pointer", "/next_cursor");
        } else {
            config.put("endpoints", "items=/graphql");
            config.put("http.request.method", "POST");
            config.put("http.request.body", "{\"query\":\"query($first:Int,$after:String){items(first:$first,"
                + "after:$after){nodes{id name updated_at score tags payload} pageInfo{endCursor}}}\","
                + "\"variables\":{\"first\":${limit},\"after\":\"${cursor}\"}}");
            config.put("records.pointer", "/data/items/nodes");
            config.put("pagination.cursor.pointer", "/data/items/pageInfo/endCursor");
            config.put("pagination.param.location", "template");
        }
        return config;
    }

    private static long endOffset(Admin admin, TopicPartition partition) throws Exception {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
    }

    private static Path jarOf(Class<?> type) throws Exception {
        Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(type.getName() + " is not loaded from a jar (" + jar + "): run"
                + " benchmarks/run-rest.sh, which packages the modules first");
        }
        return jar;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format("%.0f", v)).toList());
    }
}
