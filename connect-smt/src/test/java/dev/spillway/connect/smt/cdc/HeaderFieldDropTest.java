package dev.spillway.connect.smt.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

class HeaderFieldDropTest {

    private static final Schema KEY = SchemaBuilder.struct().name("k").optional()
        .field("id", Schema.INT32_SCHEMA)
        .field("region", SchemaBuilder.string().optional().defaultValue("eu").build())
        .field("tag", Schema.OPTIONAL_STRING_SCHEMA)
        .build();

    @Test
    void readsTheFirstHeaderOfItsName() {
        HeaderFieldDrop drop = new HeaderFieldDrop("h", false, true);
        ConnectHeaders headers = new ConnectHeaders();
        assertThat(drop.namesIn(headers)).isEmpty();
        headers.add("h", List.of("a"), null).add("h", List.of("b"), null);
        assertThat(drop.namesIn(headers)).containsExactly("a");
        assertThat(new HeaderFieldDrop(" ", false, true).enabled()).isFalse();
        assertThat(new HeaderFieldDrop(" ", false, true).namesIn(headers)).isEmpty();
        assertThatThrownBy(() -> drop.namesIn(new ConnectHeaders().add("h", List.of(1), null)))
            .isInstanceOf(DataException.class).hasMessageContaining("Integer");
    }

    @Test
    void keepsRequiredFieldsOnlyWhenAskedToStayCompatible() {
        List<String> names = List.of("id", "tag", "absent");
        assertThat(new HeaderFieldDrop("h", false, true).droppedFrom(KEY, names, n -> true)).containsExactly("tag");
        assertThat(new HeaderFieldDrop("h", false, false).droppedFrom(KEY, names, n -> true))
            .containsExactly("id", "tag");
        assertThat(new HeaderFieldDrop("h", false, false).droppedFrom(KEY, names, n -> !n.equals("id")))
            .containsExactly("tag");
    }

    @Test
    void rebuildsAsReplaceFieldWouldRun() {
        HeaderFieldDrop compatible = new HeaderFieldDrop("h", false, true);
        HeaderFieldDrop all = new HeaderFieldDrop("h", false, false);
        assertThat(compatible.rewrites(List.of("id"), Set.of())).isFalse();
        assertThat(compatible.rewrites(List.of("tag"), Set.of("tag"))).isTrue();
        assertThat(all.rewrites(List.of("absent"), Set.of())).isTrue();
        assertThat(all.rewrites(List.of(), Set.of())).isFalse();
    }

    @Test
    void dropsFromAStructKeyWithDefaultsAndFromAMapKey() {
        HeaderFieldDrop drop = new HeaderFieldDrop("h", true, true);
        Struct key = new Struct(KEY).put("id", 1).put("tag", "x");

        HeaderFieldDrop.Key dropped = drop.key(KEY, key, List.of("tag"));
        assertThat(dropped.schema().name()).isEqualTo("k");
        assertThat(dropped.schema().isOptional()).isFalse();
        assertThat(dropped.schema().fields()).extracting(f -> f.name()).containsExactly("id", "region");
        assertThat(((Struct) dropped.value()).getWithoutDefault("region")).isEqualTo("eu");
        // The derived schema is cached: the next key gets the same instance.
        assertThat(drop.key(KEY, key, List.of("tag")).schema()).isSameAs(dropped.schema());

        assertThat(drop.key(KEY, key, List.of("id")).value()).isSameAs(key);
        assertThat(new HeaderFieldDrop("h", false, true).key(KEY, key, List.of("tag")).value()).isSameAs(key);

        Map<String, Object> mapKey = new LinkedHashMap<>(Map.of("id", 1, "tag", "x"));
        @SuppressWarnings("unchecked")
        Map<Object, Object> withoutTag = (Map<Object, Object>) drop.key(null, mapKey, List.of("tag")).value();
        assertThat(withoutTag).containsOnlyKeys("id");
        assertThatThrownBy(() -> drop.key(Schema.STRING_SCHEMA, "k", List.of("tag")))
            .isInstanceOf(DataException.class).hasMessageContaining("drop.fields.from.key");
    }
}
