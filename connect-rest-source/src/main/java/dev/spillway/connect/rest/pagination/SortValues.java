package dev.spillway.connect.rest.pagination;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.spillway.connect.rest.extract.JsonText;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sort values of one item as a JSON array of strings and numbers, such as the {@code search_after} of a search
 * API: {@code [1700000000, "b-42"]}. Kept in page states and source offsets as that JSON text, so numbers keep every
 * digit and a restart sends exactly the array it would have sent.
 */
public final class SortValues {

    private static final JsonFactory FACTORY = new JsonFactory();

    private SortValues() {
    }

    /**
     * Reads {@code text}, a JSON array of strings and numbers.
     *
     * @throws IllegalArgumentException if it is anything else
     */
    public static List<Object> parse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("not a JSON array");
            }
            List<Object> values = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING) {
                    values.add(parser.getText());
                } else if (token == JsonToken.VALUE_NUMBER_INT) {
                    values.add(parser.getBigIntegerValue());
                } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                    values.add(parser.getDecimalValue());
                } else {
                    throw new IllegalArgumentException("the array holds something other than strings and numbers");
                }
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON value");
            }
            return values;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON array: " + e.getMessage().split("\n")[0]);
        }
    }

    /** The JSON text of {@code values}, strings and numbers. */
    public static String text(List<?> values) {
        StringBuilder out = new StringBuilder("[");
        for (Object value : values) {
            if (out.length() > 1) {
                out.append(',');
            }
            if (value instanceof Number number) {
                out.append(JsonText.number(number));
            } else {
                out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(String.valueOf(value)))
                    .append('"');
            }
        }
        return out.append(']').toString();
    }

    /** Element by element, each compared by {@code element}; a shorter array that is a prefix sorts first. */
    static int compare(List<?> a, List<?> b, java.util.Comparator<Object> element) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = element.compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
