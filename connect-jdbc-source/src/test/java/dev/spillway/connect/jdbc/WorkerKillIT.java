package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectRestClient;
import dev.spillway.testcluster.TopicClient;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two real 3.9.2 workers with exactly-once source support, tasks.max=4 over eight PostgreSQL tables that are
 * being written to: one worker is killed with SIGKILL mid-stream, its tasks move, it comes back. Every row must
 * arrive; with exactly-once a read_committed consumer sees none twice, without it the duplicates are counted
 * and logged (at-least-once).
 */
class WorkerKillIT {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerKillIT.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern NAME = Pattern.compile("\"name\":\"([^\"]*)\"");
    private static final int TABLES = 8;

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    @ParameterizedTest(name = "exactly.once.source.support={0}")
    @ValueSource(booleans = {true, false})
    void everyRowArrivesAcrossAWorkerKill(boolean exactlyOnce, @TempDir Path dir) throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        Path plugins = dir.resolve("plugins");
        JdbcPluginDir.create(plugins);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        try (ConnectCluster cluster = LOGS.watch(ConnectCluster.builder()
                 .name("jdbc-kill")
                 .kafkaVersion("3.9.2")
                 .workers(2)
                 .pluginPath(plugins)
                 .workerProperty("exactly.once.source.support", exactlyOnce ? "enabled" : "disabled")
                 .start())) {
            for (int t = 0; t < TABLES; t++) {
                db.createEventsTable(ns, "t" + t);
            }
            int[] next = new int[TABLES];
            Thread writer = new Thread(() -> {
                try {
                    while (writing.get()) {
                        for (int t = 0; t < TABLES; t++) {
                            StringBuilder sql = new StringBuilder("INSERT INTO " + ns + ".t" + t + " (name) VALUES ");
                            for (int i = 0; i < 25; i++) {
                                sql.append(i > 0 ? ", " : "").append("('t").append(t).append('-').append(++next[t])
                                    .append("')");
                            }
                            db.execute(sql.toString());
                            written.addAndGet(25);
                        }
                        Thread.sleep(40);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "writer");
            writer.start();

            Map<String, String> config = new HashMap<>();
            config.put("connector.class", JdbcSourceConnector.class.getName());
            config.put("tasks.max", "4");
            if (exactlyOnce) {
                config.put("exactly.once.support", "required");
            }
            config.put("connection.url", db.url);
            config.put("connection.user", db.user);
            config.put("mode", "incrementing");
            config.put("incrementing.column.name", "id");
            config.put("table.include.list", ns + "\\..*");
            config.put("topic.prefix", "k.");
            config.put("batch.max.rows", "100");
            config.put("poll.interval.ms", "100");
            config.put("horizon.mode", "database");
            config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
            config.put("key.converter.schemas.enable", "false");
            config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            config.put("value.converter.schemas.enable", "false");
            ConnectRestClient rest = cluster.rest();
            rest.createConnector("kill-" + ns, config);
            rest.awaitRunning("kill-" + ns, 4, TIMEOUT);
            TopicClient topics = cluster.topics();
            Await.until("records flowing", TIMEOUT, () -> totalCount(topics, ns) > 2000);

            cluster.worker(1).kill();
            LOG.info("Killed worker 1 with {} rows written", written.get());
            Thread.sleep(3000);
            cluster.worker(1).start();
            rest.awaitRunning("kill-" + ns, 4, TIMEOUT);
            Thread.sleep(3000);
            writing.set(false);
            writer.join();
            LOG.info("Writer stopped after {} rows", written.get());

            int duplicates = 0;
            int records = 0;
            for (int t = 0; t < TABLES; t++) {
                int expected = next[t];
                String topic = "k." + ns + ".t" + t;
                List<String> names = Await.until(expected + " distinct rows in " + topic, TIMEOUT,
                    () -> names(topics, topic), got -> new HashSet<>(got).size() >= expected);
                Set<String> distinct = new HashSet<>(names);
                for (int i = 1; i <= expected; i++) {
                    assertThat(distinct).as(topic).contains("t" + t + "-" + i);
                }
                duplicates += names.size() - distinct.size();
                records += names.size();
            }
            LOG.info("WorkerKillIT (exactly-once {}): {} rows written, {} records read_committed, {} duplicate(s)",
                exactlyOnce, written.get(), records, duplicates);
            if (exactlyOnce) {
                assertThat(duplicates).as("duplicates under read_committed with exactly-once").isZero();
            }
        } finally {
            writing.set(false);
            db.dropNamespace(ns);
        }
    }

    private static int totalCount(TopicClient topics, String ns) {
        int total = 0;
        for (String topic : topics.listTopics()) {
            if (topic.startsWith("k." + ns + ".")) {
                total += topics.count(topic, IsolationLevel.READ_COMMITTED);
            }
        }
        return total;
    }

    private static List<String> names(TopicClient topics, String topic) {
        List<String> names = new ArrayList<>();
        if (!topics.listTopics().contains(topic)) {
            return names;
        }
        for (String value : TopicClient.stringValues(topics.readAll(topic, IsolationLevel.READ_COMMITTED))) {
            Matcher matcher = NAME.matcher(value);
            if (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
