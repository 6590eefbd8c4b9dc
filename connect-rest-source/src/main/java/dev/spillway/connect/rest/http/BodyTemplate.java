package dev.spillway.connect.rest.http;

import dev.spillway.connect.rest.extract.JsonBody;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A JSON request body ({@code http.request.body}) whose string values may hold the placeholders of {@link Template},
 * filled for each request. A placeholder inside a JSON string ({@code "after": "${cursor}"},
 * {@code "q": "updated>${since}"}) gives a JSON string, escaped by the JSON writer; a placeholder standing alone as
 * a value, without quotes ({@code "first": ${limit}}), gives a JSON number when its value is one, else a string.
 * A value whose state placeholder has no value yet (${cursor} on the first request) is left out of its object or
 * array. Field names are never templates. Since templates are parsed with the JSON, a body that parses is valid
 * JSON after every filling; unknown placeholders are refused when it is parsed (validate time).
 */
public final class BodyTemplate {

    /** Prefixes the string that stands for a placeholder written without quotes; JSON text never holds it raw. */
    private static final char BARE = '\u0000';
    private static final String BARE_ESCAPED = "\\u0000";
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final JsonBody body;
    /** The templates by the string value they were written as (with {@link #BARE} for a bare one). */
    private final Map<String, Template> templates;

    private BodyTemplate(JsonBody body, Map<String, Template> templates) {
        this.body = body;
        this.templates = Map.copyOf(templates);
    }

    /**
     * Parses {@code text}: one JSON object, placeholders in its string values or standing alone as values.
     *
     * @throws IllegalArgumentException naming what is wrong (line and column of a JSON error; never the text)
     */
    public static BodyTemplate parse(String text) {
        JsonBody body = JsonBody.parse(markBare(text));
        Map<String, Template> templates = new HashMap<>();
        for (String value : body.strings()) {
            String source = isBare(value) ? value.substring(1) : value;
            if (source.contains("${") && !templates.containsKey(value)) {
                templates.put(value, Template.parse(source));
            }
        }
        return new BodyTemplate(body, templates);
    }

    /** The body for one request: every template filled, values without a state value left out. */
    public JsonBody render(Function<String, Optional<String>> variables, Instant now) {
        if (templates.isEmpty()) {
            return body;
        }
        return body.mapStrings(value -> {
            Template template = templates.get(value);
            if (template == null) {
                return value;
            }
            Optional<String> filled = template.render(variables, now);
            if (filled.isEmpty()) {
                return JsonBody.OMIT;
            }
            return isBare(value) ? bare(filled.get()) : filled.get();
        });
    }

    /** The state variables the templates use. */
    public Set<String> variables() {
        Set<String> names = new TreeSet<>();
        templates.values().forEach(template -> names.addAll(template.variables()));
        return names;
    }

    private static boolean isBare(String value) {
        return !value.isEmpty() && value.charAt(0) == BARE;
    }

    /** A number when the value reads as a JSON number, else the text as a string. */
    private static Object bare(String value) {
        if (!NUMBER.matcher(value).matches()) {
            return value;
        }
        return value.indexOf('.') < 0 && value.indexOf('e') < 0 && value.indexOf('E') < 0
            ? new BigInteger(value) : new BigDecimal(value);
    }

    /**
     * The text with each placeholder outside JSON strings turned into a string holding {@link #BARE} and the
     * placeholder, so that the JSON parser takes it as a value; placeholders inside strings are left as they are.
     */
    static String markBare(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    out.append(text.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c == '$' && text.startsWith("${", i) && text.indexOf('}', i) > 0) {
                int end = text.indexOf('}', i);
                out.append('"').append(BARE_ESCAPED).append(text, i, end + 1).append('"');
                i = end;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return body.toString().replace(BARE_ESCAPED, "");
    }
}
