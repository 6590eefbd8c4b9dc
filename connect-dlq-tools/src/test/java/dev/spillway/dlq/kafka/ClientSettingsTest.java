package dev.spillway.dlq.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.dlq.errors.CommandException;
import dev.spillway.dlq.errors.ExitCodes;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

    private static Properties props(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void timeoutFillsTheClientTimeoutsByDefault() {
        ClientSettings settings = new ClientSettings("b:9092", new Properties(), Duration.ofSeconds(10));
        assertThat(settings.admin()).containsEntry("default.api.timeout.ms", "10000")
                .containsEntry("request.timeout.ms", "5000");
        Properties producer = settings.transactionalProducer("tx");
        assertThat(producer).containsEntry("max.block.ms", "10000").containsEntry("delivery.timeout.ms", "10000");
    }

    @Test
    void timeoutsFromTheCommandConfigStand() {
        ClientSettings settings = new ClientSettings("b:9092", props("request.timeout.ms", "45000",
                "default.api.timeout.ms", "120000", "max.block.ms", "90000", "delivery.timeout.ms", "300000"),
                Duration.ofSeconds(10));
        assertThat(settings.consumer(null)).containsEntry("request.timeout.ms", "45000")
                .containsEntry("default.api.timeout.ms", "120000");
        assertThat(settings.transactionalProducer("tx")).containsEntry("max.block.ms", "90000")
                .containsEntry("delivery.timeout.ms", "300000");
    }

    @Test
    void deliveryTimeoutStaysAboveARequestTimeoutTheUserRaised() {
        ClientSettings settings = new ClientSettings("b:9092", props("request.timeout.ms", "60000"),
                Duration.ofSeconds(10));
        assertThat(Long.parseLong(settings.transactionalProducer("tx").getProperty("delivery.timeout.ms")))
                .isGreaterThanOrEqualTo(60000 + 5);
    }

    @Test
    void specificOverridesWinOverTheCommandConfigAndOnlyForTheirClient() {
        Properties consumer = ClientSettings.overrides("--consumer-property",
                Map.of("fetch.max.bytes", "1024", "request.timeout.ms", "7000"), false);
        Properties producer = ClientSettings.overrides("--producer-property",
                Map.of("compression.type", "zstd", "linger.ms", "50"), true);
        ClientSettings settings = new ClientSettings("b:9092", props("fetch.max.bytes", "99", "linger.ms", "1",
                "security.protocol", "SSL"), Duration.ofSeconds(30), consumer, new Properties())
                .withProducerOverrides(producer);

        assertThat(settings.consumer("g")).containsEntry("fetch.max.bytes", "1024")
                .containsEntry("request.timeout.ms", "7000").containsEntry("security.protocol", "SSL")
                .doesNotContainKey("compression.type");
        assertThat(settings.transactionalProducer("tx")).containsEntry("compression.type", "zstd")
                .containsEntry("linger.ms", "50").containsEntry("security.protocol", "SSL")
                .containsEntry("request.timeout.ms", "15000").doesNotContainEntry("fetch.max.bytes", "1024");
        assertThat(settings.admin()).doesNotContainKey("compression.type").containsEntry("fetch.max.bytes", "99");
    }

    @Test
    void refusesSettingsTheToolOwns() {
        assertThatThrownBy(() -> ClientSettings.overrides("--consumer-property",
                Map.of("isolation.level", "read_uncommitted"), false))
                .isInstanceOf(CommandException.class)
                .hasMessage("--consumer-property isolation.level: set by spillway-dlq (aborted records must never be"
                        + " shown or replayed)")
                .satisfies(e -> assertThat(((CommandException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
        assertThatThrownBy(() -> ClientSettings.overrides("--producer-property",
                Map.of("transactional.id", "x"), true))
                .hasMessage("--producer-property transactional.id: set by spillway-dlq (use --transactional-id)");
        assertThatThrownBy(() -> ClientSettings.overrides("--consumer-property", Map.of("group.id", "x"), false))
                .hasMessageContaining("use replay's --group");
        assertThatThrownBy(() -> ClientSettings.overrides("--consumer-property",
                Map.of("bootstrap.servers", "x:1"), false))
                .hasMessageContaining("use --bootstrap-server or --command-config");
    }

    @Test
    void refusesSettingsTheToolOwnsInTheCommandConfig() {
        assertThatThrownBy(() -> ClientSettings.checkCommandConfig("client.properties",
                props("security.protocol", "SSL", "isolation.level", "read_uncommitted")))
                .isInstanceOf(CommandException.class)
                .hasMessage("--command-config client.properties: isolation.level: set by spillway-dlq (aborted records"
                        + " must never be shown or replayed); remove it from the file")
                .satisfies(e -> assertThat(((CommandException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
        // Consumer and producer settings alike: the file goes to every client. The first key by name is named.
        assertThatThrownBy(() -> ClientSettings.checkCommandConfig("c.properties", props("group.id", "ops",
                "acks", "1")))
                .hasMessage("--command-config c.properties: acks: set by spillway-dlq (replay is transactional);"
                        + " remove it from the file");
        for (String key : new String[] {"key.deserializer", "value.deserializer", "enable.auto.commit",
            "allow.auto.create.topics", "auto.offset.reset", "group.id", "key.serializer", "value.serializer",
            "transactional.id", "enable.idempotence"}) {
            assertThatThrownBy(() -> ClientSettings.checkCommandConfig("c.properties", props(key, "x")))
                    .as(key).hasMessageStartingWith("--command-config c.properties: " + key + ": set by spillway-dlq");
        }
        // Everything else is the file's to set, bootstrap.servers included.
        ClientSettings.checkCommandConfig("c.properties", props("bootstrap.servers", "b:9092", "security.protocol",
                "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "request.timeout.ms", "60000", "client.id", "ops"));
    }

    @Test
    void messagesNameOnlyTheOptionsThatSetProperties() {
        assertThat(new ClientSettings("b:1", new Properties(), Duration.ofSeconds(1)).configOptions()).isEmpty();
        assertThat(new ClientSettings("b:1", props("security.protocol", "SSL"), Duration.ofSeconds(1))
                .configOptions()).isEqualTo("--command-config");
        assertThat(new ClientSettings("b:1", new Properties(), Duration.ofSeconds(1), props("a", "1"), new Properties())
                .configOptions()).isEqualTo("--consumer-property");
        assertThat(new ClientSettings("b:1", new Properties(), Duration.ofSeconds(1)).withProducerOverrides(
                props("b", "2")).configOptions()).isEqualTo("--producer-property");
        assertThat(new ClientSettings("b:1", props("c", "3"), Duration.ofSeconds(1), props("a", "1"), props("b", "2"))
                .configOptions()).isEqualTo("--command-config, --consumer-property, --producer-property");
    }

    @Test
    void anInvalidPropertyIsReportedAgainstTheOptionsUsed() {
        KafkaException construct = new KafkaException("Failed to construct kafka consumer",
                new ConfigException("fetch.max.bytes", "lots", "Not a number of type INT"));
        ClientSettings consumerOnly = new ClientSettings("b:1", new Properties(), Duration.ofSeconds(1),
                props("fetch.max.bytes", "lots"), new Properties());
        assertThat(KafkaFailures.translate(construct, consumerOnly, "read dlq"))
                .hasMessage("Invalid client configuration (--consumer-property): Invalid value lots for configuration"
                        + " fetch.max.bytes: Not a number of type INT")
                .satisfies(e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE));
        // Nothing set by an option (a malformed --bootstrap-server, say): no list of options at all.
        KafkaException bootstrap = new KafkaException("Failed to create new KafkaAdminClient",
                new ConfigException("Invalid url in bootstrap.servers: nohost"));
        assertThat(KafkaFailures.translate(bootstrap, new ClientSettings("nohost", new Properties(),
                Duration.ofSeconds(1)), "create a Kafka admin client"))
                .hasMessage("Invalid client configuration: Invalid url in bootstrap.servers: nohost");
    }
}
