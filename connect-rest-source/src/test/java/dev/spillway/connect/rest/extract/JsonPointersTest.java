package dev.spillway.connect.rest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class JsonPointersTest {

    private final Object item = Map.of("id", 7L, "tags", List.of("a", "b"), "owner", Map.of("name", "x"));

    @Test
    void findsFieldsAndArrayElements() {
        assertThat(JsonPointers.valueAt(item, JsonPointers.parse("/id"))).contains(7L);
        assertThat(JsonPointers.valueAt(item, JsonPointers.parse("/tags/1"))).contains("b");
        assertThat(JsonPointers.valueAt(item, JsonPointers.parse("/owner/name"))).contains("x");
        assertThat(JsonPointers.valueAt(item, JsonPointers.parse(""))).contains(item);
    }

    @Test
    void absentPathsAreEmpty() {
        assertThat(JsonPointers.valueAt(item, JsonPointers.parse("/nope"))).isEmpty();
        assertThat(JsonPointers.valueAt(item, JsonPointers.parse("/tags/5"))).isEmpty();
        assertThat(JsonPointers.valueAt(item, JsonPointers.parse("/id/deeper"))).isEmpty();
    }

    @Test
    void textOfAnItemValue() {
        Item parsed = new Item(item, JsonText.json(item));
        assertThat(parsed.textAt(JsonPointers.parse("/id"))).contains("7");
        assertThat(parsed.textAt(JsonPointers.parse("/tags"))).contains("[\"a\",\"b\"]");
    }

    @Test
    void aPointerStartsWithASlash() {
        assertThatThrownBy(() -> JsonPointers.parse("items")).hasMessageContaining("starts with '/'");
        assertThatThrownBy(() -> JsonPointers.validator(false).ensureValid("records.pointer", "data.items"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("records.pointer");
        JsonPointers.validator(true).ensureValid("key.pointer", null);
        assertThatThrownBy(() -> JsonPointers.validator(false).ensureValid("records.pointer", null))
            .isInstanceOf(ConfigException.class);
    }
}
