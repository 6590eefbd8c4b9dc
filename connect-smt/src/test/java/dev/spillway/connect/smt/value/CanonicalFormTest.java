package dev.spillway.connect.smt.value;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalFormTest {

    private static final java.util.Date MAY_31 = java.util.Date.from(Instant.parse("2024-05-31T00:00:00Z"));
    private static final java.util.Date QUARTER_TO_TWO = java.util.Date.from(Instant.parse("1970-01-01T13:45:00Z"));
    private static final java.util.Date WITH_MILLIS = java.util.Date.from(Instant.parse("2024-05-31T13:45:00.125Z"));

    @Test
    void stringsAndBooleansAreThemselves() {
        assertThat(CanonicalForm.text("héllo", Schema.STRING_SCHEMA)).isEqualTo("héllo");
        assertThat(CanonicalForm.text(true, null)).isEqualTo("true");
        assertThat(CanonicalForm.text(false, Schema.BOOLEAN_SCHEMA)).isEqualTo("false");
    }

    @Test
    void equalNumbersHaveEqualTextWhateverTheirType() {
        assertThat(List.of(
            CanonicalForm.text((byte) 42, Schema.INT8_SCHEMA),
            CanonicalForm.text((short) 42, Schema.INT16_SCHEMA),
            CanonicalForm.text(42, Schema.INT32_SCHEMA),
            CanonicalForm.text(42L, Schema.INT64_SCHEMA),
            CanonicalForm.text(42.0f, Schema.FLOAT32_SCHEMA),
            CanonicalForm.text(42.0, Schema.FLOAT64_SCHEMA),
            CanonicalForm.text(new BigDecimal("42.00"), Decimal.schema(2)),
            CanonicalForm.text(new BigDecimal("4.2E+1"), null)))
            .containsOnly("42");
    }

    @Test
    void numbersArePlainDecimals() {
        assertThat(CanonicalForm.text(0.1f, null)).isEqualTo("0.1");
        assertThat(CanonicalForm.text(1e20, null)).isEqualTo("100000000000000000000");
        assertThat(CanonicalForm.text(1.5e-7, null)).isEqualTo("0.00000015");
        assertThat(CanonicalForm.text(-0.0, null)).isEqualTo("0");
        assertThat(CanonicalForm.text(new BigDecimal("0.000"), null)).isEqualTo("0");
        assertThat(CanonicalForm.text(new BigDecimal("-12.3400"), null)).isEqualTo("-12.34");
        assertThat(CanonicalForm.text(Long.MIN_VALUE, null)).isEqualTo("-9223372036854775808");
    }

    @Test
    void hugeExponentsDoNotBecomeGigabytesOfDigits() {
        assertThat(CanonicalForm.text(new BigDecimal("1E-1000000000"), null)).isEqualTo("1E-1000000000");
        assertThat(CanonicalForm.text(new BigDecimal("2.50E+1000000000"), null)).isEqualTo("2.5E+1000000000");
        assertThat(CanonicalForm.text(new BigDecimal("1E-10000"), null)).hasSize(10_002).startsWith("0.000");
        assertThat(CanonicalForm.text(Double.MIN_VALUE, null)).startsWith("0.000").endsWith("49");
        assertThat(CanonicalForm.text(Double.MAX_VALUE, null)).startsWith("17976931348623157").endsWith("000");
    }

    @Test
    void nonFiniteFloatsHaveNames() {
        assertThat(CanonicalForm.text(Double.NaN, null)).isEqualTo("NaN");
        assertThat(CanonicalForm.text(Float.POSITIVE_INFINITY, null)).isEqualTo("Infinity");
        assertThat(CanonicalForm.text(Double.NEGATIVE_INFINITY, null)).isEqualTo("-Infinity");
    }

    @Test
    void temporalLogicalTypesAreIso8601InUtc() {
        assertThat(CanonicalForm.text(MAY_31, Date.SCHEMA)).isEqualTo("2024-05-31");
        assertThat(CanonicalForm.text(QUARTER_TO_TWO, Time.SCHEMA)).isEqualTo("13:45:00");
        assertThat(CanonicalForm.text(new java.util.Date(49_500_125L), Time.SCHEMA)).isEqualTo("13:45:00.125");
        assertThat(CanonicalForm.text(WITH_MILLIS, Timestamp.SCHEMA)).isEqualTo("2024-05-31T13:45:00.125Z");
        assertThat(CanonicalForm.text(MAY_31, Timestamp.SCHEMA)).isEqualTo("2024-05-31T00:00:00Z");
    }

    @Test
    void schemalessDatesAreInstants() {
        assertThat(CanonicalForm.text(MAY_31, null)).isEqualTo("2024-05-31T00:00:00Z");
    }

    @Test
    void bytesAreBase64TextOrRawBytes() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(CanonicalForm.text(abc, Schema.BYTES_SCHEMA)).isEqualTo("YWJj");
        assertThat(CanonicalForm.bytes(abc, Schema.BYTES_SCHEMA)).isEqualTo(abc);
        ByteBuffer buffer = ByteBuffer.wrap("xabc".getBytes(StandardCharsets.US_ASCII));
        buffer.position(1);
        assertThat(CanonicalForm.bytes(buffer, null)).isEqualTo(abc);
        assertThat(buffer.position()).isEqualTo(1);
    }

    @Test
    void textBytesAreUtf8() {
        assertThat(CanonicalForm.bytes("é", null)).isEqualTo(new byte[] {(byte) 0xC3, (byte) 0xA9});
        assertThat(CanonicalForm.bytes(42.0, null)).isEqualTo("42".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void onlySingleValuesHaveACanonicalForm() {
        Struct struct = new Struct(SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()).put("a", 1);
        assertThat(CanonicalForm.isScalar("x")).isTrue();
        assertThat(CanonicalForm.isScalar(null)).isFalse();
        assertThat(CanonicalForm.isScalar(struct)).isFalse();
        assertThat(CanonicalForm.isScalar(List.of())).isFalse();
        assertThat(CanonicalForm.isScalar(Map.of())).isFalse();
        assertThatThrownBy(() -> CanonicalForm.text(struct, struct.schema())).isInstanceOf(DataException.class)
            .hasMessageContaining("STRUCT");
        assertThatThrownBy(() -> CanonicalForm.text(List.of(1), null)).isInstanceOf(DataException.class)
            .hasMessageContaining("no canonical form");
        assertThatThrownBy(() -> CanonicalForm.text(null, null)).isInstanceOf(DataException.class);
        assertThatThrownBy(() -> CanonicalForm.text(java.util.UUID.randomUUID(), null))
            .isInstanceOf(DataException.class).hasMessageContaining("java.util.UUID (schemaless)");
    }

    @Test
    void textOrNullGivesNullWhereTextThrows() {
        Struct struct = new Struct(SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()).put("a", 1);
        assertThat(CanonicalForm.textOrNull(struct, struct.schema())).isNull();
        assertThat(CanonicalForm.textOrNull(List.of(1), null)).isNull();
        assertThat(CanonicalForm.textOrNull(Map.of(), null)).isNull();
        assertThat(CanonicalForm.textOrNull(null, null)).isNull();
        assertThat(CanonicalForm.textOrNull(Instant.EPOCH, null)).isNull();
        assertThat(CanonicalForm.textOrNull(java.util.UUID.randomUUID(), null)).isNull();
        assertThat(CanonicalForm.textOrNull(new BigDecimal("42.00"), null)).isEqualTo("42");
        assertThat(CanonicalForm.textOrNull(new byte[] {'a', 'b', 'c'}, null)).isEqualTo("YWJj");
        assertThat(CanonicalForm.textOrNull(java.util.Date.from(Instant.EPOCH), Date.SCHEMA)).isEqualTo("1970-01-01");
    }
}
