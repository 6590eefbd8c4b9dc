package dev.spillway.connect.jdbc.schema;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps result-set columns to Connect schemas and readers. Nullable columns become optional fields; a column whose
 * type has no mapping fails with {@link UnsupportedColumnException}, or is dropped with a warning when so
 * configured.
 *
 * <p>Timestamps without a time zone are read as local date-times and placed on the time line with
 * {@code db.timezone}; Connect's Timestamp has milliseconds, so values keep milliseconds while offsets (kept by
 * the readers, not here) keep every digit.
 */
public final class ColumnMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ColumnMapper.class);

    /** PostgreSQL types that read naturally as text. */
    private static final Set<String> TEXT_TYPES = Set.of("uuid", "json", "jsonb", "xml", "inet", "cidr", "macaddr",
        "macaddr8", "interval", "money", "citext", "tsvector", "tsquery", "ltree", "bit", "varbit", "timetz");

    /** The Schema parameter Avro converters take an Avro decimal's precision from. */
    public static final String DECIMAL_PRECISION = "connect.decimal.precision";
    private static final int UNSIGNED_BIGINT_PRECISION = 20;

    private final NumericMapping numericMapping;
    private final ZoneId dbZone;
    private final boolean skipUnsupported;

    public ColumnMapper(NumericMapping numericMapping, ZoneId dbZone, boolean skipUnsupported) {
        this.numericMapping = numericMapping;
        this.dbZone = dbZone;
        this.skipUnsupported = skipUnsupported;
    }

    /**
     * The row schema of a result. {@code names} name the value and key Structs, {@code source} is how errors name
     * the table or query; {@code keyColumns} must be among the columns. A NOT NULL column whose declared default
     * ({@code defaults}, the catalog's text by column name) is a literal gets it as its field default, so that a
     * reader of the new schema can fill the column in records written before it was added.
     */
    public RowSchema map(SchemaNames names, String source, ResultSetMetaData md, List<String> keyColumns,
                         Map<String, String> defaults) throws SQLException {
        SchemaBuilder value = SchemaBuilder.struct().name(names.valueName());
        List<Column> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String name = md.getColumnLabel(i);
            boolean optional = md.isNullable(i) != ResultSetMetaData.columnNoNulls;
            Mapped mapped = mapType(md.getColumnType(i), String.valueOf(md.getColumnTypeName(i)),
                md.getPrecision(i), md.getScale(i), isSigned(md, i));
            if (mapped == null) {
                if (skipUnsupported && !keyColumns.contains(name)) {
                    LOG.warn("Skipping column '{}' of {}: type {} has no Connect mapping"
                        + " (column.unsupported.action=skip)", name, source, md.getColumnTypeName(i));
                    continue;
                }
                throw new UnsupportedColumnException(source, name, md.getColumnTypeName(i), md.getColumnType(i));
            }
            if (optional) {
                mapped.schema.optional();
            } else if (defaults.containsKey(name)) {
                Object defaultValue = ColumnDefault.parse(defaults.get(name), mapped.schema);
                if (defaultValue != null) {
                    mapped.schema.defaultValue(defaultValue);
                }
            }
            Schema schema = mapped.schema.build();
            value.field(name, schema);
            columns.add(new Column(name, i, schema, mapped.reader));
        }
        return new RowSchema(source, names, value.build(), columns, keyColumns);
    }

    private static boolean isSigned(ResultSetMetaData md, int i) throws SQLException {
        String typeName = String.valueOf(md.getColumnTypeName(i)).toUpperCase(Locale.ROOT);
        return !typeName.contains("UNSIGNED") && md.isSigned(i);
    }

    private record Mapped(SchemaBuilder schema, ColumnReader reader) {
    }

    /** The mapping for one column type, or null when it has none. */
    private Mapped mapType(int jdbcType, String typeName, int precision, int scale, boolean signed) {
        String type = typeName.toLowerCase(Locale.ROOT);
        switch (jdbcType) {
            case Types.BOOLEAN:
                return new Mapped(SchemaBuilder.bool(), nullable(ResultSet::getBoolean));
            case Types.BIT:
                if (precision > 1) {
                    return type.startsWith("bit") && !type.equals("bit")
                        ? new Mapped(SchemaBuilder.string(), ResultSet::getString)
                        : new Mapped(SchemaBuilder.bytes(), ResultSet::getBytes);
                }
                return new Mapped(SchemaBuilder.bool(), nullable(ResultSet::getBoolean));
            case Types.TINYINT:
                return signed ? new Mapped(SchemaBuilder.int8(), nullable(ResultSet::getByte))
                    : new Mapped(SchemaBuilder.int16(), nullable(ResultSet::getShort));
            case Types.SMALLINT:
                return signed ? new Mapped(SchemaBuilder.int16(), nullable(ResultSet::getShort))
                    : new Mapped(SchemaBuilder.int32(), nullable(ResultSet::getInt));
            case Types.INTEGER:
                return signed ? new Mapped(SchemaBuilder.int32(), nullable(ResultSet::getInt))
                    : new Mapped(SchemaBuilder.int64(), nullable(ResultSet::getLong));
            case Types.BIGINT:
                return signed ? new Mapped(SchemaBuilder.int64(), nullable(ResultSet::getLong))
                    : decimal(UNSIGNED_BIGINT_PRECISION, 0);
            case Types.REAL:
                return new Mapped(SchemaBuilder.float32(), nullable(ResultSet::getFloat));
            case Types.FLOAT:
            case Types.DOUBLE:
                return new Mapped(SchemaBuilder.float64(), nullable(ResultSet::getDouble));
            case Types.NUMERIC:
            case Types.DECIMAL:
                return numeric(type, precision, scale);
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
            case Types.SQLXML:
                return new Mapped(SchemaBuilder.string(), ResultSet::getString);
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return new Mapped(SchemaBuilder.bytes(), ResultSet::getBytes);
            case Types.DATE:
                return new Mapped(Date.builder(), (rs, i) -> {
                    LocalDate date = rs.getObject(i, LocalDate.class);
                    return date == null ? null : new java.util.Date(date.toEpochDay() * 86_400_000L);
                });
            case Types.TIME:
                if (type.equals("timetz")) {
                    return new Mapped(SchemaBuilder.string(), ResultSet::getString);
                }
                return new Mapped(Time.builder(), (rs, i) -> {
                    LocalTime time = rs.getObject(i, LocalTime.class);
                    return time == null ? null : new java.util.Date(time.toNanoOfDay() / 1_000_000L);
                });
            case Types.TIMESTAMP:
                if (type.equals("timestamptz")) {
                    return zonedTimestamp();
                }
                return new Mapped(Timestamp.builder(), (rs, i) -> {
                    LocalDateTime local = rs.getObject(i, LocalDateTime.class);
                    return local == null ? null : java.util.Date.from(local.atZone(dbZone).toInstant());
                });
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return zonedTimestamp();
            case Types.ARRAY:
                return array(type);
            default:
                if (TEXT_TYPES.contains(type)) {
                    return new Mapped(SchemaBuilder.string(), ResultSet::getString);
                }
                return null;
        }
    }

    /** PostgreSQL reports timestamptz as TIMESTAMP with that type name; it must be read with its offset. */
    private static Mapped zonedTimestamp() {
        return new Mapped(Timestamp.builder(), (rs, i) -> {
            OffsetDateTime zoned = rs.getObject(i, OffsetDateTime.class);
            return zoned == null ? null : java.util.Date.from(zoned.toInstant());
        });
    }

    private Mapped numeric(String type, int precision, int scale) {
        // PostgreSQL's unconstrained NUMERIC reports no usable precision; each value has its own scale, which a
        // Connect Decimal (one scale per schema) cannot hold, so it travels as its exact text.
        if (precision <= 0 || precision > 1000 || scale < 0) {
            return new Mapped(SchemaBuilder.string(), (rs, i) -> {
                BigDecimal value = rs.getBigDecimal(i);
                return value == null ? null : value.toPlainString();
            });
        }
        if (numericMapping != NumericMapping.NONE && scale == 0 && precision <= 18) {
            if (precision <= 2) {
                return new Mapped(SchemaBuilder.int8(), nullable(ResultSet::getByte));
            } else if (precision <= 4) {
                return new Mapped(SchemaBuilder.int16(), nullable(ResultSet::getShort));
            } else if (precision <= 9) {
                return new Mapped(SchemaBuilder.int32(), nullable(ResultSet::getInt));
            }
            return new Mapped(SchemaBuilder.int64(), nullable(ResultSet::getLong));
        }
        if (numericMapping == NumericMapping.BEST_FIT && precision <= 15) {
            return new Mapped(SchemaBuilder.float64(), nullable(ResultSet::getDouble));
        }
        return decimal(precision, scale);
    }

    /**
     * Connect's Decimal has a scale only; the column's precision goes in the parameter Avro converters read for
     * the Avro decimal's precision (they assume 64 without it), as Debezium does.
     */
    private static Mapped decimal(int precision, int scale) {
        return new Mapped(Decimal.builder(scale).parameter(DECIMAL_PRECISION, String.valueOf(precision)), (rs, i) -> {
            BigDecimal value = rs.getBigDecimal(i);
            if (value == null) {
                return null;
            }
            try {
                return value.setScale(scale, RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new DataException("decimal " + value + " does not fit scale " + scale, e);
            }
        });
    }

    /** PostgreSQL one-dimensional arrays of the common element types. */
    private static Mapped array(String type) {
        String element = type.startsWith("_") ? type.substring(1) : type.replace("[]", "");
        Schema elementSchema;
        switch (element) {
            case "int2": elementSchema = Schema.OPTIONAL_INT16_SCHEMA; break;
            case "int4": elementSchema = Schema.OPTIONAL_INT32_SCHEMA; break;
            case "int8": elementSchema = Schema.OPTIONAL_INT64_SCHEMA; break;
            case "float4": elementSchema = Schema.OPTIONAL_FLOAT32_SCHEMA; break;
            case "float8": elementSchema = Schema.OPTIONAL_FLOAT64_SCHEMA; break;
            case "bool": elementSchema = Schema.OPTIONAL_BOOLEAN_SCHEMA; break;
            case "text": case "varchar": case "bpchar": case "uuid": case "json": case "jsonb": case "numeric":
                elementSchema = Schema.OPTIONAL_STRING_SCHEMA;
                break;
            default:
                return null;
        }
        Schema finalElement = elementSchema;
        return new Mapped(SchemaBuilder.array(elementSchema), (rs, i) -> {
            Array array = rs.getArray(i);
            if (array == null) {
                return null;
            }
            try {
                Object[] items = (Object[]) array.getArray();
                List<Object> values = new ArrayList<>(items.length);
                for (Object item : items) {
                    if (item != null && item.getClass().isArray()) {
                        throw new DataException("multi-dimensional arrays are not supported (" + type + ")");
                    }
                    values.add(convertElement(item, finalElement));
                }
                return values;
            } finally {
                array.free();
            }
        });
    }

    private static Object convertElement(Object item, Schema element) {
        if (item == null) {
            return null;
        }
        if (element.type() == Schema.Type.STRING) {
            return item instanceof BigDecimal d ? d.toPlainString() : item.toString();
        }
        if (element.type() == Schema.Type.INT16 && item instanceof Number n) {
            return n.shortValue();
        }
        return item;
    }

    /** A primitive getter that turns SQL NULL into null rather than 0/false. */
    private static <T> ColumnReader nullable(PrimitiveGetter<T> getter) {
        return (rs, i) -> {
            T value = getter.get(rs, i);
            return rs.wasNull() ? null : value;
        };
    }

    @FunctionalInterface
    private interface PrimitiveGetter<T> {
        T get(ResultSet rs, int index) throws SQLException;
    }
}
