package dev.spillway.connect.smt;

import dev.spillway.connect.smt.field.FieldPath;
import dev.spillway.connect.smt.field.InvalidFieldPathException;
import dev.spillway.connect.smt.value.CanonicalForm;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import java.util.ArrayList;
import java.util.List;

/**
 * A topic name template of {@link RouteByField}, parsed once: literal text and the placeholders {@code ${topic}},
 * {@code ${key}}, {@code ${key.<path>}} and {@code ${value.<path>}}.
 *
 * <p>A placeholder ends at the first {@code }}, so field names containing {@code }} cannot be referenced. Literal
 * text may only hold characters legal in topic names. Values are rendered in their canonical text
 * ({@link CanonicalForm}) and then sanitized: every character outside {@code [a-zA-Z0-9._-]} is replaced by the
 * replacement character, the whole name is cut to {@value #MAX_LENGTH} characters, and a name of only {@code .}
 * or {@code ..} has its dots replaced.
 *
 * <p>Immutable and thread-safe.
 */
public final class TopicTemplate {

    /** Kafka's limit on topic name length. */
    public static final int MAX_LENGTH = 249;

    private final String text;
    private final List<Part> parts;

    private sealed interface Part permits Literal, OriginalTopic, WholeKey, FieldRef {
    }

    private record Literal(String text) implements Part {
    }

    private record OriginalTopic() implements Part {
    }

    private record WholeKey() implements Part {
    }

    private record FieldRef(boolean key, FieldPath path, String placeholder) implements Part {
    }

    /** The rendered topic, or the first placeholder whose value is missing or null. */
    record Rendered(String topic, String missingPlaceholder) {
    }

