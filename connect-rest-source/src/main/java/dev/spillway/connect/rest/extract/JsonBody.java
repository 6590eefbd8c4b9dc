package dev.spillway.connect.rest.extract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A JSON object sent as a request body ({@code http.request.body}), into which the pagination state is set at a
 * JSON pointer for each request. Immutable: {@link #with} returns a copy. Numbers keep every digit.
 */
public final class JsonBody {

    private final Map<String, Object> root;

    private JsonBody(Map<String, Object> root) {
        this.root = root;
    }

    /** An empty object, {@code {}}. */
    public static JsonBody empty() {
        return new JsonBody(new LinkedHashMap<>());
    }

    /**
     * Parses one JSON object.
     *
     * @throws IllegalArgumentException if the text is not exactly one JSON object; the message names the line and
     *                                  column, never the text
     */
    @SuppressWarnings("unchecked")
    public static JsonBody parse(String text) {
        try (JsonParser parser = ItemValues.FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("must be a JSON object ({...})");
            }
            Object value = read(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("holds more than one JSON value (line "
                    + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr()
                    + ")");
            }
            return new JsonBody((Map<String, Object>) value);
        } catch (JsonProcessingException e) {
            // Jackson quotes the offending token ('abc'), which may be part of a secret in the body: left out.
            String problem = e.getOriginalMessage().split("\n")[0].replaceAll("'[^']{2,}'", "'...'");
            throw new IllegalArgumentException("is not JSON: " + problem + " (line "
                + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("is not JSON: " + e.getMessage());
        }
    }

    /**
     * A copy with {@code value} (a String, Number or null) at {@code pointer}, creating the objects on the way;
     * {@code remove} drops the field instead.
     *
     * @throws IllegalArgumentException if the pointer goes through a value that is not an object
     */
    public JsonBody with(JsonPointer pointer, Object value, boolean remove) {
        Map<String, Object> copy = deepCopy(root);
        Map<String, Object> at = copy;
        JsonPointer rest = pointer;
        while (!rest.tail().matches()) {
            Object next = at.get(rest.getMatchingProperty());
            if (next == null) {
                if (remove) {
                    return new JsonBody(copy);
                }
                next = new LinkedHashMap<String, Object>();
                at.put(rest.getMatchingProperty(), next);
            }
            if (!(next instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("the body holds a value that is not an object on the way to "
                    + pointer + ", so nothing can be set there");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) next;
            at = object;
            rest = rest.tail();
        }
        if (remove) {
            at.remove(rest.getMatchingProperty());
        } else {
            at.put(rest.getMatchingProperty(), value);
        }
        return new JsonBody(copy);
    }

    /** What {@link #mapStrings} is given to leave a field or array element out. */
    public static final Object OMIT = new Object();

    /**
     * A copy in which every string value (not a field name) is replaced by what {@code replace} gives for it: a
     * String, Number, List or null, or {@link #OMIT} to leave the field (or array element) out.
     */
    @SuppressWarnings("unchecked")
    public JsonBody mapStrings(Function<String, Object> replace) {
        return new JsonBody((Map<String, Object>) mapped(root, replace));
    }

    /** Every string value of the body, in document order. */
    public List<String> strings() {
        List<String> strings = new ArrayList<>();
        mapped(root, text -> {
            strings.add(text);
            return text;
        });
        return strings;
    }

    private static Object mapped(Object value, Function<String, Object> replace) {
        if (value instanceof String text) {
            return replace.apply(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, element) -> {
                Object kept = mapped(element, replace);
                if (kept != OMIT) {
                    copy.put((String) key, kept);
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(element -> {
                Object kept = mapped(element, replace);
                if (kept != OMIT) {
                    copy.add(kept);
                }
            });
            return copy;
        }
        return value;
    }

    public byte[] bytes() {
        return JsonText.json(root).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return JsonText.json(root);
    }

    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Object> object = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                object.put(name, read(parser));
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            List<Object> array = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(read(parser));
            }
            return array;
        }
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getBigIntegerValue();
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE, VALUE_FALSE -> parser.getBooleanValue();
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected JSON token " + String.valueOf(token).toLowerCase(Locale.ROOT));
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, element) -> copy.put((String) key, deepCopy(element)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            return (T) new ArrayList<>(list.stream().map(JsonBody::deepCopy).toList());
        }
        return value;
    }
}
