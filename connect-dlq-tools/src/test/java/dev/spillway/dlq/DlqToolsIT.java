package dev.spillway.dlq;

import dev.spillway.dlq.errors.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.KafkaDistribution;
import dev.spillway.testcluster.PluginPaths;
import dev.spillway.testcluster.TopicClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool against dead letters written by a real Kafka 3.9.2 worker: Kafka's FileStreamSink, fed malformed JSON
 * through JsonConverter with {@code errors.tolerance=all} and context headers, on one cluster for the whole class.
 */
class DlqToolsIT {

    private static final String KAFKA = "3.9.2";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Recent: Connect keeps the original timestamps, and older records would fall to the DLQ's retention. */
    private static final long BASE_TIME = System.currentTimeMillis() - 60_000;
    private static final String SOURCE = "orders";
    private static final String DLQ = "dlq-orders";
    private static final int RECORDS = 30;

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    @TempDir
    static Path dir;

    private static ConnectCluster cluster;
    private static KafkaProducer<byte[], byte[]> producer;
    /** Malformed source records by key, with where they were written. */
    private static final Map<String, RecordMetadata> MALFORMED = new LinkedHashMap<>();

    @BeforeAll
    static void startClusterAndFailSomeRecords() throws Exception {
        Path pluginPath = dir.resolve("plugins");
        Files.createDirectories(pluginPath);
        PluginPaths.copyPluginDir(KafkaDistribution.resolve(KAFKA).connectFilePluginDir(), pluginPath);
        cluster = LOGS.watch(ConnectCluster.builder().name("dlq-tools").kafkaVersion(KAFKA).workers(1)
                .pluginPath(pluginPath).start());
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());

