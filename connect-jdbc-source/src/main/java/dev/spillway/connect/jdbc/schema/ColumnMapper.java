package dev.spillway.connect.jdbc.schema;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps result-set columns to Connect schemas and readers. Nullable columns become optional fields; a column whose
 * type has no mapping fails with {@link UnsupportedColumnException}, or is dropped with a warning when so
 * configured.
 *
 * <p>Values are read from the database's text wherever a driver's typed getter throws on a legal value or changes
 * it (money, NaN, infinity, 24:00, MariaDB's TINYINT(1), TIME and zero dates); see {@link NumericColumns},
 * {@link TemporalMapper} and {@link ArrayMapper}. A legal value the column's Connect type cannot hold is an
 * {@link UnrepresentableValueException}, which {@link RowSchema} fails on or sends as null, as configured.
 */
public final class ColumnMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ColumnMapper.class);

    /** The Schema parameter Avro converters take an Avro decimal's precision from. */
    public static final String DECIMAL_PRECISION = "connect.decimal.precision";
    private static final int UNSIGNED_BIGINT_PRECISION = 20;

    private final NumericMapping numericMapping;
    private final boolean skipUnsupported;
    private final TemporalMapper temporal;
    private final UnrepresentableAction unrepresentable;
    private final ArrayMapping arrayMapping;
    private final ColumnTypes named;

    /** {@code named}: the dialect's types that go by their name rather than their JDBC type code. */
    public ColumnMapper(NumericMapping numericMapping, ZoneId dbZone, boolean skipUnsupported, TypeSettings types,
                        ColumnTypes named) {
        this.numericMapping = numericMapping;
        this.named = named;
        this.skipUnsupported = skipUnsupported;
        this.temporal = new TemporalMapper(types.timePrecision(), dbZone);
        this.unrepresentable = types.unrepresentable();
        this.arrayMapping = types.arrayMapping();
    }

    /**
     * The row schema of a result. {@code names} name the value and key Structs, {@code source} is how errors name
     * the table or query; {@code keyColumns} must be among the columns. A NOT NULL column whose declared default
     * ({@code defaults}, the catalog's text by column name) is a literal gets it as its field default, so that a
     * reader of the new schema can fill the column in records written before it was added. With
     * {@code fromTable} false (a custom query) every field but the key's is optional: drivers report a column's
     * nullability from its base table, which an outer join makes wrong.
     */
    public RowSchema map(SchemaNames names, String source, ResultSetMetaData md, List<String> keyColumns,
                         Map<String, String> defaults, boolean fromTable) throws SQLException {
        SchemaBuilder value = SchemaBuilder.struct().name(names.valueName());
        List<Column> columns = new ArrayList<>();
        boolean typedTimestamps = named.readsLocalTimestampsTyped(md);
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String name = md.getColumnLabel(i);
            Integer earlier = name == null || name.isEmpty() ? Integer.valueOf(0) : positions.putIfAbsent(name, i);
            if (earlier != null) {
                throw new ConnectException(source + ": " + labelProblem(name, earlier, i));
            }
            Mapped mapped = mapType(md.getColumnType(i), String.valueOf(md.getColumnTypeName(i)),
                md.getPrecision(i), md.getScale(i), isSigned(md, i), typedTimestamps);
            if (mapped == null) {
                if (skipUnsupported && !keyColumns.contains(name)) {
                    LOG.warn("Skipping column '{}' of {}: type {} has no Connect mapping"
                        + " (column.unsupported.action=skip)", name, source, md.getColumnTypeName(i));
                    continue;
                }
                throw new UnsupportedColumnException(source, name, md.getColumnTypeName(i), md.getColumnType(i),
                    keyColumns.contains(name));
            }
            // A key column is never nulled (a null key would be a wrong key): its unrepresentable values fail.
            boolean nullable = unrepresentable == UnrepresentableAction.NULL && mapped.mayBeUnrepresentable()
                && !keyColumns.contains(name);
            // A key column keeps what the driver says: a NULL there fails loudly rather than make rows share a key.
            boolean optional = !fromTable && !keyColumns.contains(name)
                || md.isNullable(i) != ResultSetMetaData.columnNoNulls || nullable;
            if (optional) {
                mapped.schema().optional();
            } else if (defaults.containsKey(name)) {
                Object defaultValue = ColumnDefault.parse(defaults.get(name), mapped.schema());
                if (defaultValue != null) {
                    mapped.schema().defaultValue(defaultValue);
                }
            }
            Schema schema = mapped.schema().build();
            value.field(name, schema);
            columns.add(new Column(name, i, schema, mapped.reader(), nullable));
        }
        return new RowSchema(source, names, value.build(), columns, keyColumns);
    }

    private static boolean isSigned(ResultSetMetaData md, int i) throws SQLException {
        String typeName = String.valueOf(md.getColumnTypeName(i)).toUpperCase(Locale.ROOT);
        return !typeName.contains("UNSIGNED") && md.isSigned(i);
    }

    /** The mapping for one column type, or null when it has none. */
    private Mapped mapType(int jdbcType, String typeName, int precision, int scale, boolean signed,
                           boolean typedTimestamps) {
        // Type names first: some drivers report a type with a JDBC type code that reads it wrongly.
        ColumnTypes.NamedType byName = named.byName(typeName, precision, signed);
        if (byName != null) {
            return switch (byName) {
                case TEXT -> new Mapped(SchemaBuilder.string(), ResultSet::getString);
                case ZONED_TIMESTAMP -> temporal.zonedTimestamp();
                case BOOLEAN -> new Mapped(SchemaBuilder.bool(), ColumnMapper::readBoolean);
                case INT8 -> integer(SchemaBuilder.int8(), Byte::valueOf);
                case INT16 -> integer(SchemaBuilder.int16(), Short::valueOf);
            };
        }
        String type = typeName.toLowerCase(Locale.ROOT);
        switch (jdbcType) {
            case Types.BOOLEAN:
                return new Mapped(SchemaBuilder.bool(), ColumnMapper::readBoolean);
            case Types.BIT:
                return precision > 1 ? new Mapped(SchemaBuilder.bytes(), ResultSet::getBytes)
                    : new Mapped(SchemaBuilder.bool(), ColumnMapper::readBoolean);
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
                    : NumericColumns.decimal(UNSIGNED_BIGINT_PRECISION, 0, false);
            case Types.REAL:
                return new Mapped(SchemaBuilder.float32(), nullable(ResultSet::getFloat));
            case Types.FLOAT:
            case Types.DOUBLE:
                return new Mapped(SchemaBuilder.float64(), nullable(ResultSet::getDouble));
            case Types.NUMERIC:
            case Types.DECIMAL:
                return NumericColumns.map(numericMapping, precision, scale, named.hasSpecialNumbers(type));
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
                return temporal.date();
            case Types.TIME:
                return temporal.time();
            case Types.TIMESTAMP:
                return typedTimestamps ? temporal.localTimestampTypedFirst() : temporal.localTimestamp();
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return temporal.zonedTimestamp();
            case Types.ARRAY:
                return arrayMapping.map(type);
            default:
                if (named.isText(type)) {
                    return new Mapped(SchemaBuilder.string(), ResultSet::getString);
                }
                return null;
        }
    }

    /** Booleans from their text ('t', 'true', '1', ...): anything else is not silently made true. */
    private static Object readBoolean(ResultSet rs, int i) throws SQLException {
        String text = rs.getString(i);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "t", "true", "1" -> Boolean.TRUE;
            case "f", "false", "0" -> Boolean.FALSE;
            default -> throw new UnrepresentableValueException(text, "the value is not a boolean");
        };
    }

    /** An integer read from its text, so that a driver's boolean view of it cannot change it. */
    private static Mapped integer(SchemaBuilder schema, Function<String, Object> parse) {
        return new Mapped(schema, (rs, i) -> {
            String text = rs.getString(i);
            if (text == null) {
                return null;
            }
            try {
                return parse.apply(text);
            } catch (NumberFormatException e) {
                throw new UnrepresentableValueException(text, "the value does not fit " + schema.type());
            }
        });
    }

    /** A primitive getter that turns SQL NULL into null rather than 0/false. */
    static <T> ColumnReader nullable(PrimitiveGetter<T> getter) {
        return (rs, i) -> {
            T value = getter.get(rs, i);
            return rs.wasNull() ? null : value;
        };
    }

    @FunctionalInterface
    interface PrimitiveGetter<T> {
        T get(ResultSet rs, int index) throws SQLException;
    }

    /**
     * Why two columns of a result cannot both be fields (a label twice, as {@code o.*, c.id} gives), or one has no
     * label: what to write in a custom 'query'.
     */
    public static String labelProblem(String label, int earlier, int position) {
        if (label == null || label.isEmpty()) {
            return "column " + position + " of the result has no name; give it one (AS ...) in 'query'";
        }
        return "the result has two columns named '" + label + "' (columns " + earlier + " and " + position
            + "); give them distinct names (AS ...) in 'query'";
    }
}
