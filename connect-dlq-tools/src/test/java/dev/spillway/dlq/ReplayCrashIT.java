package dev.spillway.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.testcluster.ClusterLogsOnFailure;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.KafkaVersions;
import dev.spillway.testcluster.TopicClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once replay under SIGKILL, on the newest broker version of the run: the real launcher from the tarball replays 100 000 of 110 000 dead letters,
 * is killed mid-way, and is run again. At the kill, the target's committed records are exactly the selected records
 * below the group's committed offsets; after the resumed run, the target holds each selected record exactly once.
 */
class ReplayCrashIT {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayCrashIT.class);
    /** The newest broker of the run: Kafka 4's group coordinator takes the transactional offset commits. */
    private static final String KAFKA = KafkaVersions.fromSystemProperty()
            .get(KafkaVersions.fromSystemProperty().size() - 1);
    private static final String DLQ = "dlq-big";
    private static final String TARGET = "replayed";
    private static final String GROUP = "crash-replay";
    private static final int DLQ_PARTITIONS = 3;
    private static final int ORIGINAL_PARTITIONS = 4;
    private static final int TOTAL = 110_000;

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure();

    @TempDir
    static Path dir;

    private static ConnectCluster cluster;
    private static Path home;

    /** Every eleventh record failed on another topic: the filter leaves 100 000 of 110 000. */
    private static boolean selected(int i) {
        return i % 11 != 0;
    }

    @BeforeAll
    static void fillTheDeadLetterTopic() throws Exception {
        cluster = LOGS.watch(ConnectCluster.builder().name("dlq-crash").kafkaVersion(KAFKA).workers(0).start());
        cluster.topics().createTopic(DLQ, DLQ_PARTITIONS);
        cluster.topics().createTopic(TARGET, ORIGINAL_PARTITIONS);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < TOTAL; i++) {
                // DLQ partition i % 3, in order: offset o of partition p is record o * 3 + p.
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(DLQ, i % DLQ_PARTITIONS, now,
                        utf8("k-" + i), utf8("{\"id\": " + i + ", broken"));
                record.headers().add("trace-id", utf8("t-" + i));
                record.headers().add("__connect.errors.topic", utf8(selected(i) ? "src" : "other"));
                record.headers().add("__connect.errors.partition", utf8(String.valueOf(i % ORIGINAL_PARTITIONS)));
                record.headers().add("__connect.errors.offset", utf8(String.valueOf(i / ORIGINAL_PARTITIONS)));
                record.headers().add("__connect.errors.connector.name", utf8("file-sink"));
                record.headers().add("__connect.errors.task.id", utf8("0"));
                record.headers().add("__connect.errors.stage", utf8("VALUE_CONVERTER"));
                record.headers().add("__connect.errors.exception.class.name",
                        utf8("org.apache.kafka.connect.errors.DataException"));
                record.headers().add("__connect.errors.exception.message", utf8("Converting byte[] failed"));
                producer.send(record);
            }
            producer.flush();
        }
        home = unpackDistribution();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Path unpackDistribution() throws Exception {
        Path tarball = Path.of(System.getProperty("spillway.dlq.dist"));
        Path unpacked = dir.resolve("dist");
        Files.createDirectories(unpacked);
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", unpacked.toString())
                .inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        return unpacked.resolve("spillway-dlq-" + System.getProperty("spillway.version"));
    }

    private static Process launchReplay(Path log) throws Exception {
        return launchReplay(log, TARGET, GROUP);
    }

    private static Process launchReplay(Path log, String target, String group) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/spillway-dlq").toString(), "replay",
                "--bootstrap-server", cluster.bootstrapServers(), "--topic", DLQ, "--original-topic", "src",
                "--to", target, "--keep-partition", "--group", group, "--rate", "25000", "--no-progress"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("SPILLWAY_DLQ_OPTS", "-Xmx384m -XX:+UseSerialGC");
        return builder.start();
    }

    @Test
    void sigkillMidReplayThenResumeGivesEachRecordExactlyOnce() throws Exception {
        Path log = dir.resolve("replay.log");
        Properties adminConfig = new Properties();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (Admin admin = Admin.create(adminConfig)) {
            Process first = launchReplay(log);
            long committedAtKill;
            Map<TopicPartition, OffsetAndMetadata> offsets;
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (true) {
                    offsets = committed(admin);
                    long sum = offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
                    if (sum >= TOTAL / 4) {
                        first.destroyForcibly();
                        committedAtKill = sum;
                        break;
                    }
                    assertThat(first.isAlive()).as("replay ended before it could be killed: %s",
                            Files.exists(log) ? Files.readString(log) : "").isTrue();
                    assertThat(System.nanoTime()).as("replay made no progress").isLessThan(deadline);
                    Thread.sleep(20);
                }
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                first.destroyForcibly();
            }
            LOG.info("SIGKILLed the replay at {} committed DLQ offsets of {}", committedAtKill, TOTAL);
            assertThat(committedAtKill).as("killed mid-way").isLessThan(TOTAL);

            // At the kill: what the target shows committed is exactly what the committed offsets account for.
            offsets = committed(admin);
            long accounted = 0;
            for (int p = 0; p < DLQ_PARTITIONS; p++) {
                OffsetAndMetadata done = offsets.get(new TopicPartition(DLQ, p));
                for (long o = 0; done != null && o < done.offset(); o++) {
                    if (selected((int) (o * DLQ_PARTITIONS + p))) {
                        accounted++;
                    }
                }
            }
            long visible = cluster.topics().count(TARGET, IsolationLevel.READ_COMMITTED);
            long uncommitted = cluster.topics().count(TARGET, IsolationLevel.READ_UNCOMMITTED);
            LOG.info("After the kill: {} records committed in the target, {} written in all (aborted or open)",
                    visible, uncommitted);
            assertThat(visible).isEqualTo(accounted).isPositive().isLessThan(100_000);

            Process second = launchReplay(log);
            try {
                assertThat(second.waitFor(180, TimeUnit.SECONDS)).as("resumed replay finished").isTrue();
            } finally {
                second.destroyForcibly();
            }
            assertThat(second.exitValue()).as(Files.readString(log)).isZero();
            assertThat(Files.readString(log)).contains("Replayed " + (100_000 - visible) + " of ");
        }

        List<ConsumerRecord<byte[], byte[]>> replayed = cluster.topics().readAll(TARGET, IsolationLevel.READ_COMMITTED);
        assertThat(replayed).hasSize(100_000);
        Set<Integer> seen = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : replayed) {
            int i = Integer.parseInt(TopicClient.string(record.key()).substring(2));
            assertThat(seen.add(i)).as("record %d replayed once", i).isTrue();
            assertThat(selected(i)).as("record %d was selected", i).isTrue();
            assertThat(record.partition()).isEqualTo(i % ORIGINAL_PARTITIONS);
            assertThat(TopicClient.string(record.value())).isEqualTo("{\"id\": " + i + ", broken");
        }
        assertThat(seen).hasSize(100_000);
    }

    /** SIGTERM (Ctrl-C alike): the open transaction completes, the run stops, nothing is left aborted. */
    @Test
    void sigtermFinishesTheOpenTransactionAndStops() throws Exception {
        String target = "replayed-term";
        String group = "term-replay";
        cluster.topics().createTopic(target, ORIGINAL_PARTITIONS);
        Path log = dir.resolve("term.log");
        Properties adminConfig = new Properties();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (Admin admin = Admin.create(adminConfig)) {
            Process replay = launchReplay(log, target, group);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (committed(admin, group).values().stream().mapToLong(OffsetAndMetadata::offset).sum()
                        < TOTAL / 4) {
                    assertThat(replay.isAlive()).as("replay ended before SIGTERM: %s", Files.readString(log))
                            .isTrue();
                    assertThat(System.nanoTime()).as("replay made no progress").isLessThan(deadline);
                    Thread.sleep(20);
                }
                replay.destroy();
                assertThat(replay.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                replay.destroyForcibly();
            }
            String output = Files.readString(log);
            assertThat(replay.exitValue()).as(output).isEqualTo(128 + 15);
            assertThat(output).contains("run the same command again to resume");
            long committedRecords = cluster.topics().count(target, IsolationLevel.READ_COMMITTED);
            assertThat(committedRecords).isPositive().isLessThan(100_000);
            assertThat(cluster.topics().count(target, IsolationLevel.READ_UNCOMMITTED))
                    .as("no aborted transaction left behind").isEqualTo(committedRecords);
            assertThat(output).contains("Stopped after " + committedRecords + " record(s)");
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin) throws Exception {
        return committed(admin, GROUP);
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        offsets.values().removeIf(java.util.Objects::isNull);
        return offsets;
    }
}
