package dev.spillway.connect.jdbc.schema;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.SchemaBuilder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.Function;

/**
 * NUMERIC and DECIMAL columns under {@link NumericMapping}, read from the database's text of each value:
 * PostgreSQL's numeric also holds {@code NaN}, {@code Infinity} and {@code -Infinity}, on which the driver's
 * {@code getBigDecimal} throws. Those have no Decimal or integer form and are unrepresentable there; as FLOAT64
 * ({@code best_fit}) and as text ({@code string}) they are sent as they are.
 */
final class NumericColumns {

    private NumericColumns() {
    }

    /** {@code specials}: whether the column type can hold NaN and ±Infinity (PostgreSQL's numeric). */
    static Mapped map(NumericMapping mapping, int precision, int scale, boolean specials) {
        // PostgreSQL's unconstrained NUMERIC reports no usable precision; each value has its own scale, which a
        // Connect Decimal (one scale per schema) cannot hold, so it travels as its exact text.
        if (mapping == NumericMapping.STRING || precision <= 0 || precision > 1000 || scale < 0) {
            return new Mapped(SchemaBuilder.string(), (rs, i) -> rs.getString(i));
        }
        if (mapping != NumericMapping.NONE && scale == 0 && precision <= 18) {
            if (precision <= 2) {
                return exact(SchemaBuilder.int8(), BigDecimal::byteValueExact, specials);
            } else if (precision <= 4) {
                return exact(SchemaBuilder.int16(), BigDecimal::shortValueExact, specials);
            } else if (precision <= 9) {
                return exact(SchemaBuilder.int32(), BigDecimal::intValueExact, specials);
            }
            return exact(SchemaBuilder.int64(), BigDecimal::longValueExact, specials);
        }
        if (mapping == NumericMapping.BEST_FIT && precision <= 15) {
            // Double reads NaN, Infinity and -Infinity as what they are.
            return new Mapped(SchemaBuilder.float64(), (rs, i) -> {
                String text = rs.getString(i);
                return text == null ? null : Double.valueOf(text);
            });
        }
        return decimal(precision, scale, specials);
    }

    /**
     * Connect's Decimal has a scale only; the column's precision goes in the parameter Avro converters read for
     * the Avro decimal's precision (they assume 64 without it), as Debezium does.
     */
    static Mapped decimal(int precision, int scale, boolean specials) {
        return exact(Decimal.builder(scale).parameter(ColumnMapper.DECIMAL_PRECISION, String.valueOf(precision)),
            value -> value.setScale(scale, RoundingMode.UNNECESSARY), specials);
    }

    private static Mapped exact(SchemaBuilder schema, Function<BigDecimal, Object> convert, boolean specials) {
        return new Mapped(schema, (rs, i) -> {
            String text = rs.getString(i);
            if (text == null) {
                return null;
            }
            BigDecimal value;
            try {
                value = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new UnrepresentableValueException(text, "NaN and Infinity have no " + describe(schema)
                    + " form (numeric.mapping=string or best_fit sends them)");
            }
            try {
                return convert.apply(value);
            } catch (ArithmeticException e) {
                throw new UnrepresentableValueException(text, "the value does not fit " + describe(schema));
            }
        }, specials);
    }

    private static String describe(SchemaBuilder schema) {
        return schema.name() != null ? "Decimal (scale " + schema.parameters().get(Decimal.SCALE_FIELD) + ")"
            : schema.type().toString();
    }
}
