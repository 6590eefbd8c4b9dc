package dev.spillway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcCommandTest {

    @Test
    void apacheKafkaWorkersFrom39OnAreTakenAndOlderOnesRefused() {
        for (String version : new String[] {"3.9.0", "3.9.2", "4.0.0", "4.3.1", "3.10.0-SNAPSHOT"}) {
            assertThatCode(() -> JdbcCommand.requireSupportedWorker(version)).as(version).doesNotThrowAnyException();
        }
        for (String version : new String[] {"3.8.1", "3.7.0", "3.5.2", "2.8.0", "", "unknown"}) {
            assertThatThrownBy(() -> JdbcCommand.requireSupportedWorker(version)).as(version)
                .isInstanceOf(MigrationRefused.class).hasMessageContaining("3.9 or later")
                .hasMessageContaining("Kafka " + version + ";");
        }
    }

    @Test
    void theDryRunHidesPasswordsInTheirOwnKeysAndInsideTheUrl() {
        java.util.Map<String, String> shown = JdbcCommand.masked(java.util.Map.of(
            "connection.password", "s3cret", "connection.url", "jdbc:mysql://db:3306/shop?user=u&password=S3CR3T",
            "table.whitelist", "orders"));
        assertThat(shown).containsEntry("connection.password", "[hidden]")
            .containsEntry("connection.url", "jdbc:mysql://db:3306/shop?user=u&password=****")
            .containsEntry("table.whitelist", "orders");
    }

    @Test
    void confluentPlatformVersionsAreReadAsTheKafkaTheyShip() {
        assertThat(JdbcCommand.kafkaVersion("7.6.1-ccs")).containsExactly(3, 6);
        assertThat(JdbcCommand.kafkaVersion("7.9.0-ce")).containsExactly(3, 9);
        assertThat(JdbcCommand.kafkaVersion("8.0.0-ccs")).containsExactly(4, 0);
        assertThat(JdbcCommand.kafkaVersion("6.2.1-ccs")).containsExactly(2, 8);
        assertThat(JdbcCommand.kafkaVersion("5.5.0-ccs")).containsExactly(2, 5);
        assertThat(JdbcCommand.kafkaVersion("7.3.0-cc-docker-ksql.119-33-ccs")).containsExactly(3, 3);
        assertThat(JdbcCommand.kafkaVersion("3.9.2")).containsExactly(3, 9);
        assertThat(JdbcCommand.kafkaVersion("not-a-version")).isNull();
        // 7.6 is Kafka 3.6, which cannot create a connector STOPPED: refused, though 7 > 3.
        assertThatThrownBy(() -> JdbcCommand.requireSupportedWorker("7.6.1-ccs")).isInstanceOf(MigrationRefused.class)
            .hasMessageContaining("Confluent Platform, Apache Kafka 3.6");
        assertThatCode(() -> JdbcCommand.requireSupportedWorker("7.9.0-ccs")).doesNotThrowAnyException();
        assertThatCode(() -> JdbcCommand.requireSupportedWorker("8.1.0-ce")).doesNotThrowAnyException();
    }
}
