package dev.spillway.connect.rest.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.common.config.Problem;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

class PaginationSettingsTest {

    private static final ConfigDef DEF = PaginationSettings.define(new ConfigDef());

    /** Enough settings for every type to build its strategy. */
    private static Map<String, String> complete(PaginationType type) {
        return Map.of("pagination.type", type.configValue(), "pagination.cursor.pointer", "/next",
            "pagination.next.url.pointer", "/links/next", "pagination.since.pointer", "/updated_at",
            "pagination.limit", "10");
    }

    private static PaginationSettings settings(Map<String, String> raw) {
        return new PaginationSettings(DEF.parse(raw));
    }

    @ParameterizedTest
    @EnumSource(PaginationType.class)
    void everyTypeBuildsItsOwnStrategy(PaginationType type) {
        PaginationSettings settings = settings(complete(type));
        assertThat(settings.problems()).isEmpty();
        assertThat(settings.type()).isEqualTo(type);
        assertThat(settings.pagination().kind()).isEqualTo(type);
        assertThat(settings.pagination().type()).isEqualTo(type.configValue());
        assertThat(settings.pagination().positionsAreStable()).isEqualTo(type.positionsAreStable());
    }

    @Test
    void theTypesAreTheDocumentedValuesInOrder() {
        assertThat(ConfigChoice.values(PaginationType.class))
            .containsExactly("none", "cursor", "next-url", "link-header", "page-number", "offset-limit", "since");
    }

    @Test
    void aMissingRequiredKeyIsAProblemOnThatKeyAndNoStrategyIsBuilt() {
        PaginationSettings cursor = settings(Map.of("pagination.type", "cursor"));
        assertThat(cursor.problems()).containsExactly(
            new Problem("pagination.cursor.pointer", "is required with pagination.type=cursor"));
        assertThat(cursor.pagination()).isNull();
        assertThat(settings(Map.of("pagination.type", "offset-limit")).problems()).containsExactly(
            new Problem("pagination.limit", "must be greater than 0 with pagination.type=offset-limit"));
        assertThat(settings(Map.of("pagination.type", "since", "pagination.since.pointer", " ")).problems())
            .extracting(Problem::key).containsExactly("pagination.since.pointer");
    }

    @Test
    void anEndpointsOverridesApplyOverTheConnectorsWithoutChangingThem() {
        PaginationSettings connector = settings(Map.of("pagination.type", "page-number", "pagination.limit", "50"));
        PaginationSettings own = connector.forEndpoint(Map.of("pagination.type", "cursor",
            "pagination.cursor.pointer", "/meta/next"));
        assertThat(own.type()).isEqualTo(PaginationType.CURSOR);
        assertThat(own.fixedParams()).isEqualTo(new FixedParams("limit", 50));
        assertThat(connector.type()).isEqualTo(PaginationType.PAGE_NUMBER);
        assertThat(connector.forEndpoint(Map.of())).isSameAs(connector);
    }

