package dev.spillway.dlq;

import dev.spillway.dlq.errors.CommandException;
import dev.spillway.dlq.kafka.ClientSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** How every command reaches the cluster, as Kafka's own tools do it. */
public final class ConnectionOptions {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,...]",
            description = "The broker(s) to connect to; may also come from bootstrap.servers in --command-config.")
    String bootstrapServer;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Client properties (security.protocol, ssl.*, sasl.*, ...) for every client the tool uses;"
                    + " the settings the tool owns (isolation.level, group.id, acks, ...) are refused.")
    Path commandConfig;

    @Option(names = "--consumer-property", paramLabel = "KEY=VALUE",
            description = "A consumer setting, over --command-config's; repeatable (e.g. fetch.max.bytes=1048576).")
    Map<String, String> consumerProperties = new LinkedHashMap<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = Durations.class,
            description = "Budget of each blocking call to the cluster, e.g. 10s, 2m (default: ${DEFAULT-VALUE});"
                    + " client timeouts set in --command-config or a --*-property option win.")
    Duration timeout;

    public ClientSettings settings() {
        Properties properties = new Properties();
        if (commandConfig != null) {
            try (Reader reader = Files.newBufferedReader(commandConfig)) {
                properties.load(reader);
            } catch (IOException e) {
                throw CommandException.usage("Cannot read --command-config " + commandConfig + ": " + e);
            }
            ClientSettings.checkCommandConfig(commandConfig.toString(), properties);
        }
        if (bootstrapServer == null && !properties.containsKey("bootstrap.servers")) {
            throw CommandException.usage("Missing --bootstrap-server (or bootstrap.servers in --command-config)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw CommandException.usage("--timeout must be positive, not " + timeout);
        }
        Properties consumer = ClientSettings.overrides("--consumer-property", consumerProperties, false);
        return new ClientSettings(bootstrapServer, properties, timeout, consumer, new Properties());
    }
}
