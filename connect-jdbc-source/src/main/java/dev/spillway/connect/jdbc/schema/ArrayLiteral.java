package dev.spillway.connect.jdbc.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses PostgreSQL's text of an array, {@code {1,NULL,"a \"b\"",{2,3}}}: elements are the database's text of
 * each value (quotes and backslash escapes removed), {@code null} for an unquoted NULL, a nested list for an
 * inner dimension. The driver's {@code getArray} is not used: it cannot read every element type, and its
 * elements change with the wire format.
 */
final class ArrayLiteral {

    private final String text;
    private final char delimiter;
    private int pos;

    private ArrayLiteral(String text, char delimiter) {
        this.text = text;
        this.delimiter = delimiter;
    }

    /**
     * The elements of {@code text}; {@code delimiter} is ',' for every built-in type but box (';'). An array with
     * explicit bounds ({@code [0:1]={...}}) or text that is no array is an {@link UnrepresentableValueException}.
     */
    static List<Object> parse(String text, char delimiter) {
        if (!text.startsWith("{")) {
            throw new UnrepresentableValueException(text, text.startsWith("[")
                ? "an array whose lower bound is not 1 loses its bounds in a Connect array (array.mapping=string"
                    + " sends it as text)"
                : "the text is not an array");
        }
        ArrayLiteral parser = new ArrayLiteral(text, delimiter);
        try {
            List<Object> items = parser.array();
            if (parser.pos != text.length()) {
                throw new UnrepresentableValueException(text, "the text is not an array");
            }
            return items;
        } catch (IndexOutOfBoundsException e) {
            throw new UnrepresentableValueException(text, "the text is not an array");
        }
    }

    private List<Object> array() {
        pos++; // '{'
        List<Object> items = new ArrayList<>();
        if (text.charAt(pos) == '}') {
            pos++;
            return items;
        }
        while (true) {
            char c = text.charAt(pos);
            if (c == '{') {
                items.add(array());
            } else if (c == '"') {
                items.add(quoted());
            } else {
                items.add(unquoted());
            }
            char next = text.charAt(pos++);
            if (next == '}') {
                return items;
            }
            if (next != delimiter) {
                throw new UnrepresentableValueException(text, "the text is not an array");
            }
        }
    }

    private String quoted() {
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            value.append(c == '\\' ? text.charAt(pos++) : c);
        }
    }

    private String unquoted() {
        StringBuilder value = new StringBuilder();
        while (true) {
            char c = text.charAt(pos);
            if (c == delimiter || c == '}') {
                break;
            }
            value.append(c == '\\' ? text.charAt(++pos) : c);
            pos++;
        }
        String element = value.toString().strip();
        return element.equalsIgnoreCase("NULL") ? null : element;
    }
}