    @Test
    void anInvalidOverrideFailsLikeTheConnectorsOwnKeyWould() {
        PaginationSettings connector = settings(Map.of());
        assertThatThrownBy(() -> connector.forEndpoint(Map.of("pagination.limit", "many")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("pagination.limit");
        assertThatThrownBy(() -> connector.forEndpoint(Map.of("pagination.type", "magic")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("pagination.type");
    }

    @Test
    void onlyPaginationKeysMayBeOverridden() {
        assertThat(PaginationSettings.isOverridable("pagination.cursor.param")).isTrue();
        assertThat(PaginationSettings.isOverridable("pagination.magic")).isFalse();
        assertThat(PaginationSettings.isOverridable("max.pages")).isFalse();
    }

    @Test
    void aTypesKeysAreVisibleOnlyWithThatTypeAndChoicesAreListed() {
        Map<String, ConfigValue> cursor = validate(Map.of("pagination.type", "cursor"));
        assertThat(cursor.get("pagination.cursor.pointer").visible()).isTrue();
        assertThat(cursor.get("pagination.cursor.param").visible()).isTrue();
        assertThat(cursor.get("pagination.page.param").visible()).isFalse();
        assertThat(cursor.get("pagination.since.filter").visible()).isFalse();
        // Keys every type reads stay visible.
        assertThat(cursor.get("pagination.limit").visible()).isTrue();
        assertThat(cursor.get("max.pages").visible()).isTrue();
        assertThat(cursor.get("pagination.type").recommendedValues())
            .containsExactly("none", "cursor", "next-url", "link-header", "page-number", "offset-limit", "since");

        Map<String, ConfigValue> since = validate(Map.of("pagination.type", "since"));
        assertThat(since.get("pagination.since.filter").visible()).isTrue();
        assertThat(since.get("pagination.since.filter").recommendedValues()).containsExactly("inclusive", "exclusive");
        assertThat(since.get("pagination.cursor.pointer").visible()).isFalse();

        Map<String, ConfigValue> defaults = validate(Map.of());
        assertThat(defaults.get("pagination.next.url.pointer").visible()).isFalse();
        assertThat(defaults.get("pagination.page.start").visible()).isFalse();
    }

    private static Map<String, ConfigValue> validate(Map<String, String> raw) {
        List<ConfigValue> values = DEF.validate(new HashMap<>(raw));
        return values.stream().collect(Collectors.toMap(ConfigValue::name, Function.identity()));
    }

    @Test
    void theBodyTypeResolvesAutoByStrategyAndAnArrayNeedsSinceFromItemsAndItsPointers() {
        Map<String, String> raw = new HashMap<>(Map.of("pagination.type", "page-number",
            "pagination.param.location", "body", "pagination.param.body.pointer", "/page"));
        assertThat(settings(raw).placement().bodyType()).isEqualTo(ParamPlacement.BodyType.NUMBER);
        raw.put("pagination.type", "cursor");
        raw.put("pagination.cursor.pointer", "/next");
        assertThat(settings(raw).placement().bodyType()).isEqualTo(ParamPlacement.BodyType.STRING);
        raw.put("pagination.param.body.type", "array");
        assertThat(settings(raw).problems()).extracting(Problem::key).containsExactly("pagination.param.body.type");
        assertThat(settings(raw).pagination()).as("no strategy while a setting is wrong").isNull();

        Map<String, String> since = new HashMap<>(Map.of("pagination.type", "since",
            "pagination.param.location", "body", "pagination.param.body.pointer", "/search_after",
            "pagination.param.body.type", "array"));
        assertThat(settings(since).problems()).extracting(Problem::key)
            .containsExactly("pagination.param.body.array.pointers");
        since.put("pagination.param.body.array.pointers", "/sort/0,/sort/1");
        assertThat(settings(since).problems()).isEmpty();
        assertThat(settings(since).placement().bodyType()).isEqualTo(ParamPlacement.BodyType.ARRAY);
        assertThat(settings(since).pagination()).isInstanceOf(SincePagination.class);

        since.put("pagination.param.location", "query");
        assertThat(settings(since).problems()).extracting(Problem::key).containsExactly("pagination.param.body.type");
        since.put("pagination.param.body.type", "auto");
        assertThat(settings(since).problems()).extracting(Problem::key)
            .contains("pagination.param.body.array.pointers");
    }

    @Test
    void theTemplateLocationTakesNoPointerOrHeader() {
        PaginationSettings settings = settings(Map.of("pagination.type", "cursor", "pagination.cursor.pointer",
            "/next", "pagination.param.location", "template"));
        assertThat(settings.problems()).isEmpty();
        assertThat(settings.placement().movesState()).isTrue();
        assertThat(settings(Map.of("pagination.type", "next-url", "pagination.next.url.pointer", "/next",
            "pagination.param.location", "template")).problems()).extracting(Problem::key)
            .containsExactly("pagination.param.location");
    }
}