        TopicClient topics = cluster.topics();
        topics.createTopic(SOURCE, 2);
        for (int i = 0; i < RECORDS; i++) {
            boolean malformed = i % 3 == 1;
            String key = "k-" + i;
            String value = malformed ? "{\"id\": " + i + ", oops" : "{\"id\": " + i + "}";
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(SOURCE, i % 2, BASE_TIME + i,
                    utf8(key), utf8(value));
            record.headers().add("trace-id", utf8("t-" + i));
            RecordMetadata metadata = producer.send(record).get(30, TimeUnit.SECONDS);
            if (malformed) {
                MALFORMED.put(key, metadata);
            }
        }
        startSink("file-sink", SOURCE, DLQ);
        topics.awaitRecords(DLQ, MALFORMED.size(), Duration.ofSeconds(90));
    }

    private static void startSink(String name, String topic, String dlq) {
        Map<String, String> sink = new HashMap<>();
        sink.put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector");
        sink.put("tasks.max", "1");
        sink.put("topics", topic);
        sink.put("file", dir.resolve(name + ".out").toString());
        sink.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        sink.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        sink.put("value.converter.schemas.enable", "false");
        sink.put("errors.tolerance", "all");
        sink.put("errors.deadletterqueue.topic.name", dlq);
        sink.put("errors.deadletterqueue.context.headers.enable", "true");
        sink.put("errors.deadletterqueue.topic.replication.factor", "1");
        cluster.rest().createConnector(name, sink);
        cluster.rest().awaitRunning(name, 1, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String bootstrap() {
        return cluster.bootstrapServers();
    }

    private static CliRun tool(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--bootstrap-server", bootstrap(), "--no-progress"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static void produce(String topic, String key, String value, String... headers) throws Exception {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, 0, BASE_TIME, utf8(key), utf8(value));
        for (int i = 0; i < headers.length; i += 2) {
            record.headers().add(headers[i], utf8(headers[i + 1]));
        }
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), TopicClient.string(header.value()));
        }
        return headers;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // inspect

    @Test
    void inspectSummarisesTheWorkersDeadLetters() throws Exception {
        CliRun run = tool("inspect", "--topic", DLQ, "--output", "json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode summary = JSON.readTree(run.out());
        assertThat(summary.get("records").asLong()).isEqualTo(MALFORMED.size());
        assertThat(summary.get("byOriginalTopic").get(SOURCE).asLong()).isEqualTo(MALFORMED.size());
        assertThat(summary.get("byConnector").get("file-sink").asLong()).isEqualTo(MALFORMED.size());
        assertThat(summary.get("byStage").get("VALUE_CONVERTER").asLong()).isEqualTo(MALFORMED.size());
        assertThat(summary.get("byExceptionClass").get("org.apache.kafka.connect.errors.DataException").asLong())
                .isEqualTo(MALFORMED.size());
        assertThat(summary.get("bySource").get("CONNECT").asLong()).isEqualTo(MALFORMED.size());
        // JsonConverter's messages differ in the offending id and column only: one normalised group.
        assertThat(summary.get("byMessage").size()).isEqualTo(1);
        assertThat(summary.get("byMessage").fieldNames().next())
                .startsWith("Converting byte[] to Kafka Connect data failed due to serialization error");
        long first = MALFORMED.values().stream().mapToLong(RecordMetadata::timestamp).min().orElseThrow();
        long last = MALFORMED.values().stream().mapToLong(RecordMetadata::timestamp).max().orElseThrow();
        assertThat(summary.get("firstTimestamp").asLong()).as("Connect keeps the original timestamp").isEqualTo(first);
        assertThat(summary.get("lastTimestamp").asLong()).isEqualTo(last);
        assertThat(summary.get("partitions").get("0").get("firstOffset").asLong()).isZero();
        assertThat(summary.get("partitions").get("0").get("lastOffset").asLong()).isEqualTo(MALFORMED.size() - 1);
    }

    @Test
    void inspectShowsDecodedRecordsForPeople() {
        CliRun run = tool("inspect", "--topic", DLQ, "--show", "2", "--stacktrace-lines", "3");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String out = run.out();
        assertThat(out).contains("Dead-letter topic " + DLQ + ": " + MALFORMED.size() + " record(s)");
        assertThat(out).contains("By exception class:").contains("org.apache.kafka.connect.errors.DataException");
        java.util.regex.Matcher shownKey = java.util.regex.Pattern.compile("key        (k-(\\d+))").matcher(out);
        assertThat(shownKey.find()).as(out).isTrue();
        String key = shownKey.group(1);
        String i = shownKey.group(2);
        RecordMetadata firstFailed = MALFORMED.get(key);
        assertThat(out).contains("original   " + SOURCE + "-" + firstFailed.partition() + "@" + firstFailed.offset());
        assertThat(out).contains("connector  file-sink  task 0");
        assertThat(out).contains("stage      VALUE_CONVERTER  org.apache.kafka.connect.json.JsonConverter");
        assertThat(out).contains("key        " + key + "  [text]");
        assertThat(out).contains("value      {\"id\": " + i + ", oops  [text]");
        assertThat(out).contains("header     trace-id=t-" + i);
        assertThat(out).contains("stack trace").contains("more lines");
        assertThat(out.split("--- " + DLQ + "-0@", -1)).hasSize(3);
    }

    @Test
    void inspectWithFiltersThatMatchNothing() {
        CliRun run = tool("inspect", "--topic", DLQ, "--exception-class", "NoSuchException");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.NOTHING_MATCHED);
        assertThat(run.out()).contains(": 0 record(s)");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // export

    @Test
    void exportWritesEveryField() throws Exception {
        Path file = dir.resolve("export.jsonl");
        CliRun run = tool("export", "--topic", DLQ, "--output-file", file.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).as(run.toString()).contains("Exported " + MALFORMED.size() + " record(s)");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(MALFORMED.size());
        long dlqOffset = 0;
        for (String line : lines) {
            JsonNode record = JSON.readTree(line);
            String key = record.get("key").asText();
            RecordMetadata original = MALFORMED.get(key);
            assertThat(original).as("exported key %s was a malformed record", key).isNotNull();
            int i = Integer.parseInt(key.substring(2));
            assertThat(record.get("topic").asText()).isEqualTo(DLQ);
            assertThat(record.get("partition").asInt()).isZero();
            assertThat(record.get("offset").asLong()).isEqualTo(dlqOffset++);
            assertThat(record.get("timestamp").asLong()).isEqualTo(BASE_TIME + i);
            assertThat(record.get("timestampType").asText()).isEqualTo("CreateTime");
            assertThat(record.get("keyEncoding").asText()).isEqualTo("utf8");
            assertThat(record.get("value").asText()).isEqualTo("{\"id\": " + i + ", oops");
            assertThat(record.get("valueEncoding").asText()).isEqualTo("utf8");
            assertThat(record.get("headers").get(0).get("key").asText()).isEqualTo("trace-id");
            assertThat(record.get("headers").get(0).get("value").asText()).isEqualTo("t-" + i);
            assertThat(record.get("replayCount").asInt()).isZero();
            JsonNode error = record.get("error");
            assertThat(error.get("source").asText()).isEqualTo("CONNECT");
            assertThat(error.get("originalTopic").asText()).isEqualTo(SOURCE);
            assertThat(error.get("originalPartition").asInt()).isEqualTo(original.partition());
            assertThat(error.get("originalOffset").asLong()).isEqualTo(original.offset());
            assertThat(error.get("connector").asText()).isEqualTo("file-sink");
            assertThat(error.get("taskId").asInt()).isZero();
            assertThat(error.get("stage").asText()).isEqualTo("VALUE_CONVERTER");
            assertThat(error.get("executingClass").asText()).isEqualTo("org.apache.kafka.connect.json.JsonConverter");
            assertThat(error.get("exceptionClass").asText()).isEqualTo("org.apache.kafka.connect.errors.DataException");
            assertThat(error.get("exceptionMessage").asText())
                    .startsWith("Converting byte[] to Kafka Connect data failed due to serialization error");
            assertThat(error.get("stackTrace").asText())
                    .startsWith("org.apache.kafka.connect.errors.DataException").contains("\tat ");
            assertThat(error.get("transformAlias").isNull()).isTrue();
            assertThat(error.get("occurrences").asInt()).isEqualTo(1);
        }
    }

    @Test
    void exportFilters() throws Exception {
        CliRun byOffsets = tool("export", "--topic", DLQ, "--offsets", "2..4");
        assertThat(byOffsets.exitCode()).as(byOffsets.toString()).isZero();
        assertThat(byOffsets.out().lines().map(DlqToolsIT::offsetOf)).containsExactly(2L, 3L, 4L);

        long middle = BASE_TIME + 15;
        CliRun byTime = tool("export", "--topic", DLQ, "--since", String.valueOf(middle));
        assertThat(byTime.out().lines().map(line -> keyOf(line))).containsExactlyInAnyOrder("k-16", "k-19", "k-22", "k-25",
                "k-28");
        CliRun byTimeRange = tool("export", "--topic", DLQ, "--since", String.valueOf(middle), "--until",
                String.valueOf(BASE_TIME + 20));
        assertThat(byTimeRange.out().lines().map(line -> keyOf(line))).containsExactlyInAnyOrder("k-16", "k-19");

        CliRun byMessage = tool("export", "--topic", DLQ, "--message-regex", "serialization error: $");
        assertThat(byMessage.out().lines().count()).as(byMessage.toString()).isEqualTo(MALFORMED.size());
        CliRun byClass = tool("export", "--topic", DLQ, "--exception-class", "DataException", "--limit", "2");
        assertThat(byClass.out().lines().count()).isEqualTo(2);
        CliRun byTopic = tool("export", "--topic", DLQ, "--original-topic", "elsewhere");
        assertThat(byTopic.exitCode()).isEqualTo(ExitCodes.NOTHING_MATCHED);
        assertThat(byTopic.out()).isEmpty();
    }

    private static long offsetOf(String line) {
        try {
            return JSON.readTree(line).get("offset").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String keyOf(String line) {
        try {
            return JSON.readTree(line).get("key").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // replay

    @Test
    void replayToAnotherTopicRestoresTheRecords() {
        String target = "orders-fixed";
        cluster.topics().createTopic(target, 2);
        CliRun run = tool("replay", "--topic", DLQ, "--to", target, "--keep-partition");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Replayed " + MALFORMED.size() + " of " + MALFORMED.size());

        List<ConsumerRecord<byte[], byte[]>> replayed = cluster.topics().readAll(target, IsolationLevel.READ_COMMITTED);
        assertThat(replayed).hasSize(MALFORMED.size());
        for (ConsumerRecord<byte[], byte[]> record : replayed) {
            String key = TopicClient.string(record.key());
            int i = Integer.parseInt(key.substring(2));
            assertThat(record.partition()).isEqualTo(MALFORMED.get(key).partition());
            assertThat(record.timestamp()).isEqualTo(BASE_TIME + i);
            assertThat(TopicClient.string(record.value())).isEqualTo("{\"id\": " + i + ", oops");
            assertThat(headers(record)).containsExactly(Map.entry("trace-id", "t-" + i),
                    Map.entry("__spillway.replay.count", "1"));
        }
        // Per original partition, in original order: Connect's DLQ interleaved them, replay keeps each order.
        for (int p = 0; p < 2; p++) {
            int partition = p;
            List<Long> originalOffsets = replayed.stream().filter(r -> r.partition() == partition)
                    .map(r -> MALFORMED.get(TopicClient.string(r.key())).offset()).toList();
            assertThat(originalOffsets).isSorted();
        }

        CliRun again = tool("replay", "--topic", DLQ, "--to", target, "--keep-partition", "--output", "json");
        assertThat(again.exitCode()).as("the same command resumes, with nothing left: %s", again).isZero();
        assertThat(again.out()).contains("\"examined\" : 0");
        assertThat(cluster.topics().count(target, IsolationLevel.READ_COMMITTED)).isEqualTo(MALFORMED.size());
    }

    /**
     * A filtered replay that finished, run again, exits 0 with a line saying nothing is left (a script may run the
     * same command until it exits 0); a filter that matches nothing, with no earlier run of its group, exits 4.
     */
    @Test
    void aFinishedFilteredReplayRunAgainHasNothingLeft() throws Exception {
        String target = "orders-filtered";
        cluster.topics().createTopic(target, 1);
        CliRun first = tool("replay", "--topic", DLQ, "--original-topic", SOURCE, "--to", target);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("Replayed " + MALFORMED.size() + " of " + MALFORMED.size());

        CliRun again = tool("replay", "--topic", DLQ, "--original-topic", SOURCE, "--to", target);
        assertThat(again.exitCode()).as("nothing left to replay is done, not 'nothing matched': %s", again).isZero();
        assertThat(again.out()).contains("Replayed 0 of 0 record(s) examined")
                .containsPattern("Nothing left to replay: earlier runs with group spillway-dlq-replay-" + DLQ
                        + "-[0-9a-f]{8} already went past " + MALFORMED.size() + " offset\\(s\\) of the selection");
        CliRun json = tool("replay", "--topic", DLQ, "--original-topic", SOURCE, "--to", target, "--output", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode report = JSON.readTree(json.out());
        assertThat(report.get("resumedPast").asLong()).isEqualTo(MALFORMED.size());
        assertThat(report.get("selected").asLong()).isZero();

        CliRun elsewhere = tool("replay", "--topic", DLQ, "--original-topic", "elsewhere", "--to", target);
        assertThat(elsewhere.exitCode()).as(elsewhere.toString()).isEqualTo(ExitCodes.NOTHING_MATCHED);
        assertThat(elsewhere.out()).doesNotContain("Nothing left");
        assertThat(cluster.topics().count(target, IsolationLevel.READ_COMMITTED)).isEqualTo(MALFORMED.size());
    }

    @Test
    void replayCanKeepErrorHeadersUnderAPrefix() {
        String target = "orders-kept";
        cluster.topics().createTopic(target, 1);
        CliRun run = tool("replay", "--topic", DLQ, "--to", target, "--error-headers", "keep", "--offsets", "0..0");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<ConsumerRecord<byte[], byte[]>> replayed = cluster.topics().readAll(target, IsolationLevel.READ_COMMITTED);
        assertThat(replayed).hasSize(1);
        Map<String, String> headers = headers(replayed.get(0));
        String key = TopicClient.string(replayed.get(0).key());
        assertThat(headers).containsEntry("trace-id", "t-" + key.substring(2))
                .containsEntry("__spillway.previous.__connect.errors.topic", SOURCE)
                .containsEntry("__spillway.previous.__connect.errors.connector.name", "file-sink")
                .containsEntry("__spillway.previous.__connect.errors.exception.class.name",
                        "org.apache.kafka.connect.errors.DataException")
                .containsEntry("__spillway.replay.count", "1");
        assertThat(headers.keySet()).noneMatch(name -> name.startsWith("__connect."));
    }

    @Test
    void dryRunWritesNothing() {
        String target = "orders-dry";
        cluster.topics().createTopic(target, 1);
        CliRun run = tool("replay", "--topic", DLQ, "--to", target, "--dry-run");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Dry run: would replay " + MALFORMED.size());
        assertThat(cluster.topics().readAll(target)).isEmpty();
        // Not even progress: a dry run commits no offsets, so the real run still replays everything.
        CliRun real = tool("replay", "--topic", DLQ, "--to", target);
        assertThat(real.out()).as(real.toString()).contains("Replayed " + MALFORMED.size());
    }

    /**
     * Replayed to its original topic, a still-malformed record fails again: the worker's new dead letter carries
     * the replay counter, and the loop guard refuses to go round again without --force.
     */
    @Test
    void loopGuardStopsRecordsThatKeepFailing() {
        String source = "loop-src";
        String dlq = "dlq-loop";
        cluster.topics().createTopic(source, 1);
        cluster.topics().produce(source, "a", "{broken");
        cluster.topics().produce(source, "b", "{\"fine\": true}");
        startSink("loop-sink", source, dlq);
        cluster.topics().awaitRecords(dlq, 1, Duration.ofSeconds(60));

        CliRun first = tool("replay", "--topic", dlq, "--max-replays", "1");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        List<ConsumerRecord<byte[], byte[]>> dead = cluster.topics().awaitRecords(dlq, 2, Duration.ofSeconds(60));
        assertThat(headers(dead.get(1))).containsEntry("__spillway.replay.count", "1")
                .containsEntry("__connect.errors.topic", source);

        CliRun refused = tool("replay", "--topic", dlq, "--max-replays", "1");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.errorLine()).isEqualTo("spillway-dlq replay: 1 selected record(s) were replayed 1 time(s)"
                + " already (--max-replays 1), e.g. " + dlq + "-0@1: fix the cause first, exclude them with filters,"
                + " or replay anyway with --force");
        assertThat(cluster.topics().count(source)).as("nothing written").isEqualTo(3);

        CliRun forced = tool("replay", "--topic", dlq, "--max-replays", "1", "--force");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        List<ConsumerRecord<byte[], byte[]>> again = cluster.topics().awaitRecords(dlq, 3, Duration.ofSeconds(60));
        assertThat(headers(again.get(2))).containsEntry("__spillway.replay.count", "2");
        CliRun inspect = tool("inspect", "--topic", dlq, "--output", "json");
        assertThat(inspect.out()).contains("\"replayedBefore\" : 2");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Other writers' dead letters

    @Test
    void readsKafkaStreamsAndGuardDeadLetters() throws Exception {
        String topic = "dlq-mixed";
        cluster.topics().createTopic(topic, 1);
        produce(topic, "s", "payload",
                "__streams.errors.exception", "org.apache.kafka.common.errors.SerializationException: bad bytes",
                "__streams.errors.message", "bad bytes",
                "__streams.errors.stacktrace", "org.apache.kafka.common.errors.SerializationException: bad bytes",
                "__streams.errors.topic", "clicks",
                "__streams.errors.partition", "3",
                "__streams.errors.offset", "99");
        produce(topic, "g", "{\"ssn\": 1}",
                "__connect.errors.topic", "people",
                "__connect.errors.partition", "0",
                "__connect.errors.offset", "5",
                "__connect.errors.connector.name", "jdbc-source",
                "__connect.errors.stage", "TRANSFORMATION",
                "__connect.errors.class.name", "dev.spillway.connect.smt.MaskField$Value",
                "__connect.errors.exception.class.name", "org.apache.kafka.connect.errors.DataException",
                "__connect.errors.exception.message", "Field ssn is not a string",
                "__spillway.errors.transform.alias", "mask");
        CliRun run = tool("export", "--topic", topic);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<JsonNode> records = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            records.add(JSON.readTree(line).get("error"));
        }
        assertThat(records).hasSize(2);
        JsonNode streams = records.get(0);
        assertThat(streams.get("source").asText()).isEqualTo("KAFKA_STREAMS");
        assertThat(streams.get("exceptionClass").asText()).isEqualTo("org.apache.kafka.common.errors.SerializationException");
        assertThat(streams.get("exceptionMessage").asText()).isEqualTo("bad bytes");
        assertThat(streams.get("originalTopic").asText()).isEqualTo("clicks");
        assertThat(streams.get("originalPartition").asInt()).isEqualTo(3);
        assertThat(streams.get("originalOffset").asLong()).isEqualTo(99);
        JsonNode guard = records.get(1);
        assertThat(guard.get("source").asText()).isEqualTo("SPILLWAY_GUARD");
        assertThat(guard.get("transformAlias").asText()).isEqualTo("mask");
        assertThat(guard.get("stage").asText()).isEqualTo("TRANSFORMATION");
        assertThat(guard.get("connector").asText()).isEqualTo("jdbc-source");

        CliRun inspect = tool("inspect", "--topic", topic, "--output", "json");
        assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
        JsonNode summary = JSON.readTree(inspect.out());
        assertThat(summary.get("bySource").get("KAFKA_STREAMS").asInt()).isEqualTo(1);
        assertThat(summary.get("bySource").get("SPILLWAY_GUARD").asInt()).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Bad input: a one-line message, a non-zero exit, nothing written

    @Test
    void unknownTopic() {
        for (String command : List.of("inspect", "export", "replay")) {
            CliRun run = tool(command, "--topic", "no-such-topic");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.REFUSED);
            assertThat(run.errorLine()).isEqualTo("spillway-dlq " + command + ": Topic 'no-such-topic' does not exist on "
                    + bootstrap());
        }
        assertThat(cluster.topics().listTopics()).doesNotContain("no-such-topic");
        CliRun badTarget = tool("replay", "--topic", DLQ, "--to", "no-such-target");
        assertThat(badTarget.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(badTarget.errorLine()).contains("Topic 'no-such-target' does not exist");
    }

    @Test
    void topicThatIsNotADeadLetterTopic() throws Exception {
        String topic = "plain";
        String target = "plain-target";
        cluster.topics().createTopic(topic, 1);
        cluster.topics().createTopic(target, 1);
        produce(topic, "k", "v", "trace-id", "1");
        Path file = dir.resolve("plain.jsonl");
        CliRun export = tool("export", "--topic", topic, "--output-file", file.toString());
        assertThat(export.exitCode()).as(export.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(export.errorLine()).isEqualTo("spillway-dlq export: Record plain-0@0 has no error-context headers"
                + " (__connect.errors.*, __streams.errors.*): 'plain' is not a dead-letter topic");
        assertThat(file).doesNotExist();
        assertThat(Files.list(dir).map(Path::getFileName).map(Path::toString)).noneMatch(n -> n.contains("partial"));
        CliRun replay = tool("replay", "--topic", topic, "--to", target);
        assertThat(replay.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(replay.errorLine()).contains("'plain' is not a dead-letter topic");
        assertThat(cluster.topics().readAll(target)).isEmpty();
        assertThat(tool("inspect", "--topic", topic).exitCode()).isEqualTo(ExitCodes.REFUSED);
    }

    @Test
    void corruptHeaders() throws Exception {
        String topic = "dlq-corrupt";
        String target = "corrupt-target";
        cluster.topics().createTopic(topic, 1);
        cluster.topics().createTopic(target, 1);
        produce(topic, "k", "v", "__connect.errors.topic", SOURCE, "__connect.errors.partition", "zero",
                "__connect.errors.offset", "1");
        CliRun inspect = tool("inspect", "--topic", topic);
        assertThat(inspect.exitCode()).as(inspect.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(inspect.errorLine()).isEqualTo("spillway-dlq inspect: Record dlq-corrupt-0@0 has a corrupt header"
                + " __connect.errors.partition is not a number: 'zero'");
        assertThat(inspect.err().lines()).hasSize(1);
        CliRun replay = tool("replay", "--topic", topic, "--to", target);
        assertThat(replay.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(cluster.topics().readAll(target)).isEmpty();
    }

    @Test
    void unreachableBroker() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        // Closed again: nothing listens there.
        String nowhere = "127.0.0.1:" + port;
        Path file = dir.resolve("nowhere.jsonl");
        long started = System.nanoTime();
        for (String command : List.of("inspect", "export", "replay")) {
            List<String> args = new ArrayList<>(List.of(command, "--bootstrap-server", nowhere, "--timeout", "3s",
                    "--topic", DLQ));
            if (command.equals("export")) {
                args.addAll(List.of("--output-file", file.toString()));
            }
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.errorLine()).isEqualTo("spillway-dlq " + command + ": Timed out after 3 s trying to"
                    + " describe topic(s) " + DLQ + " at " + nowhere
                    + ": is the broker reachable (--bootstrap-server, --command-config)?");
            assertThat(run.err().lines()).hasSize(1);
        }
        assertThat(file).doesNotExist();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void consumerAndProducerPropertiesReachTheirClients() throws Exception {
        CliRun inspect = tool("inspect", "--topic", DLQ, "--consumer-property", "fetch.max.bytes=lots");
        assertThat(inspect.exitCode()).as(inspect.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(inspect.errorLine()).startsWith("spillway-dlq inspect: Invalid client configuration"
                + " (--consumer-property): ").contains("fetch.max.bytes");
        assertThat(inspect.err().lines()).hasSize(1);

        String target = "producer-property-target";
        cluster.topics().createTopic(target, 1);
        CliRun replay = tool("replay", "--topic", DLQ, "--to", target, "--producer-property",
                "compression.type=bogus");
        assertThat(replay.exitCode()).as(replay.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(replay.errorLine()).startsWith("spillway-dlq replay: Invalid client configuration"
                + " (--producer-property): ").contains("compression.type");
        assertThat(cluster.topics().readAll(target)).isEmpty();

        // A record the producer refuses: the run names it and the ways past it, instead of "error state".
        CliRun tooSmall = tool("replay", "--topic", DLQ, "--to", target, "--producer-property",
                "max.request.size=10");
        assertThat(tooSmall.exitCode()).as(tooSmall.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(tooSmall.errorLine()).contains("Failed to replay " + DLQ + ": record " + DLQ + "-")
                .contains("was refused: RecordTooLargeException").contains("--offsets");
        assertThat(cluster.topics().readAll(target, IsolationLevel.READ_COMMITTED)).isEmpty();

        CliRun tuned = tool("inspect", "--topic", DLQ, "--consumer-property", "max.poll.records=1",
                "--consumer-property", "request.timeout.ms=20000", "--output", "json");
        assertThat(tuned.exitCode()).as(tuned.toString()).isZero();
        assertThat(JSON.readTree(tuned.out()).get("records").asInt()).isEqualTo(MALFORMED.size());
    }

    @Test
    void commandConfigSuppliesTheConnection() throws Exception {
        Path config = dir.resolve("client.properties");
        Files.writeString(config, "bootstrap.servers=" + bootstrap() + "\nclient.id=ops-team\n");
        CliRun run = CliRun.of("inspect", "--command-config", config.toString(), "--topic", DLQ, "--output", "json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(JSON.readTree(run.out()).get("records").asInt()).isEqualTo(MALFORMED.size());

        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "security.protocol=BOGUS\n");
        CliRun invalid = tool("inspect", "--command-config", bad.toString(), "--topic", DLQ);
        assertThat(invalid.exitCode()).as(invalid.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(invalid.errorLine()).startsWith("spillway-dlq inspect: Invalid client configuration"
                + " (--command-config): ").contains("security.protocol");
        assertThat(invalid.err().lines()).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The distribution

    @Test
    void launcherFromTheTarball() throws Exception {
        Path tarball = Path.of(System.getProperty("spillway.dlq.dist"));
        String version = System.getProperty("spillway.version");
        Path unpacked = dir.resolve("dist");
        Files.createDirectories(unpacked);
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", unpacked.toString())
                .inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        Path home = unpacked.resolve("spillway-dlq-" + version);
        assertThat(home.resolve("bin/spillway-dlq")).isExecutable();
        try (var jars = Files.list(home.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString()).toList())
                    .contains("connect-dlq-tools-" + version + ".jar")
                    .anyMatch(name -> name.startsWith("kafka-clients-"))
                    .anyMatch(name -> name.startsWith("picocli-"));
        }

        ProcessResult versionRun = launch(home, "--version");
        assertThat(versionRun.exitCode()).as(versionRun.toString()).isZero();
        assertThat(versionRun.out()).contains("spillway-dlq " + version);

        ProcessResult inspect = launch(home, "inspect", "--bootstrap-server", bootstrap(), "--topic", DLQ,
                "--output", "json");
        assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
        assertThat(JSON.readTree(inspect.out()).get("records").asInt()).isEqualTo(MALFORMED.size());
        assertThat(inspect.err()).as("the client's logging stays quiet").isEmpty();

        ProcessResult usage = launch(home, "export", "--topic");
        assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.err().lines().findFirst().orElse("")).contains("Missing required parameter");
    }

    record ProcessResult(int exitCode, String out, String err) {
    }

    private static ProcessResult launch(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/spillway-dlq").toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("spillway-dlq " + String.join(" ", args) + " did not finish");
        }
        return new ProcessResult(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
