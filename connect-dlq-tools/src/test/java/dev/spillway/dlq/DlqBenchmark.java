package dev.spillway.dlq;

import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.KafkaDistribution;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Export and replay throughput of the tarball's {@code spillway-dlq} against Kafka's console consumer and producer
 * moving the same records on one local broker. Not a test: run by hand (see docs/benchmarks.md), wall-clock times
 * of whole processes, JVM start included.
 *
 * <p>Arguments: the unpacked distribution's home, the record count.
 */
public final class DlqBenchmark {

    private DlqBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        Path work = Files.createTempDirectory("dlq-bench");
        String trace = "org.apache.kafka.connect.errors.DataException: Converting byte[] to Kafka Connect data failed\n"
                + "\tat org.apache.kafka.connect.json.JsonConverter.toConnectData(JsonConverter.java:347)\n".repeat(20);
        try (ConnectCluster cluster = ConnectCluster.builder().name("dlq-bench").kafkaVersion("3.9.2").workers(0)
                .start()) {
            String bootstrap = cluster.bootstrapServers();
            cluster.topics().createTopic("dlq", 3);
            cluster.topics().createTopic("orders", 3);
            cluster.topics().createTopic("console-target", 3);
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
            config.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
            Path plain = work.resolve("plain.tsv");
            try (KafkaProducer<byte[], byte[]> producer =
                         new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
                 BufferedWriter lines = Files.newBufferedWriter(plain)) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < count; i++) {
                    String value = "{\"id\": " + i + ", \"name\": \"customer " + i + "\", \"amount\": 12.5, broken";
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("dlq", null, now,
                            utf8("k-" + i), utf8(value));
                    header(record, "trace-id", "t-" + i);
                    header(record, "__connect.errors.topic", "orders");
                    header(record, "__connect.errors.partition", String.valueOf(i % 3));
                    header(record, "__connect.errors.offset", String.valueOf(i / 3));
                    header(record, "__connect.errors.connector.name", "file-sink");
                    header(record, "__connect.errors.task.id", "0");
                    header(record, "__connect.errors.stage", "VALUE_CONVERTER");
                    header(record, "__connect.errors.class.name", "org.apache.kafka.connect.json.JsonConverter");
                    header(record, "__connect.errors.exception.class.name",
                            "org.apache.kafka.connect.errors.DataException");
                    header(record, "__connect.errors.exception.message", "Converting byte[] to Kafka Connect data");
                    header(record, "__connect.errors.exception.stacktrace", trace);
                    producer.send(record);
                    lines.write("k-" + i + "\t" + value + "\n");
                }
                producer.flush();
            }
            long dlqBytes = Files.size(plain);
            System.out.printf("records: %d, DLQ values+keys %d bytes, stack trace header %d bytes each%n", count,
                    dlqBytes, trace.length());

            KafkaDistribution kafka = cluster.distribution();
            String kafkaCp = kafka.libDir().resolve("*").toString();
            String launcher = home.resolve("bin/spillway-dlq").toString();

            time("spillway-dlq export (JSON Lines, headers decoded)", count, work.resolve("export.out"),
                    List.of(launcher, "export", "--bootstrap-server", bootstrap, "--topic", "dlq", "--no-progress"));
            time("kafka-console-consumer (key, headers, value)", count, work.resolve("console-consumer.out"),
                    java(kafkaCp, "org.apache.kafka.tools.consumer.ConsoleConsumer", "--bootstrap-server", bootstrap,
                            "--topic", "dlq", "--from-beginning", "--max-messages", String.valueOf(count),
                            "--property", "print.key=true", "--property", "print.headers=true",
                            "--property", "print.timestamp=true"));
            time("spillway-dlq replay (exactly-once, transactional)", count, work.resolve("replay.out"),
                    List.of(launcher, "replay", "--bootstrap-server", bootstrap, "--topic", "dlq", "--no-progress",
                            "--keep-partition"));
            System.out.println("  replayed (read_committed): "
                    + cluster.topics().count("orders", IsolationLevel.READ_COMMITTED));
            List<String> producer = new ArrayList<>(java(kafkaCp, "kafka.tools.ConsoleProducer",
                    "--bootstrap-server", bootstrap, "--topic", "console-target",
                    "--property", "parse.key=true", "--property", "key.separator=\t"));
            time("kafka-console-producer (key, value; no headers, not transactional)", count,
                    work.resolve("console-producer.out"), producer, plain);
            System.out.println("  produced: " + cluster.topics().count("console-target"));
        }
    }

    private static List<String> java(String classpath, String main, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dlog4j.configuration=file:/dev/null", "-cp", classpath, main));
        command.addAll(List.of(args));
        return command;
    }

    private static void time(String what, int count, Path out, List<String> command) throws Exception {
        time(what, count, out, command, null);
    }

    private static void time(String what, int count, Path out, List<String> command, Path input) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(out.resolveSibling(out.getFileName() + ".err").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("SPILLWAY_DLQ_OPTS", "-Xmx512m");
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(600, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(what + " did not finish");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%-70s exit %d  %6.1f s  %8.0f records/s  (%d bytes out)%n", what, process.exitValue(),
                seconds, count / seconds, Files.size(out));
    }

    private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
        record.headers().add(name, utf8(value));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
