package dev.spillway.connect.smt.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

class RowLayoutsTest {

    private static List<String> names(RowLayouts.Layout layout) {
        return layout.schema().fields().stream().map(Field::name).toList();
    }

    @Test
    void ordersRowFieldsMarkerAndAddedFieldsLessThoseDropped() {
        RowLayouts layouts = new RowLayouts("__deleted", List.of(MetadataField.parse("add.fields", "op", "__"),
            MetadataField.parse("add.fields", "table", "__")));

        RowLayouts.Layout full = layouts.get(CdcEvents.ENVELOPE, CdcEvents.ROW, Set.of());
        assertThat(names(full)).containsExactly("id", "email", "status", "__deleted", "__op", "__table");
        assertThat(full.schema().isOptional()).isFalse();
        assertThat(full.isAdded("__op")).isTrue();
        assertThat(full.isAdded("__deleted")).isFalse();

        RowLayouts.Layout dropped = layouts.get(CdcEvents.ENVELOPE, CdcEvents.ROW, Set.of("email", "__op"));
        assertThat(names(dropped)).containsExactly("id", "status", "__deleted", "__table");
        assertThat(dropped.addedFields()).extracting(RowLayouts.AddedField::schemaFieldName)
            .containsExactly("__table");
        assertThat(dropped.schema().name()).isEqualTo(CdcEvents.ROW.name());

        assertThat(layouts.get(CdcEvents.ENVELOPE, CdcEvents.ROW, Set.of())).isSameAs(full);
        assertThat(layouts.get(CdcEvents.ENVELOPE, CdcEvents.ROW, Set.of("__op", "email"))).isSameAs(dropped);
    }

    @Test
    void anAddedFieldThatTheRowHasIsAClash() {
        RowLayouts layouts = new RowLayouts(null, List.of(MetadataField.parse("add.fields", "op:email", "")));
        assertThatThrownBy(() -> layouts.get(CdcEvents.ENVELOPE, CdcEvents.ROW, Set.of()))
            .isInstanceOf(DataException.class).hasMessageContaining("'email'");
    }
}
