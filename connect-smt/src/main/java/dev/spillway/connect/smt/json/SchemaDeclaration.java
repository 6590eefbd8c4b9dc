package dev.spillway.connect.smt.json;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the compact schema declaration of {@code ParseJson}'s {@code schema.declared} setting into a Connect
 * struct schema.
 *
 * <h2>Syntax</h2>
 * <pre>
 * declaration := field ("," field)*
 * field       := name ":" type ["!"]
 * type        := "boolean" | "int8" | "int16" | "int32" | "int64" | "float32" | "float64" | "string"
 *              | "decimal(" scale ")" | "array&lt;" type "&gt;" | "map&lt;" type "&gt;" | "struct&lt;" declaration "&gt;"
 * </pre>
 * Example: {@code id:int64!,name:string,tags:array<string>,address:struct<city:string,zip:string>}.
 * Whitespace around names, types and punctuation is ignored. A name is any run of characters other than
 * whitespace and {@code : , < > ( ) ! `}; type names are case-insensitive. Every field, array element and map value
 * is optional, except fields marked with a trailing {@code !}, which are required. Map keys are strings.
 *
 * <p>Immutable results; the parser itself is single-use.
 */
public final class SchemaDeclaration {

    private final String text;
    private int pos;

    private SchemaDeclaration(String text) {
        this.text = text;
    }

    /**
     * @return an optional struct schema with the declared fields in the declared order
     * @throws IllegalArgumentException describing the problem and its position
     */
    public static Schema parse(String text) {
        SchemaDeclaration parser = new SchemaDeclaration(text);
        SchemaBuilder root = parser.fields();
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.failure("expected ',' or the end of the declaration but found '"
                + text.charAt(parser.pos) + "'");
        }
        return root.optional().build();
    }

    private SchemaBuilder fields() {
        SchemaBuilder struct = SchemaBuilder.struct();
        Set<String> names = new HashSet<>();
        do {
            String name = name();
            if (!names.add(name)) {
                throw failure("field '" + name + "' is declared twice");
            }
            expect(':');
            Schema type = type();
            skipWhitespace();
            boolean required = pos < text.length() && text.charAt(pos) == '!';
            if (required) {
                pos++;
            }
            struct.field(name, required ? requiredCopy(type) : type);
        } while (consume(','));
        return struct;
    }

    private Schema type() {
        skipWhitespace();
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        String type = text.substring(start, pos).toLowerCase(Locale.ROOT);
        switch (type) {
            case "boolean":
                return Schema.OPTIONAL_BOOLEAN_SCHEMA;
            case "int8":
                return Schema.OPTIONAL_INT8_SCHEMA;
            case "int16":
                return Schema.OPTIONAL_INT16_SCHEMA;
            case "int32":
                return Schema.OPTIONAL_INT32_SCHEMA;
            case "int64":
                return Schema.OPTIONAL_INT64_SCHEMA;
            case "float32":
                return Schema.OPTIONAL_FLOAT32_SCHEMA;
            case "float64":
                return Schema.OPTIONAL_FLOAT64_SCHEMA;
            case "string":
                return Schema.OPTIONAL_STRING_SCHEMA;
            case "decimal": {
                expect('(');
                int scale = integer();
                expect(')');
                return Decimal.builder(scale).optional().build();
            }
            case "array": {
                expect('<');
                Schema elements = type();
                expect('>');
                return SchemaBuilder.array(elements).optional().build();
            }
            case "map": {
                expect('<');
                Schema values = type();
                expect('>');
                return SchemaBuilder.map(Schema.STRING_SCHEMA, values).optional().build();
            }
            case "struct": {
                expect('<');
                SchemaBuilder struct = fields();
                expect('>');
                return struct.optional().build();
            }
            default:
                pos = start;
                throw failure(type.isEmpty() ? "a type is missing" : "unknown type '" + type + "'; use boolean,"
                    + " int8, int16, int32, int64, float32, float64, string, decimal(scale), array<type>,"
                    + " map<type> or struct<fields>");
        }
    }

    private String name() {
        skipWhitespace();
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw failure("a field name is missing");
        }
        return text.substring(start, pos);
    }

    private int integer() {
        skipWhitespace();
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        try {
            return Integer.parseInt(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw failure("the decimal scale must be a non-negative integer");
        }
    }

    private static boolean isNameChar(char c) {
        return !Character.isWhitespace(c) && ":,<>()!`".indexOf(c) < 0;
    }

    private static Schema requiredCopy(Schema schema) {
        SchemaBuilder builder;
        switch (schema.type()) {
            case ARRAY:
                builder = SchemaBuilder.array(schema.valueSchema());
                break;
            case MAP:
                builder = SchemaBuilder.map(schema.keySchema(), schema.valueSchema());
                break;
            case STRUCT:
                builder = SchemaBuilder.struct();
                schema.fields().forEach(field -> builder.field(field.name(), field.schema()));
                break;
            default:
                builder = new SchemaBuilder(schema.type());
        }
        builder.name(schema.name());
        if (schema.parameters() != null) {
            builder.parameters(schema.parameters());
        }
        return builder.build();
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw failure("expected '" + c + "'" + (pos < text.length() ? " but found '" + text.charAt(pos) + "'"
                : " but the declaration ended"));
        }
    }

    private boolean consume(char c) {
        skipWhitespace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException failure(String problem) {
        return new IllegalArgumentException(problem + " (at position " + pos + ", counting from 0)");
    }
}
