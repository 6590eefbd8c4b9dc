package dev.spillway.connect.jdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

class ArrayLiteralTest {

    @Test
    void elementsQuotedUnquotedAndNull() {
        assertThat(ArrayLiteral.parse("{}", ',')).isEmpty();
        assertThat(ArrayLiteral.parse("{1,NULL,3}", ',')).containsExactly("1", null, "3");
        assertThat(ArrayLiteral.parse("{\"a b\",\"NULL\",\"x\\\"y\\\\z\",\"\",\"{,}\"}", ','))
            .containsExactly("a b", "NULL", "x\"y\\z", "", "{,}");
        assertThat(ArrayLiteral.parse("{(1,2),(3,4);(5,6),(7,8)}", ';')).containsExactly("(1,2),(3,4)", "(5,6),(7,8)");
        assertThat(ArrayLiteral.parse("{{1,2},{3,NULL}}", ','))
            .containsExactly(List.of("1", "2"), Arrays.asList("3", null));
    }

    @Test
    void explicitBoundsAndGarbageAreUnrepresentable() {
        assertThatThrownBy(() -> ArrayLiteral.parse("[0:1]={1,2}", ',')).isInstanceOf(UnrepresentableValueException.class)
            .hasMessageContaining("lower bound");
        assertThatThrownBy(() -> ArrayLiteral.parse("{1,2", ',')).isInstanceOf(UnrepresentableValueException.class);
        assertThatThrownBy(() -> ArrayLiteral.parse("nope", ',')).isInstanceOf(UnrepresentableValueException.class);
    }
}
