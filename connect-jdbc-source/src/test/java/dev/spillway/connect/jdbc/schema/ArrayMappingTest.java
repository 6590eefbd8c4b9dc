package dev.spillway.connect.jdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.common.config.ConfigChoice;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.util.List;

class ArrayMappingTest {

    /** A result set whose getString gives {@code text}, as the PostgreSQL driver does for an array in text format. */
    private static ResultSet text(String text) {
        return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
            (proxy, method, args) -> {
                if (method.getName().equals("getString")) {
                    return text;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }

    @Test
    void configValues() {
        assertThat(ConfigChoice.values(ArrayMapping.class)).containsExactly("array", "string");
        assertThat(ArrayMapping.parse(" String ")).isEqualTo(ArrayMapping.STRING);
        assertThat(TypeSettings.DEFAULTS.arrayMapping()).isEqualTo(ArrayMapping.ARRAY);
    }

    @Test
    void stringSendsTheServersTextOfEveryArrayExactly() throws Exception {
        Mapped mapped = ArrayMapping.STRING.map("_int4");
        assertThat(mapped.schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(mapped.mayBeUnrepresentable()).isFalse();
        for (String value : List.of("{{1,2},{3,4}}", "[0:1]={7,8}", "[0:1][1:2]={{1,2},{3,4}}", "{NULL,\"a,b\"}",
            "{}", "{(1,2),(3,4);(5,6),(7,8)}")) {
            assertThat(mapped.reader().read(text(value), 1)).isEqualTo(value);
        }
        assertThat(mapped.reader().read(text(null), 1)).isNull();
    }

    @Test
    void arrayKeepsTheConnectArrayAndNamesTheLosslessOption() throws Exception {
        Mapped mapped = ArrayMapping.ARRAY.map("_int4");
        assertThat(mapped.schema().type()).isEqualTo(Schema.Type.ARRAY);
        assertThat(mapped.mayBeUnrepresentable()).isTrue();
        assertThat(mapped.reader().read(text("{1,NULL}"), 1)).isEqualTo(java.util.Arrays.asList(1, null));
        assertThatThrownBy(() -> mapped.reader().read(text("{{1,2},{3,4}}"), 1))
            .isInstanceOf(UnrepresentableValueException.class).hasMessageContaining("array.mapping=string");
        assertThatThrownBy(() -> mapped.reader().read(text("[0:1]={7,8}"), 1))
            .isInstanceOf(UnrepresentableValueException.class).hasMessageContaining("array.mapping=string");
    }
}
