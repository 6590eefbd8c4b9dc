package dev.spillway.connect.jdbc.schema;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's declared default as a Connect default value, when it is a literal the field's type can hold: a
 * number, a quoted string or a boolean, as PostgreSQL ({@code 'x'::text}, {@code '-1'::integer}) and MariaDB
 * ({@code 'x'}, {@code 0}) report it. Expressions ({@code now()}, sequences) and dates or times give none: a
 * value computed per row has no single default a reader could use.
 */
final class ColumnDefault {

    /** PostgreSQL's trailing casts, possibly several, e.g. {@code 'a'::character varying} or {@code ::text[]}. */
    private static final Pattern CAST = Pattern.compile("^(.*)::[A-Za-z_][A-Za-z0-9_ ]*(\\[\\])?$", Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("^'((?:[^']|'')*)'$", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("^[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?$");

    private ColumnDefault() {
    }

    /** The default for a field of {@code schema}, or null when {@code columnDef} is not a usable literal. */
    static Object parse(String columnDef, Schema schema) {
        String literal = literal(columnDef);
        if (literal == null) {
            return null;
        }
        try {
            if (Decimal.LOGICAL_NAME.equals(schema.name())) {
                int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
                return new BigDecimal(literal).setScale(scale, RoundingMode.UNNECESSARY);
            }
            if (schema.name() != null) {
                return null;
            }
            return switch (schema.type()) {
                case INT8 -> Byte.parseByte(literal);
                case INT16 -> Short.parseShort(literal);
                case INT32 -> Integer.parseInt(literal);
                case INT64 -> Long.parseLong(literal);
                case FLOAT32 -> Float.parseFloat(literal);
                case FLOAT64 -> Double.parseDouble(literal);
                case BOOLEAN -> bool(literal);
                case STRING -> literal;
                default -> null;
            };
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** The literal's text without quotes or casts, or null when the default is an expression. */
    private static String literal(String columnDef) {
        String text = columnDef.trim();
        for (Matcher cast = CAST.matcher(text); cast.matches(); cast = CAST.matcher(text)) {
            text = cast.group(1).trim();
        }
        while (text.length() > 1 && text.startsWith("(") && text.endsWith(")")) {
            text = text.substring(1, text.length() - 1).trim();
        }
        Matcher quoted = QUOTED.matcher(text);
        if (quoted.matches()) {
            return quoted.group(1).replace("''", "'");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (NUMBER.matcher(text).matches() || lower.equals("true") || lower.equals("false")) {
            return text;
        }
        return null;
    }

    private static Boolean bool(String literal) {
        return switch (literal.toLowerCase(Locale.ROOT)) {
            case "true", "t", "1" -> Boolean.TRUE;
            case "false", "f", "0" -> Boolean.FALSE;
            default -> null;
        };
    }
}
