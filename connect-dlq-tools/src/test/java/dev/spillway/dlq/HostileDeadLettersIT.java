package dev.spillway.dlq;

import dev.spillway.dlq.errors.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead letters written by someone hostile, against a real broker and a real worker: their
 * {@code __connect.errors.topic} names the worker's own config topic, {@code __consumer_offsets}, the dead-letter
 * topic itself, a name with terminal escapes, 100 000 characters, or bytes that are not UTF-8. Replay writes none
 * of them, says which and why, and no output carries a raw control character.
 */
class HostileDeadLettersIT {

    private static final String KAFKA = "3.9.2";
    private static final String CLUSTER = "dlq-hostile";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG_NAME = "x".repeat(100_000);
    private static final String ESCAPES = "orders\n\u001b[2J\u001b]0;owned\u0007\r";

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    @TempDir
    static Path dir;

    private static ConnectCluster cluster;
    private static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void start() throws Exception {
        Path pluginPath = dir.resolve("plugins");
        Files.createDirectories(pluginPath);
        cluster = LOGS.watch(ConnectCluster.builder().name(CLUSTER).kafkaVersion(KAFKA).workers(1)
                .pluginPath(pluginPath).start());
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
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

    private static CliRun tool(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--bootstrap-server", cluster.bootstrapServers(),
                "--no-progress"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** A dead letter as Connect writes it, failed on {@code target}, given as raw header bytes. */
    private static void deadLetter(String dlq, String key, byte[] target) throws Exception {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(dlq, 0, System.currentTimeMillis(),
                key.getBytes(StandardCharsets.UTF_8), ("value of " + key).getBytes(StandardCharsets.UTF_8));
        record.headers().add("__connect.errors.topic", target);
        record.headers().add("__connect.errors.partition", "0".getBytes(StandardCharsets.UTF_8));
        record.headers().add("__connect.errors.offset", "1".getBytes(StandardCharsets.UTF_8));
        record.headers().add("__connect.errors.exception.class.name",
                "org.apache.kafka.connect.errors.DataException".getBytes(StandardCharsets.UTF_8));
        record.headers().add("__connect.errors.exception.message",
                "bad\r\n\u001b[31mforged line\u202e".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    private static void deadLetter(String dlq, String key, String target) throws Exception {
        deadLetter(dlq, key, target.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertNoRawControlCharacters(CliRun run) {
        for (String stream : List.of(run.out(), run.err())) {
            assertThat(stream.chars().filter(c -> c != '\n' && (Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT)).count()).as(run.toString()).isZero();
        }
    }

    @Test
    void replayRefusesHostileTargetsAndSaysWhy() throws Exception {
        String dlq = "dlq-hostile";
        String workerConfigs = CLUSTER + "-configs";
        cluster.topics().createTopic(dlq, 1);
        cluster.topics().createTopic("good-target", 1);
        // Stands for a worker's config topic under its usual name; the default --exclude-topics covers it.
        cluster.topics().createTopic("connect-configs", 1);
        deadLetter(dlq, "offsets", "__consumer_offsets");
        deadLetter(dlq, "configs", "connect-configs");
        deadLetter(dlq, "worker", workerConfigs);
        deadLetter(dlq, "itself", dlq);
        deadLetter(dlq, "escapes", ESCAPES);
        deadLetter(dlq, "long", LONG_NAME);
        deadLetter(dlq, "good", "good-target");
        long configRecords = cluster.topics().count(workerConfigs);
        String excludeWorker = CLUSTER + "-(configs|offsets|status)|connect-(configs|offsets|status)";

        CliRun dryRun = tool("replay", "--topic", dlq, "--dry-run", "--exclude-topics", excludeWorker);
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(ExitCodes.REFUSED);
        assertNoRawControlCharacters(dryRun);
        assertThat(dryRun.out()).contains("  1 -> good-target\n")
                .contains("Refused 6 record(s), left in " + dlq + ":\n")
                .contains("  1 -> __consumer_offsets  REFUSED: internal topic (name starts with '_')\n")
                .contains("  1 -> connect-configs  REFUSED: matches --exclude-topics\n")
                .contains("  1 -> " + workerConfigs + "  REFUSED: matches --exclude-topics\n")
                .contains("  1 -> " + dlq + "  REFUSED: the dead-letter topic itself\n")
                .contains("  1 -> orders\\n\\u001b[2J\\u001b]0;owned\\u0007\\r  REFUSED: not a legal topic name\n")
                .contains("  1 -> " + "x".repeat(100) + "...(100000 chars)  REFUSED: not a legal topic name\n");
        assertThat(dryRun.errorLine()).isEqualTo("spillway-dlq replay: 6 selected record(s) have a refused target"
                + " (listed above); nothing was replayed. Replay them elsewhere with --to, select the others"
                + " (--original-topic, --offsets), or replay the others with --skip-refused");

        CliRun refused = tool("replay", "--topic", dlq, "--exclude-topics", excludeWorker, "--output", "json");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED);
        JsonNode report = JSON.readTree(refused.out());
        assertThat(report.get("refused").asInt()).isEqualTo(6);
        assertThat(report.get("replayed").asInt()).isZero();
        assertThat(report.get("refusedTargets")).hasSize(6);
        assertThat(cluster.topics().count("good-target")).as("all or nothing by default").isZero();

        CliRun skipping = tool("replay", "--topic", dlq, "--exclude-topics", excludeWorker, "--skip-refused");
        assertThat(skipping.exitCode()).as(skipping.toString()).isEqualTo(ExitCodes.PARTIAL);
        assertNoRawControlCharacters(skipping);
        assertThat(skipping.out()).startsWith("Replayed 1 of 7 record(s) examined in " + dlq)
                .contains("Refused 6 record(s), left in " + dlq + " (--skip-refused):");
        List<ConsumerRecord<byte[], byte[]>> replayed = cluster.topics().readAll("good-target",
                IsolationLevel.READ_COMMITTED);
        assertThat(replayed).hasSize(1);
        assertThat(new String(replayed.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("good");
        assertThat(cluster.topics().count("connect-configs")).isZero();
        assertThat(cluster.topics().count(workerConfigs)).as("the worker's config topic").isEqualTo(configRecords);
        assertThat(cluster.topics().count(dlq)).as("nothing added to, nothing lost from the DLQ").isEqualTo(7);
        assertThat(cluster.topics().listTopics()).noneMatch(topic -> topic.startsWith("orders"));
    }

    @Test
    void theDefaultExclusionsAndAnAllowList() throws Exception {
        String dlq = "dlq-allow";
        cluster.topics().createTopic(dlq, 1);
        cluster.topics().createTopic("payments", 1);
        cluster.topics().createTopic("audit", 1);
        cluster.topics().createTopic("connect-offsets", 1);
        deadLetter(dlq, "p", "payments");
        deadLetter(dlq, "a", "audit");
        deadLetter(dlq, "c", "connect-offsets");

        CliRun defaults = tool("replay", "--topic", dlq, "--dry-run");
        assertThat(defaults.exitCode()).as(defaults.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(defaults.out()).contains("  1 -> connect-offsets  REFUSED: matches --exclude-topics\n");

        CliRun allowed = tool("replay", "--topic", dlq, "--allow-topics", "payments", "--skip-refused");
        assertThat(allowed.exitCode()).as(allowed.toString()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(allowed.out()).contains("  1 -> payments\n")
                .contains("  1 -> audit  REFUSED: does not match --allow-topics\n")
                .contains("  1 -> connect-offsets  REFUSED: matches --exclude-topics\n");
        assertThat(cluster.topics().count("payments", IsolationLevel.READ_COMMITTED)).isEqualTo(1);
        assertThat(cluster.topics().count("audit")).isZero();
        assertThat(cluster.topics().count("connect-offsets")).isZero();

        CliRun none = tool("replay", "--topic", dlq, "--allow-topics", "nothing", "--skip-refused", "--group",
                "allow-nothing");
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(none.errorLine()).isEqualTo("spillway-dlq replay: All 3 selected record(s) have a refused"
                + " target (listed above); nothing to replay");

        CliRun to = tool("replay", "--topic", dlq, "--to", "__consumer_offsets");
        assertThat(to.exitCode()).as(to.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(to.errorLine()).isEqualTo("spillway-dlq replay: --to __consumer_offsets is refused: internal"
                + " topic (name starts with '_')");
    }

    @Test
    void thousandsOfMadeUpTargetsGiveOneShortLine() throws Exception {
        String dlq = "dlq-made-up";
        cluster.topics().createTopic(dlq, 1);
        for (int i = 0; i < 2000; i++) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(dlq, 0, null, null, new byte[0]);
            record.headers().add("__connect.errors.topic", ("made-up-" + i).getBytes(StandardCharsets.UTF_8));
            producer.send(record);
        }
        producer.flush();
        CliRun replay = tool("replay", "--topic", dlq);
        assertThat(replay.exitCode()).as(replay.toString()).isEqualTo(ExitCodes.REFUSED);
        // Only the missing targets, sorted, five of them and a count of the rest.
        assertThat(replay.errorLine()).matches("spillway-dlq replay: 2000 topics do not exist: \\[made-up-0,"
                + " made-up-1, made-up-10, made-up-100, made-up-1000, \\.\\.\\. 1995 more\\] on .*");
        assertThat(replay.err().lines()).hasSize(1);
        assertThat(cluster.topics().listTopics()).noneMatch(topic -> topic.startsWith("made-up-"));
    }

    @Test
    void aTargetThatIsNotUtf8RefusesTheRun() throws Exception {
        String dlq = "dlq-not-utf8";
        cluster.topics().createTopic(dlq, 1);
        cluster.topics().createTopic("fine", 1);
        deadLetter(dlq, "fine", "fine");
        deadLetter(dlq, "bytes", new byte[] {'o', (byte) 0xc3, 0x28, 0x1b, '[', '2', 'J', (byte) 0xff});
        CliRun replay = tool("replay", "--topic", dlq, "--skip-refused");
        assertThat(replay.exitCode()).as(replay.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(replay.errorLine()).isEqualTo("spillway-dlq replay: Record " + dlq + "-0@1 has a corrupt header"
                + " __connect.errors.topic is not UTF-8 text (8 bytes)");
        assertNoRawControlCharacters(replay);
        assertThat(cluster.topics().count("fine")).isZero();
    }

    @Test
    void inspectShowsHostileHeadersEscaped() throws Exception {
        String dlq = "dlq-inspect-hostile";
        cluster.topics().createTopic(dlq, 1);
        deadLetter(dlq, "escapes\r\n--- forged-0@0", ESCAPES);
        deadLetter(dlq, "long", LONG_NAME);
        CliRun inspect = tool("inspect", "--topic", dlq, "--show", "2");
        assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
        assertNoRawControlCharacters(inspect);
        assertThat(inspect.out()).contains("  1  orders\\n\\u001b[2J\\u001b]0;owned\\u0007\\r\n")
                .contains("  original   orders\\n\\u001b[2J\\u001b]0;owned\\u0007\\r-0@1\n")
                .contains("  key        escapes\\r\\n--- forged-0@0  [text]\n")
                .contains("  message    bad\\r\\n\\u001b[31mforged line\\u202e\n")
                .doesNotContain("x".repeat(301));
        assertThat(inspect.out().lines().filter(line -> line.startsWith("---"))).hasSize(2);
    }
}
