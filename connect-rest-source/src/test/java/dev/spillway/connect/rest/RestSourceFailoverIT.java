package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.ConnectRestException;
import dev.spillway.testcluster.ConnectWorker;
import dev.spillway.testcluster.ConnectorStatus;
import dev.spillway.testcluster.PluginPaths;
import dev.spillway.testcluster.TaskStatus;
import dev.spillway.testcluster.TopicClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Worker fail-over on a real Kafka 3.9.2 cluster of two workers: connectors of several pagination styles (with
 * exactly-once, one of them a GraphQL POST whose cursor a body template carries), each with
 * six endpoints over three tasks, read a loopback sample API; one worker is killed with {@code kill -9} mid-stream,
 * its tasks move to the survivor, then it comes back and takes its share again. Every item of every endpoint must
 * arrive, first occurrences in order. Without exactly-once support duplicates are allowed (at-least-once) and
 * counted; with {@code exactly.once.source.support=enabled} and a read_committed consumer there must be none, and
 * the worker must refuse {@code exactly.once.support=required} for a pagination style whose positions can shift.
 */
class RestSourceFailoverIT {

    private static final Logger LOG = LoggerFactory.getLogger(RestSourceFailoverIT.class);
    private static final String KAFKA = "3.9.2";
    private static final int TASKS = 3;
    private static final int ENDPOINTS = 6;
    /** Items per endpoint at the start; with 2 connectors x 6 endpoints, 12 000 items over 480 pages of 50. */
    private static final int ITEMS = 1_000;
    private static final int APPENDED = 100;
    private static final int PAGE = 50;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final String ENDPOINT_HEADER = "spillway.rest.endpoint";

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    /**
     * One connector: its pagination style and the endpoint path that serves it, on the GET sample API or, with
     * {@code post}, on the POST API ({@link QueryApi}).
     */
    private record Pipeline(String name, String path, Map<String, String> style, boolean post) {
        Pipeline(String name, String path, Map<String, String> style) {
            this(name, path, style, false);
        }

        String topic() {
            return "failover." + name;
        }
    }

    @Test
    void atLeastOnceEveryItemArrivesAcrossAWorkerKill(@TempDir Path dir) throws Exception {
        List<Pipeline> pipelines = List.of(
            new Pipeline("offset", "/offset/items", Map.of("pagination.type", "offset-limit",
                "records.pointer", "/items")),
            new Pipeline("since", "/since/items", Map.of("pagination.type", "since",
                "records.pointer", "/items", "pagination.since.pointer", "/updated")));
        Map<String, Integer> duplicates = run(dir, "rest-failover-alo", false, pipelines);
        LOG.info("At-least-once fail-over: duplicates per connector {}", duplicates);
    }

    @Test
    void exactlyOnceNoDuplicatesAcrossAWorkerKill(@TempDir Path dir) throws Exception {
        List<Pipeline> pipelines = List.of(
            new Pipeline("cursor", "/cursor/items", Map.of("pagination.type", "cursor",
                "records.pointer", "/items", "pagination.cursor.pointer", "/next_cursor")),
            new Pipeline("link", "/link/items", Map.of("pagination.type", "link-header",
                "pagination.limit.param", "per_page")),
            // A GraphQL connection: POST, the cursor written into the body's variables by a template.
            new Pipeline("graphql", "/graphql", Map.of("http.request.method", "POST",
                "http.request.body", "{\"query\":\"query($first:Int,$after:String){items(first:$first,after:$after)"
                    + "{nodes{id name} pageInfo{endCursor}}}\",\"variables\":{\"first\":${limit},"
                    + "\"after\":\"${cursor}\"}}",
                "records.pointer", "/data/items/nodes", "pagination.type", "cursor",
                "pagination.cursor.pointer", "/data/items/pageInfo/endCursor", "pagination.param.location", "template",
                "pagination.limit.param", "first"), true));
        Map<String, Integer> duplicates = run(dir, "rest-failover-eos", true, pipelines);
        LOG.info("Exactly-once fail-over: duplicates per connector {}", duplicates);
        assertThat(duplicates).as("duplicates under read_committed with exactly-once source support")
            .allSatisfy((connector, count) -> assertThat(count).isZero());
    }

