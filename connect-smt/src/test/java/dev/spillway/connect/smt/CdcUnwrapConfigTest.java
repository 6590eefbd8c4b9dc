package dev.spillway.connect.smt;

import dev.spillway.connect.smt.CdcUnwrapConfig.DeleteTombstoneHandling;
import dev.spillway.connect.smt.cdc.MetadataField;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CdcUnwrapConfigTest {

    @Test
    void defaultsAreDebeziums() {
        CdcUnwrapConfig config = new CdcUnwrapConfig(Map.of());

        assertThat(config.deleteTombstoneHandling()).isEqualTo(DeleteTombstoneHandling.TOMBSTONE);
        assertThat(config.addFields()).isEmpty();
        assertThat(config.addHeaders()).isEmpty();
        assertThat(CdcUnwrapConfig.ADD_FIELDS_PREFIX_DEFAULT).isEqualTo("__");
        assertThat(CdcUnwrapConfig.ADD_HEADERS_PREFIX_DEFAULT).isEqualTo("__");
    }

    @Test
    void acceptsEveryDebeziumMode() {
        for (String mode : List.of("drop", "tombstone", "rewrite", "rewrite-with-tombstone", "delete-to-tombstone")) {
            CdcUnwrapConfig config = new CdcUnwrapConfig(Map.of("delete.tombstone.handling.mode", mode));
            assertThat(config.deleteTombstoneHandling().configValue()).isEqualTo(mode);
        }
    }

    @Test
    void acceptsModesInAnyCaseAsDebeziumDoes() {
        assertThat(new CdcUnwrapConfig(Map.of("delete.tombstone.handling.mode", "REWRITE")).deleteTombstoneHandling())
            .isEqualTo(DeleteTombstoneHandling.REWRITE);
        assertThat(new CdcUnwrapConfig(Map.of("delete.tombstone.handling.mode", "Rewrite-With-Tombstone"))
            .deleteTombstoneHandling()).isEqualTo(DeleteTombstoneHandling.REWRITE_WITH_TOMBSTONE);
        List<ConfigValue> values = CdcUnwrapConfig.configDef().validate(Map.of("delete.tombstone.handling.mode", "DROP"));
        assertThat(values).filteredOn(value -> value.name().equals("delete.tombstone.handling.mode"))
            .singleElement().satisfies(value -> {
                assertThat(value.errorMessages()).isEmpty();
                // Recommended as Debezium spells them.
                assertThat(value.recommendedValues()).contains("drop", "rewrite");
            });
    }

    @Test
    void parsesFieldsAndHeadersWithTheirPrefixes() {
        CdcUnwrapConfig config = new CdcUnwrapConfig(Map.of(
            "add.fields", "op,source.ts_ms,table,source.lsn:lsn",
            "add.headers", "db",
            "add.headers.prefix", "cdc_"));

        assertThat(config.addFields()).extracting(MetadataField::outputName)
            .containsExactly("__op", "__source_ts_ms", "__table", "__lsn");
        assertThat(config.addHeaders()).extracting(MetadataField::outputName).containsExactly("cdc_db");
    }

    @Test
    void unknownModeNamesTheKey() {
        assertThatThrownBy(() -> new CdcUnwrapConfig(Map.of("delete.tombstone.handling.mode", "none")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("delete.tombstone.handling.mode");
    }

    @Test
    void malformedEntriesFailValidationOnTheirKey() {
        Map<String, String> props = Map.of("add.fields", "op,source..ts_ms", "add.headers", "items[*]");

        List<ConfigValue> values = CdcUnwrapConfig.configDef().validate(props);

        assertThat(errors(values, "add.fields")).singleElement().asString().contains("source..ts_ms");
        assertThat(errors(values, "add.headers")).singleElement().asString().contains("[*]");
        assertThat(errors(values, "delete.tombstone.handling.mode")).isEmpty();
        assertThatThrownBy(() -> new CdcUnwrapConfig(props)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("add.fields");
    }

    @Test
    void rejectsTwoEntriesWithTheSameName() {
        assertThatThrownBy(() -> new CdcUnwrapConfig(Map.of("add.fields", "table,source.table:table")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("add.fields")
            .hasMessageContaining("would add the same name");
    }

    @Test
    void rejectsAFieldNamedLikeTheDeletedMarkerWhenRewriting() {
        Map<String, String> props = Map.of("add.fields", "op:deleted", "add.fields.prefix", "__",
            "delete.tombstone.handling.mode", "rewrite");

        assertThatThrownBy(() -> new CdcUnwrapConfig(props)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("add.fields").hasMessageContaining("__deleted");
        assertThat(new CdcUnwrapConfig(Map.of("add.fields", "op:deleted")).addFields()).hasSize(1);
    }

    @Test
    void rejectsDebeziumsRemovedDeleteSettings() {
        assertThatThrownBy(() -> new CdcUnwrapConfig(Map.of("drop.tombstones", "false")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("drop.tombstones")
            .hasMessageContaining("delete.tombstone.handling.mode");
        assertThatThrownBy(() -> new CdcUnwrapConfig(Map.of("delete.handling.mode", "rewrite")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("delete.handling.mode");
    }

    @Test
    void takesDebeziumsDropFieldsKeysWithItsDefaults() {
        assertThat(new CdcUnwrapConfig(Map.of()).headerFieldDrop().enabled()).isFalse();
        assertThat(new CdcUnwrapConfig(Map.of("drop.fields.header.name", " ")).headerFieldDrop().enabled()).isFalse();
        CdcUnwrapConfig config = new CdcUnwrapConfig(Map.of("drop.fields.header.name", "cdc.unchanged"));
        assertThat(config.headerFieldDrop().enabled()).isTrue();
        assertThat(config.headerFieldDrop().fromKey()).isFalse();
        assertThat(config.headerFieldDrop()).hasToString("cdc.unchanged, optional fields only");
        assertThat(new CdcUnwrapConfig(Map.of("drop.fields.header.name", "h", "drop.fields.from.key", "true",
            "drop.fields.keep.schema.compatible", "false")).headerFieldDrop()).hasToString("h, from key");
    }

    @Test
    void replacesNullsWithDefaultsOnlyInTheRewriteModesAsDebeziumDoes() {
        assertThat(new CdcUnwrapConfig(Map.of()).rewriteReplacesNullWithDefault()).isFalse();
        assertThat(new CdcUnwrapConfig(Map.of("delete.tombstone.handling.mode", "rewrite"))
            .rewriteReplacesNullWithDefault()).isTrue();
        assertThat(new CdcUnwrapConfig(Map.of("delete.tombstone.handling.mode", "rewrite-with-tombstone",
            "replace.null.with.default", "false")).rewriteReplacesNullWithDefault()).isFalse();
    }

    @Test
    void everyKeyIsDocumentedAndGrouped() {
        ConfigDef def = CdcUnwrapConfig.configDef();

        assertThat(def.names()).containsExactlyInAnyOrder("delete.tombstone.handling.mode", "add.fields",
            "add.fields.prefix", "add.headers", "add.headers.prefix", "replace.null.with.default", "route.by.field",
            "drop.fields.header.name", "drop.fields.from.key", "drop.fields.keep.schema.compatible");
        def.configKeys().values().forEach(key -> {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
        });
    }

    private static List<String> errors(List<ConfigValue> values, String name) {
        return values.stream().filter(value -> value.name().equals(name)).findFirst().orElseThrow().errorMessages();
    }
}
