package dev.spillway.connect.smt;

import dev.spillway.connect.smt.predicates.FieldMatchesConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What a config UI or the worker's validate endpoint sees: choices for enum keys, dependent keys only where used. */
class RecommendersTest {

    private static Map<String, ConfigValue> validate(ConfigDef def, Map<String, String> config) {
        return def.validate(config).stream().collect(Collectors.toMap(ConfigValue::name, Function.identity()));
    }

    @Test
    void maskShowsHashKeysOnlyInHashMode() {
        Map<String, ConfigValue> hash = validate(MaskConfig.configDef(), Map.of("fields", "a", "mode", "hash"));
        assertThat(hash.get("mode").recommendedValues()).containsExactly("replace", "null", "hash", "partial");
        assertThat(hash.get("hash.algorithm").visible()).isTrue();
        assertThat(hash.get("hash.algorithm").recommendedValues()).containsExactly("SHA-256", "HMAC-SHA-256");
        assertThat(hash.get("hash.encoding").recommendedValues()).containsExactly("hex", "base64");
        assertThat(hash.get("hash.key").visible()).isTrue();
        assertThat(hash.get("hash.salt").visible()).isTrue();
        assertThat(hash.get("replacement").visible()).isFalse();
        assertThat(hash.get("partial.keep.first").visible()).isFalse();

        Map<String, ConfigValue> replace = validate(MaskConfig.configDef(), Map.of("fields", "a"));
        assertThat(replace.get("replacement").visible()).isTrue();
        assertThat(replace.get("hash.algorithm").visible()).isFalse();
        assertThat(replace.get("hash.key").visible()).isFalse();
        assertThat(replace.get("partial.regex").visible()).isFalse();
        assertThat(replace.get("missing.field.action").recommendedValues()).containsExactly("ignore", "fail");

        Map<String, ConfigValue> partial = validate(MaskConfig.configDef(), Map.of("fields", "a", "mode", "partial"));
        assertThat(partial.get("partial.keep.first").visible()).isTrue();
        assertThat(partial.get("partial.regex.replacement").visible()).isTrue();
        assertThat(partial.get("hash.salt").visible()).isFalse();
    }

    @Test
    void routeByFieldShowsTheFallbackTopicOnlyForFallback() {
        Map<String, ConfigValue> keep = validate(RouteByFieldConfig.configDef(), Map.of("topic.template", "a"));
        assertThat(keep.get("on.missing").recommendedValues()).containsExactly("keep", "fallback", "fail");
        assertThat(keep.get("fallback.topic").visible()).isFalse();

        Map<String, ConfigValue> fallback = validate(RouteByFieldConfig.configDef(),
            Map.of("topic.template", "a", "on.missing", "fallback", "fallback.topic", "rest"));
        assertThat(fallback.get("fallback.topic").visible()).isTrue();
    }

    @Test
    void parseJsonShowsInferenceOrDeclarationKeysForTheirSchemaMode() {
        Map<String, ConfigValue> infer = validate(ParseJsonConfig.configDef(), Map.of());
        assertThat(infer.get("output").recommendedValues()).containsExactly("struct", "schemaless");
        assertThat(infer.get("schema.mode").recommendedValues()).containsExactly("infer", "declared");
        assertThat(infer.get("infer.numbers").visible()).isTrue();
        assertThat(infer.get("infer.numbers").recommendedValues()).containsExactly("float64", "decimal");
        assertThat(infer.get("infer.conflicts").recommendedValues()).containsExactly("fail", "string");
        assertThat(infer.get("schema.declared").visible()).isFalse();

        Map<String, ConfigValue> declared = validate(ParseJsonConfig.configDef(),
            Map.of("schema.mode", "declared", "schema.declared", "id:int64"));
        assertThat(declared.get("schema.declared").visible()).isTrue();
        assertThat(declared.get("infer.numbers").visible()).isFalse();
        assertThat(declared.get("infer.schema.cache.size").visible()).isFalse();
    }

    @Test
    void fieldMatchesShowsValueOrValuesForTheOperator() {
        Map<String, ConfigValue> in = validate(FieldMatchesConfig.configDef(),
            Map.of("field", "a", "operator", "in", "values", "x,y"));
        assertThat(in.get("operator").recommendedValues()).containsExactly("equals", "regex", "in", "null", "not.null");
        assertThat(in.get("target").recommendedValues()).containsExactly("key", "value");
        assertThat(in.get("values").visible()).isTrue();
        assertThat(in.get("value").visible()).isFalse();

        Map<String, ConfigValue> regex = validate(FieldMatchesConfig.configDef(),
            Map.of("field", "a", "operator", "regex", "value", "x.*"));
        assertThat(regex.get("value").visible()).isTrue();
        assertThat(regex.get("values").visible()).isFalse();

        Map<String, ConfigValue> isNull = validate(FieldMatchesConfig.configDef(), Map.of("field", "a", "operator", "null"));
        assertThat(isNull.get("value").visible()).isFalse();
        assertThat(isNull.get("values").visible()).isFalse();
    }

    @Test
    void cdcUnwrapListsTheDeleteModes() {
        Map<String, ConfigValue> values = validate(CdcUnwrapConfig.configDef(), Map.of());
        assertThat(values.get("delete.tombstone.handling.mode").recommendedValues())
            .isEqualTo(List.of("drop", "tombstone", "rewrite", "rewrite-with-tombstone", "delete-to-tombstone"));
    }

    @Test
    void recommendersWorkEmbeddedUnderTheTransformPrefixAsTheWorkerDoes() {
        // The worker validates a connector's transforms by embedding their ConfigDef under transforms.<alias>.
        ConfigDef connector = new ConfigDef();
        connector.embed("transforms.mask.", "Transforms: mask", 0, MaskConfig.configDef());
        Map<String, ConfigValue> hash = validate(connector,
            Map.of("transforms.mask.fields", "a", "transforms.mask.mode", "hash"));
        assertThat(hash.get("transforms.mask.hash.salt").visible()).isTrue();
        assertThat(hash.get("transforms.mask.replacement").visible()).isFalse();
        assertThat(hash.get("transforms.mask.hash.encoding").recommendedValues()).containsExactly("hex", "base64");
    }
}
