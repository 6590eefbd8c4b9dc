package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.spillway.connect.jdbc.dialect.Dialect;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** A password inside connection.url reaches no message, cause, pool or validate() echo. */
class ConnectionsTest {

    private static final String SECRET = "Spw-Unit-Secret-7f3a";

    private static Map<String, String> props(String url) {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", url);
        props.put("mode", "bulk");
        props.put("table.include.list", "public\\.orders");
        props.put("connection.timeout.ms", "1000");
        return props;
    }

    @Test
    void aRefusedConnectionNamesTheUrlMaskedAndDropsAnEchoingCause() {
        String url = "jdbc:postgresql://kafka:" + SECRET + "@127.0.0.1:1/none?password=" + SECRET;
        JdbcSourceConfig config = new JdbcSourceConfig(props(url));
        SQLException echoing = new SQLException("Could not connect to " + url, "08001");
        ConnectException failure = Connections.connectFailure(config, echoing);
        assertThat(failure.getMessage()).doesNotContain(SECRET)
            .contains("jdbc:postgresql://kafka:****@127.0.0.1:1/none?password=****");
        assertThat(failure.getCause().getMessage()).doesNotContain(SECRET);
        assertThat(((SQLException) failure.getCause()).getSQLState()).isEqualTo("08001");

        SQLException plain = new SQLException("Connection refused", "08001");
        assertThat(Connections.connectFailure(config, plain).getCause()).isSameAs(plain);
    }

    @Test
    void anUnknownDriverIsReportedWithTheUrlMasked() {
        JdbcSourceConfig config = new JdbcSourceConfig(props("jdbc:nosuchdb://u:" + SECRET + "@h/x;password=" + SECRET));
        Dialect dialect = Dialect.forUrl(config.connectionSettings().url(), ZoneOffset.UTC);
        assertThatThrownBy(() -> Connections.open(config, dialect)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("No JDBC driver").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> Connections.pool(config, dialect, "p")).isInstanceOf(ConfigException.class)
            .hasMessageNotContaining(SECRET);
    }

    @Test
    void thePoolNeverSeesTheUrl() {
        JdbcSourceConfig config = new JdbcSourceConfig(props("jdbc:postgresql://127.0.0.1:1/none?PASSWORD=" + SECRET));
        Dialect dialect = Dialect.forUrl(config.connectionSettings().url(), ZoneOffset.UTC);
        try (HikariDataSource pool = Connections.pool(config, dialect, "unit")) {
            assertThat(pool.getJdbcUrl()).isNull();
            assertThat(String.valueOf(pool.getDataSource())).doesNotContain(SECRET).contains("PASSWORD=****");
            assertThat(pool.isReadOnly()).isTrue();
        }
    }

    @Test
    void validateEchoesTheUrlMaskedAndItsErrorsToo() {
        Map<String, String> props = props("jdbc:postgresql://127.0.0.1:1/none?user=u&password=" + SECRET);
        Config result = new JdbcSourceConnector().validate(props);
        ConfigValue url = result.configValues().stream().filter(v -> v.name().equals("connection.url"))
            .findFirst().orElseThrow();
        assertThat(String.valueOf(url.value())).doesNotContain(SECRET).endsWith("password=****");
        assertThat(url.errorMessages()).isNotEmpty().allSatisfy(m -> assertThat(m).doesNotContain(SECRET));
    }
}
