package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.common.config.Problem;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The settings classes' cross-checks and the recommenders they declare. */
class SettingsTest {

    /** A valid incrementing config, the one {@link JdbcSourceConfigTest} starts from. */
    private static Map<String, String> base() {
        return JdbcSourceConfigTest.base();
    }

    private static Map<String, ConfigValue> validate(Map<String, String> props) {
        return JdbcSourceConfig.configDef().validate(props).stream()
            .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
    }

    @Test
    void eachProblemCarriesItsKey() {
        Map<String, String> props = base();
        props.remove("incrementing.column.name");
        props.put("query", "SELECT 1");
        props.put("key.mode", "columns");
        props.put("connection.backoff.ms", "2000");
        props.put("connection.backoff.max.ms", "1000");
        List<Problem> problems = JdbcSourceConfig.unchecked(props).problems();
        assertThat(problems).extracting(Problem::key).containsExactly("table.include.list", "query.topic",
            "incrementing.column.name", "key.columns", "connection.backoff.max.ms");
        assertThat(problems.get(2).message())
            .isEqualTo("mode=incrementing needs incrementing.column.name: the strictly increasing id column.");
    }

    @Test
    void modeKeysAreVisibleOnlyForTheModesThatReadThem() {
        Map<String, String> props = base();
        props.put("mode", "bulk");
        Map<String, ConfigValue> bulk = validate(props);
        assertThat(bulk.get("incrementing.column.name").visible()).isFalse();
        assertThat(bulk.get("timestamp.column.name").visible()).isFalse();
        assertThat(bulk.get("horizon.mode").visible()).isFalse();
        assertThat(bulk.get("mode").recommendedValues())
            .containsExactly("bulk", "incrementing", "timestamp", "timestamp+incrementing");

        props.put("mode", "incrementing");
        Map<String, ConfigValue> incrementing = validate(props);
        assertThat(incrementing.get("incrementing.column.name").visible()).isTrue();
        assertThat(incrementing.get("incrementing.initial").visible()).isTrue();
        assertThat(incrementing.get("incrementing.initial").recommendedValues()).containsExactly("earliest", "now");
        assertThat(incrementing.get("timestamp.initial").visible()).isFalse();
        assertThat(incrementing.get("horizon.mode").visible()).isTrue();
        assertThat(incrementing.get("horizon.mode").recommendedValues()).containsExactly("auto", "database", "delay");

        props.put("mode", "timestamp");
        props.put("timestamp.column.name", "updated");
        Map<String, ConfigValue> timestamp = validate(props);
        assertThat(timestamp.get("timestamp.column.name").visible()).isTrue();
        assertThat(timestamp.get("timestamp.initial").visible()).isTrue();
        assertThat(timestamp.get("incrementing.column.name").visible()).isFalse();
    }

    @Test
    void keyColumnsAreVisibleOnlyForKeyModeColumnsAndChoicesAreListed() {
        Map<String, String> props = base();
        Map<String, ConfigValue> pk = validate(props);
        assertThat(pk.get("key.columns").visible()).isFalse();
        assertThat(pk.get("key.mode").recommendedValues()).containsExactly("none", "pk", "columns");
        assertThat(pk.get("numeric.mapping").recommendedValues())
            .containsExactly("none", "precision_only", "best_fit", "string");
        assertThat(pk.get("column.unsupported.action").recommendedValues()).containsExactly("fail", "skip");
        assertThat(pk.get("table.types").recommendedValues()).containsExactly("TABLE", "VIEW");
        assertThat(pk.get("time.precision.mode").recommendedValues()).isNotEmpty();
        props.put("key.mode", "columns");
        assertThat(validate(props).get("key.columns").visible()).isTrue();
    }
}