    private Map<String, Integer> run(Path dir, String name, boolean exactlyOnce, List<Pipeline> pipelines)
            throws Exception {
        long started = System.nanoTime();
        Path plugins = dir.resolve("plugins");
        PluginPaths.pluginDirFromBuild(plugins, "spillway-rest-source", "spillway.rest.jar", "spillway.rest.deps");
        IsolationLevel isolation = exactlyOnce ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED;
        int total = pipelines.size() * ENDPOINTS * ITEMS;

        ConnectCluster.Builder builder = ConnectCluster.builder().name(name).kafkaVersion(KAFKA).workers(2)
            .pluginPath(plugins);
        if (exactlyOnce) {
            builder.workerProperty("exactly.once.source.support", "enabled");
        }
        try (SampleApi api = SampleApi.start(ITEMS);
             QueryApi postApi = QueryApi.start(ITEMS);
             ConnectCluster cluster = LOGS.watch(builder.start())) {
            ConnectRestClient rest = cluster.rest();
            TopicClient topics = cluster.topics();
            if (exactlyOnce) {
                // The connector answers truthfully: offset-limit positions shift with inserts, so no exactly-once.
                Pipeline unstable = new Pipeline("unstable", "/offset/items", Map.of("pagination.type",
                    "offset-limit", "records.pointer", "/items"));
                assertThatThrownBy(() -> rest.createConnector(unstable.name(),
                    connectorConfig(api.baseUrl().toString(), unstable, true)))
                    .isInstanceOf(ConnectRestException.class)
                    .hasMessageContaining("does not support exactly-once semantics");
            }
            for (Pipeline pipeline : pipelines) {
                // With exactly.once.support=required the worker refuses a connector that does not answer SUPPORTED.
                String baseUrl = (pipeline.post() ? postApi.baseUrl() : api.baseUrl()).toString();
                rest.createConnector(pipeline.name(), connectorConfig(baseUrl, pipeline, exactlyOnce));
            }
            for (Pipeline pipeline : pipelines) {
                rest.awaitRunning(pipeline.name(), TASKS, TIMEOUT);
            }
            LOG.info("{}: cluster up and {} connectors running after {} ms", name, pipelines.size(),
                elapsed(started));

            // Kill a worker that runs tasks once about a quarter of the items are in.
            int atKill = Await.until("a quarter of " + total + " records", TIMEOUT,
                () -> count(topics, pipelines, isolation), n -> n >= total / 4);
            ConnectWorker victim = victim(cluster, pipelines);
            ConnectWorker survivor = cluster.workers().stream().filter(w -> w != victim).findFirst().orElseThrow();
            victim.kill();
            LOG.info("{}: killed {} (kill -9) with {} of {} records in, after {} ms", name, victim.name(), atKill,
                total, elapsed(started));

            // Its tasks move to the survivor (after scheduled.rebalance.max.delay.ms) and carry on.
            ConnectRestClient survivorRest = survivor.rest();
            for (Pipeline pipeline : pipelines) {
                survivorRest.awaitStatus(pipeline.name(), TIMEOUT, "every task of " + pipeline.name() + " on "
                    + survivor.workerId(), status -> runningOn(status, survivor.workerId()));
            }
            LOG.info("{}: all tasks running on {} after {} ms", name, survivor.workerId(), elapsed(started));

            victim.start();
            LOG.info("{}: {} is back after {} ms", name, victim.name(), elapsed(started));
            api.append(APPENDED);
            postApi.append(APPENDED);

            Map<String, Integer> duplicates = new TreeMap<>();
            for (Pipeline pipeline : pipelines) {
                Map<String, List<Long>> ids = awaitEveryItem(topics, pipeline, isolation, ITEMS + APPENDED);
                duplicates.put(pipeline.name(), report(pipeline, ids, ITEMS + APPENDED));
            }
            // The rejoined worker takes tasks back in a further rebalance: UNASSIGNED for a moment is normal.
            for (Pipeline pipeline : pipelines) {
                rest.awaitRunning(pipeline.name(), TASKS, TIMEOUT);
            }
            LOG.info("{} took {} ms", name, elapsed(started));
            return duplicates;
        }
    }