    private TopicTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /**
     * @throws ConfigException (without a config name; callers add theirs) describing what is wrong and where
     */
    public static TopicTemplate parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new ConfigException("the template is empty");
        }
        List<Part> parts = new ArrayList<>();
        int literalLength = 0;
        int pos = 0;
        while (pos < text.length()) {
            int open = text.indexOf("${", pos);
            int literalEnd = open < 0 ? text.length() : open;
            if (literalEnd > pos) {
                String literal = text.substring(pos, literalEnd);
                requireLegal(text, literal, pos);
                literalLength += literal.length();
                parts.add(new Literal(literal));
            }
            if (open < 0) {
                break;
            }
            int close = text.indexOf('}', open + 2);
            if (close < 0) {
                throw new ConfigException("the placeholder at position " + open + " is not closed by '}'");
            }
            parts.add(placeholder(text.substring(open, close + 1), text.substring(open + 2, close), open));
            pos = close + 1;
        }
        if (literalLength > MAX_LENGTH) {
            throw new ConfigException("the literal text alone is longer than " + MAX_LENGTH
                + " characters, the limit for topic names");
        }
        return new TopicTemplate(text, parts);
    }

    private static Part placeholder(String placeholder, String content, int position) {
        if (content.equals("topic")) {
            return new OriginalTopic();
        }
        if (content.equals("key")) {
            return new WholeKey();
        }
        boolean key = content.startsWith("key.");
        if (!key && !content.startsWith("value.")) {
            throw new ConfigException("unknown placeholder " + placeholder + " at position " + position
                + "; use ${topic}, ${key}, ${key.<field path>} or ${value.<field path>}");
        }
        String pathText = content.substring(key ? 4 : 6);
        // Where the path starts in the template: after "${" and "key." or "value.".
        int pathStart = position + 2 + (key ? 4 : 6);
        FieldPath path;
        try {
            path = FieldPath.parse(pathText);
        } catch (InvalidFieldPathException e) {
            // The parser counts from the start of the path; the user reads positions in the template.
            int at = pathStart + e.position().orElse(0);
            throw new ConfigException("in placeholder " + placeholder + ": invalid field path \"" + pathText
                + "\": " + e.problem() + " (at position " + at + " of the template, counting from 0)");
        }
        if (path.hasWildcard()) {
            throw new ConfigException("in placeholder " + placeholder + " at position " + position + ": the path"
                + " must address a single value; [*] is not allowed");
        }
        return new FieldRef(key, path, placeholder);
    }

    private static void requireLegal(String template, String literal, int offset) {
        for (int i = 0; i < literal.length(); i++) {
            if (!isLegal(literal.charAt(i))) {
                throw new ConfigException("the character '" + literal.charAt(i) + "' at position " + (offset + i)
                    + " is not allowed in topic names, which may only contain a-z, A-Z, 0-9, '.', '_' and '-'");
            }
        }
    }

    /** The literal text the template starts with, empty if it starts with a placeholder. */
    String literalPrefix() {
        return !parts.isEmpty() && parts.get(0) instanceof Literal literal ? literal.text() : "";
    }

    /** The placeholders of the template, as written, in order; for messages. */
    List<String> placeholders() {
        return parts.stream().filter(part -> !(part instanceof Literal)).map(TopicTemplate::placeholderOf).toList();
    }

    /** Whether {@code c} may appear in a Kafka topic name. */
    static boolean isLegal(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '.' || c == '_' || c == '-';
    }

    /** Whether {@code name} is a legal Kafka topic name: 1 to 249 legal characters, other than {@code .}/{@code ..}. */
    public static boolean isLegalTopicName(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_LENGTH && !name.equals(".")
            && !name.equals("..") && name.chars().allMatch(c -> isLegal((char) c));
    }

    /**
     * @throws DataException if a placeholder addresses a struct, map or array
     */
    Rendered render(ConnectRecord<?> record, char replacement) {
        StringBuilder topic = new StringBuilder(text.length() + 16);
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                topic.append(literal.text());
                continue;
            }
            String value = valueOf(part, record);
            if (value == null) {
                return new Rendered(null, placeholderOf(part));
            }
            appendSanitized(topic, value, replacement);
        }
        if (topic.length() > MAX_LENGTH) {
            topic.setLength(MAX_LENGTH);
        }
        String name = topic.toString();
        if (name.isEmpty()) {
            return new Rendered(null, text);
        }
        if (name.equals(".") || name.equals("..")) {
            name = name.replace('.', replacement);
        }
        return new Rendered(name, null);
    }

    private static String valueOf(Part part, ConnectRecord<?> record) {
        if (part instanceof OriginalTopic) {
            return record.topic();
        }
        if (part instanceof WholeKey) {
            return scalarText(record.key(), record.keySchema(), "${key}");
        }
        FieldRef ref = (FieldRef) part;
        Object data = ref.key() ? record.key() : record.value();
        List<Object> found = ref.path().valuesIn(data);
        if (found.isEmpty() || found.get(0) == null) {
            return null;
        }
        Schema schema = data instanceof Struct struct ? ref.path().schemaIn(struct.schema()).orElse(null) : null;
        return scalarText(found.get(0), schema, ref.placeholder());
    }

    private static String scalarText(Object value, Schema schema, String placeholder) {
        if (value == null) {
            return null;
        }
        if (!CanonicalForm.isScalar(value)) {
            throw new DataException(placeholder + " addresses a " + value.getClass().getName()
                + ", not a single value such as a string or number");
        }
        return CanonicalForm.text(value, schema);
    }

    private static void appendSanitized(StringBuilder topic, String value, char replacement) {
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            topic.append(codePoint < 128 && isLegal((char) codePoint) ? (char) codePoint : replacement);
            i += Character.charCount(codePoint);
        }
    }

    private static String placeholderOf(Part part) {
        if (part instanceof OriginalTopic) {
            return "${topic}";
        }
        return part instanceof WholeKey ? "${key}" : ((FieldRef) part).placeholder();
    }

    @Override
    public String toString() {
        return text;
    }
}
