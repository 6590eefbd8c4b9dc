package dev.spillway.connect.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.jdbc.schema.ColumnTypes;
import dev.spillway.connect.jdbc.schema.ColumnTypes.NamedType;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;

class ColumnTypesTest {

    @Test
    void postgresTypesTheJdbcCodeMisreadsGoByName() {
        ColumnTypes types = new PostgresDialect().columnTypes();
        assertThat(types.byName("money", 0, true)).isEqualTo(NamedType.TEXT);
        assertThat(types.byName("timetz", 0, true)).isEqualTo(NamedType.TEXT);
        assertThat(types.byName("timestamptz", 0, true)).isEqualTo(NamedType.ZONED_TIMESTAMP);
        assertThat(types.byName("bit", 1, true)).isEqualTo(NamedType.BOOLEAN);
        assertThat(types.byName("bit", 8, true)).isEqualTo(NamedType.TEXT);
        assertThat(types.byName("int4", 10, true)).isNull();
        assertThat(types.byName("BOOLEAN", 1, true)).isNull();
        assertThat(types.isText("jsonb")).isTrue();
        assertThat(types.isText("tstzrange")).isTrue();
        assertThat(types.isText("geometry")).isFalse();
        assertThat(types.hasSpecialNumbers("numeric")).isTrue();
    }

    @Test
    void mariaDbBooleanAndYearAreNumbers() {
        ColumnTypes types = new MariaDbDialect(ZoneOffset.UTC).columnTypes();
        assertThat(types.byName("BOOLEAN", 1, true)).isEqualTo(NamedType.INT8);
        assertThat(types.byName("BOOLEAN", 1, false)).isEqualTo(NamedType.INT16);
        assertThat(types.byName("YEAR", 4, false)).isEqualTo(NamedType.INT16);
        assertThat(types.byName("money", 0, true)).isNull();
        assertThat(types.isText("uuid")).isTrue();
        assertThat(types.isText("jsonb")).isFalse();
        assertThat(types.hasSpecialNumbers("decimal")).isFalse();
    }

    @Test
    void theGenericDialectKnowsBothSetsOfNames() {
        ColumnTypes types = new GenericDialect().columnTypes();
        assertThat(types.byName("money", 0, true)).isEqualTo(NamedType.TEXT);
        assertThat(types.byName("YEAR", 4, false)).isEqualTo(NamedType.INT16);
        assertThat(types.byName("BOOLEAN", 1, true)).as("a true boolean behind any other driver").isNull();
        assertThat(types.isText("uuid")).isTrue();
        assertThat(types.hasSpecialNumbers("numeric")).isTrue();
        assertThat(ColumnTypes.STANDARD.byName("money", 0, true)).isNull();
    }
}
