package dev.spillway.connect.jdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

class ColumnDefaultTest {

    @Test
    void postgresLiterals() {
        assertThat(ColumnDefault.parse("'new'::text", Schema.STRING_SCHEMA)).isEqualTo("new");
        assertThat(ColumnDefault.parse("'it''s'::character varying", Schema.STRING_SCHEMA)).isEqualTo("it's");
        assertThat(ColumnDefault.parse("'-1'::integer", Schema.INT32_SCHEMA)).isEqualTo(-1);
        assertThat(ColumnDefault.parse("42", Schema.INT64_SCHEMA)).isEqualTo(42L);
        assertThat(ColumnDefault.parse("1.5", Decimal.schema(3))).isEqualTo(new BigDecimal("1.500"));
        assertThat(ColumnDefault.parse("true", Schema.BOOLEAN_SCHEMA)).isEqualTo(true);
        assertThat(ColumnDefault.parse("(-2.5)", Schema.FLOAT64_SCHEMA)).isEqualTo(-2.5d);
    }

    @Test
    void mariaDbLiterals() {
        assertThat(ColumnDefault.parse("'new'", Schema.STRING_SCHEMA)).isEqualTo("new");
        assertThat(ColumnDefault.parse("-1", Schema.INT32_SCHEMA)).isEqualTo(-1);
        assertThat(ColumnDefault.parse("1", Schema.BOOLEAN_SCHEMA)).isEqualTo(true);
        assertThat(ColumnDefault.parse("1.500", Decimal.schema(3))).isEqualTo(new BigDecimal("1.500"));
    }

    @Test
    void expressionsAndUnfitValuesGiveNone() {
        assertThat(ColumnDefault.parse("now()", Timestamp.SCHEMA)).isNull();
        assertThat(ColumnDefault.parse("nextval('s_id_seq'::regclass)", Schema.INT64_SCHEMA)).isNull();
        assertThat(ColumnDefault.parse("current_timestamp()", Schema.STRING_SCHEMA)).isNull();
        assertThat(ColumnDefault.parse("NULL", Schema.STRING_SCHEMA)).isNull();
        assertThat(ColumnDefault.parse("'2026-01-01'::date", Date.SCHEMA)).isNull();
        assertThat(ColumnDefault.parse("1.25", Decimal.schema(1))).isNull();
        assertThat(ColumnDefault.parse("300", Schema.INT8_SCHEMA)).isNull();
        assertThat(ColumnDefault.parse("'x'", Schema.INT32_SCHEMA)).isNull();
    }
}
