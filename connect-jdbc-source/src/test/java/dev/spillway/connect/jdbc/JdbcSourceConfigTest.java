package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.jdbc.schema.ArrayMapping;
import dev.spillway.connect.jdbc.schema.NumericMapping;
import dev.spillway.connect.jdbc.schema.TimePrecisionMode;
import dev.spillway.connect.jdbc.schema.TypeSettings;
import dev.spillway.connect.jdbc.schema.UnrepresentableAction;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

class JdbcSourceConfigTest {

    static Map<String, String> base() {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", "jdbc:postgresql://127.0.0.1:1/none");
        props.put("mode", "incrementing");
        props.put("incrementing.column.name", "id");
        props.put("table.include.list", "public\\.orders");
        return props;
    }

    @Test
    void acceptsAMinimalIncrementingConfig() {
        JdbcSourceConfig config = new JdbcSourceConfig(base());
        assertThat(config.modeSettings().incrementingColumn()).isEqualTo("id");
        assertThat(config.recordSettings().keyMode().configValue()).isEqualTo("pk");
        assertThat(config.pollingSettings().batchMaxRows()).isEqualTo(1000);
    }

    @Test
    void typeSettingsDefaultToConnectTypesAndFailing() {
        JdbcSourceConfig config = new JdbcSourceConfig(base());
        assertThat(config.typeSettings()).isEqualTo(TypeSettings.DEFAULTS);
        Map<String, String> props = base();
        props.put("time.precision.mode", "microseconds");
        props.put("value.unrepresentable.action", "null");
        props.put("numeric.mapping", "string");
        props.put("array.mapping", "string");
        JdbcSourceConfig set = new JdbcSourceConfig(props);
        assertThat(set.typeSettings())
            .isEqualTo(new TypeSettings(TimePrecisionMode.MICROSECONDS, UnrepresentableAction.NULL, ArrayMapping.STRING));
        assertThat(set.recordSettings().numericMapping()).isEqualTo(NumericMapping.STRING);
        props.put("time.precision.mode", "millis");
        assertThatThrownBy(() -> new JdbcSourceConfig(props)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("time.precision.mode");
        props.put("time.precision.mode", "string");
        props.put("value.unrepresentable.action", "skip");
        assertThatThrownBy(() -> new JdbcSourceConfig(props)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("value.unrepresentable.action");
        props.put("value.unrepresentable.action", "null");
        props.put("array.mapping", "json");
        assertThatThrownBy(() -> new JdbcSourceConfig(props)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("array.mapping");
    }

    @Test
    void eachCrossKeyProblemNamesItsKey() {
        Map<String, String> props = base();
        props.remove("incrementing.column.name");
        assertThatThrownBy(() -> new JdbcSourceConfig(props)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("incrementing.column.name");

        Map<String, String> both = base();
        both.put("query", "SELECT 1");
        assertThatThrownBy(() -> new JdbcSourceConfig(both)).hasMessageContaining("table.include.list");

        Map<String, String> query = base();
        query.remove("table.include.list");
        query.put("query", "SELECT * FROM t");
        assertThatThrownBy(() -> new JdbcSourceConfig(query)).hasMessageContaining("query.topic");

        Map<String, String> ts = base();
        ts.put("mode", "timestamp");
        assertThatThrownBy(() -> new JdbcSourceConfig(ts)).hasMessageContaining("timestamp.column.name");
    }

    @Test
    void singleKeyValidatorsNameTheKey() {
        Map<String, String> props = base();
        props.put("table.include.list", "public\\.(orders");
        assertThatThrownBy(() -> new JdbcSourceConfig(props)).hasMessageContaining("table.include.list");
        Map<String, String> zone = base();
        zone.put("db.timezone", "Mars/Olympus");
        assertThatThrownBy(() -> new JdbcSourceConfig(zone)).hasMessageContaining("db.timezone");
    }

    @Test
    void validateAttachesProblemsToTheirKeysWithoutConnecting() {
        Map<String, String> props = base();
        props.remove("incrementing.column.name");
        Config result = new JdbcSourceConnector().validate(props);
        ConfigValue value = result.configValues().stream()
            .filter(v -> v.name().equals("incrementing.column.name")).findFirst().orElseThrow();
        assertThat(value.errorMessages()).anySatisfy(m -> assertThat(m).contains("needs incrementing.column.name"));
    }

    @Test
    void passwordIsAPasswordType() {
        assertThat(JdbcSourceConfig.configDef().configKeys().get("connection.password").type)
            .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }

    @Test
    void exactlyOnceIsAnsweredPerMode() {
        JdbcSourceConnector connector = new JdbcSourceConnector();
        assertThat(connector.exactlyOnceSupport(base())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        Map<String, String> bulk = base();
        bulk.put("mode", "bulk");
        assertThat(connector.exactlyOnceSupport(bulk)).isEqualTo(ExactlyOnceSupport.UNSUPPORTED);
        bulk.put("transaction.boundary", "connector");
        assertThat(connector.exactlyOnceSupport(bulk)).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        Map<String, String> ts = base();
        ts.put("mode", "timestamp");
        ts.put("timestamp.column.name", "updated");
        assertThat(connector.exactlyOnceSupport(ts)).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        ts.put("transaction.boundary", "interval");
        assertThat(connector.exactlyOnceSupport(ts)).isEqualTo(ExactlyOnceSupport.UNSUPPORTED);
        assertThat(connector.canDefineTransactionBoundaries(base()))
            .isEqualTo(ConnectorTransactionBoundaries.SUPPORTED);
    }

    @Test
    void versionIsTheBuildVersion() {
        String expected = System.getProperty("spillway.expected.version");
        if (expected != null) {
            assertThat(new JdbcSourceConnector().version()).isEqualTo(expected);
            assertThat(new JdbcSourceTask().version()).isEqualTo(expected);
        }
    }
}