    private static Map<String, String> connectorConfig(String baseUrl, Pipeline pipeline, boolean exactlyOnce) {
        Map<String, String> config = new HashMap<>(pipeline.style());
        config.put("connector.class", RestSourceConnector.class.getName());
        config.put("tasks.max", String.valueOf(TASKS));
        if (exactlyOnce) {
            config.put("exactly.once.support", "required");
        }
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("http.base.url", baseUrl);
        // Six endpoints named e1..e6, all on the same path: each its own source partition and its own walk.
        config.put("endpoints", IntStream.rangeClosed(1, ENDPOINTS).mapToObj(i -> "e" + i + "=" + pipeline.path())
            .collect(Collectors.joining(",")));
        // One topic per connector: the endpoint header tells the endpoints apart.
        config.put("topic.template", pipeline.topic());
        config.put("key.pointer", "/id");
        config.put("pagination.limit", String.valueOf(PAGE));
        // Slow enough that the kill lands mid-stream (about 40 requests per task), fast enough for a short test.
        config.put("http.max.requests.per.second", "4");
        config.put("poll.interval.ms", "500");
        return config;
    }

    /** The worker running the most tasks of these connectors, preferring a non-first worker on a tie. */
    private static ConnectWorker victim(ConnectCluster cluster, List<Pipeline> pipelines) {
        Map<String, Integer> tasksByWorker = new HashMap<>();
        for (Pipeline pipeline : pipelines) {
            for (TaskStatus task : cluster.rest().status(pipeline.name()).tasks()) {
                tasksByWorker.merge(task.workerId(), 1, Integer::sum);
            }
        }
        LOG.info("Tasks per worker before the kill: {}", tasksByWorker);
        ConnectWorker victim = cluster.worker(1);
        if (tasksByWorker.getOrDefault(cluster.worker(0).workerId(), 0)
                > tasksByWorker.getOrDefault(victim.workerId(), 0)) {
            victim = cluster.worker(0);
        }
        assertThat(tasksByWorker.getOrDefault(victim.workerId(), 0)).as("tasks on the worker to kill").isPositive();
        return victim;
    }

    private static boolean runningOn(ConnectorStatus status, String workerId) {
        if (status.isFailed() || !status.failedTasks().isEmpty()) {
            throw new AssertionError("Connector failed during fail-over:\n" + status.describe());
        }
        return status.isRunning(TASKS) && workerId.equals(status.workerId())
            && status.tasks().stream().allMatch(task -> workerId.equals(task.workerId()));
    }

    private static int count(TopicClient topics, List<Pipeline> pipelines, IsolationLevel isolation) {
        return pipelines.stream().mapToInt(p -> topics.count(p.topic(), isolation)).sum();
    }

    /** Ids per endpoint in topic order, once every endpoint has {@code items} distinct ones. */
    private static Map<String, List<Long>> awaitEveryItem(TopicClient topics, Pipeline pipeline,
                                                           IsolationLevel isolation, int items) {
        return Await.until(items + " distinct items of each endpoint in " + pipeline.topic(), TIMEOUT,
            () -> idsByEndpoint(topics.readAll(pipeline.topic(), isolation)),
            byEndpoint -> byEndpoint.size() == ENDPOINTS
                && byEndpoint.values().stream().allMatch(ids -> new LinkedHashSet<>(ids).size() >= items));
    }

    private static Map<String, List<Long>> idsByEndpoint(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, List<Long>> byEndpoint = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Header endpoint = record.headers().lastHeader(ENDPOINT_HEADER);
            String value = TopicClient.string(record.value());
            Matcher matcher = ID.matcher(value);
            if (endpoint == null || !matcher.find()) {
                throw new AssertionError("no endpoint header or no id in " + value);
            }
            byEndpoint.computeIfAbsent(new String(endpoint.value(), StandardCharsets.UTF_8), e -> new ArrayList<>())
                .add(Long.parseLong(matcher.group(1)));
        }
        return byEndpoint;
    }

    /** Asserts every endpoint has every item, first occurrences in order; returns (and logs) the duplicates. */
    private static int report(Pipeline pipeline, Map<String, List<Long>> byEndpoint, int items) {
        int duplicates = 0;
        int records = 0;
        for (Map.Entry<String, List<Long>> entry : byEndpoint.entrySet()) {
            Set<Long> distinct = new LinkedHashSet<>(entry.getValue());
            assertThat(new ArrayList<>(distinct))
                .as("%s endpoint %s: every item, first occurrences in order", pipeline.name(), entry.getKey())
                .containsExactlyElementsOf(TaskHarness.range(1, items));
            duplicates += entry.getValue().size() - distinct.size();
            records += entry.getValue().size();
        }
        LOG.info("Connector {}: {} records for {} items over {} endpoints: {} duplicate(s)", pipeline.name(),
            records, items * byEndpoint.size(), byEndpoint.size(), duplicates);
        return duplicates;
    }


    private static long elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
