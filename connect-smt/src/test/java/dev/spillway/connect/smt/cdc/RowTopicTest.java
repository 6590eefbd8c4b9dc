package dev.spillway.connect.smt.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

class RowTopicTest {

    private static final Schema ROW = SchemaBuilder.struct().name("row")
        .field("id", Schema.INT32_SCHEMA)
        .field("region", Schema.OPTIONAL_STRING_SCHEMA)
        .field("tier", SchemaBuilder.string().optional().defaultValue("standard").build())
        .build();

    @Test
    void isOffWithoutAColumn() {
        assertThat(new RowTopic(null).enabled()).isFalse();
        assertThat(new RowTopic("").enabled()).isFalse();
        assertThat(new RowTopic("").topicFrom(new Struct(ROW).put("id", 1))).isEmpty();
    }

    @Test
    void readsTheColumnOfAStructOrAMap() {
        assertThat(new RowTopic("region").topicFrom(new Struct(ROW).put("id", 1).put("region", "eu")))
            .contains("eu");
        assertThat(new RowTopic("region").topicFrom(Map.of("region", "us"))).contains("us");
    }

    @Test
    void keepsTheTopicForNullAndBlankValuesButUsesADefault() {
        assertThat(new RowTopic("region").topicFrom(new Struct(ROW).put("id", 1))).isEmpty();
        assertThat(new RowTopic("region").topicFrom(new Struct(ROW).put("id", 1).put("region", "  "))).isEmpty();
        assertThat(new RowTopic("tier").topicFrom(new Struct(ROW).put("id", 1))).contains("standard");
        Map<String, Object> map = new HashMap<>();
        map.put("region", null);
        assertThat(new RowTopic("region").topicFrom(map)).isEqualTo(Optional.empty());
    }

    @Test
    void failsOnAMissingOrNonStringColumnOrNoRow() {
        assertThatThrownBy(() -> new RowTopic("zone").topicFrom(new Struct(ROW).put("id", 1)))
            .isInstanceOf(DataException.class).hasMessageContaining("no column 'zone'");
        assertThatThrownBy(() -> new RowTopic("id").topicFrom(new Struct(ROW).put("id", 1)))
            .isInstanceOf(DataException.class).hasMessageContaining("'id' is a INT32, not a STRING");
        assertThatThrownBy(() -> new RowTopic("zone").topicFrom(Map.of("region", "eu")))
            .isInstanceOf(DataException.class).hasMessageContaining("no column 'zone'");
        assertThatThrownBy(() -> new RowTopic("id").topicFrom(Map.of("id", 1)))
            .isInstanceOf(DataException.class).hasMessageContaining("not a string");
        assertThatThrownBy(() -> new RowTopic("region").topicFrom(null))
            .isInstanceOf(DataException.class).hasMessageContaining("no row");
    }
}
