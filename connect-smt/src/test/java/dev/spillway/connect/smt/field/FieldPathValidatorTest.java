package dev.spillway.connect.smt.field;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldPathValidatorTest {

    @Test
    void acceptsValidPathsAndLeavesNullsToConfigDef() {
        assertThatCode(() -> FieldPathValidator.single().ensureValid("field", "a.`b.c`[*]"))
            .doesNotThrowAnyException();
        assertThatCode(() -> FieldPathValidator.list().ensureValid("fields", List.of("a", "b[0]")))
            .doesNotThrowAnyException();
        assertThatCode(() -> FieldPathValidator.single().ensureValid("field", null)).doesNotThrowAnyException();
    }

    @Test
    void namesTheSettingAndTheProblem() {
        assertThatThrownBy(() -> FieldPathValidator.single().ensureValid("field", "a..b"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration field")
            .hasMessageContaining("empty field name")
            .hasMessageContaining("at position 2");
        assertThatThrownBy(() -> FieldPathValidator.list().ensureValid("fields", List.of("ok", "bad[")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("configuration fields")
            .hasMessageContaining("\"bad[\"");
        assertThatThrownBy(() -> FieldPathValidator.list().ensureValid("fields", List.of()))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("at least one field path");
    }
}
