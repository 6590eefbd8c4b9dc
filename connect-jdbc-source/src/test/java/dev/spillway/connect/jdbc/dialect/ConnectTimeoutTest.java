package dev.spillway.connect.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** Each driver reads {@code connectTimeout} in its own unit; less than a second is never "no timeout" (0). */
class ConnectTimeoutTest {

    @Test
    void postgresCountsSeconds() {
        assertThat(new PostgresDialect().connectTimeout(Duration.ofSeconds(10))).isEqualTo("10");
        assertThat(new PostgresDialect().connectTimeout(Duration.ofMillis(200))).isEqualTo("1");
    }

    @Test
    void mariaDbCountsMilliseconds() {
        MariaDbDialect dialect = new MariaDbDialect(ZoneOffset.UTC);
        assertThat(dialect.connectTimeout(Duration.ofSeconds(10))).isEqualTo("10000");
        assertThat(dialect.connectTimeout(Duration.ofMillis(200))).isEqualTo("1000");
    }
}
