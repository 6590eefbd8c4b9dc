package dev.spillway.connect.smt.predicates;

import dev.spillway.connect.common.version.PluginVersion;
import dev.spillway.connect.smt.field.FieldPath;
import dev.spillway.connect.smt.predicates.FieldMatchesConfig.Operator;
import dev.spillway.connect.smt.predicates.FieldMatchesConfig.Target;
import dev.spillway.connect.smt.value.CanonicalForm;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Matches records by the value of one field of the key or value, for use with {@code predicate} on any
 * transform. See {@link FieldMatchesConfig} for the settings.
 *
 * <p>A path with {@code [*]} addresses several values; the record matches if any of them does. Never fails a
 * record: a field that cannot be read (absent, or inside a value of another shape) is treated as absent, and a value
 * without canonical text (a struct, map or array, or an object of a Java type Connect data does not use) matches no
 * text operator.
 *
 * @param <R> the record type
 */
public class FieldMatches<R extends ConnectRecord<R>> implements Predicate<R>, Versioned {

    public static final String OVERVIEW_DOC = "Matches records whose key or value has a field that equals a"
        + " text, matches a regular expression, is one of several texts, is null or absent, or is not null."
        + " Works on records with and without schemas, on nested fields, map entries and array elements (with"
        + " [*], any element may match).";

    private Target target;
    private FieldPath field;
    private Operator operator;
    private String expected;
    private Set<String> expectedAnyOf;
    private Pattern regex;

    @Override
    public void configure(Map<String, ?> props) {
        FieldMatchesConfig config = new FieldMatchesConfig(props);
        target = config.target();
        field = config.field();
        operator = config.operator();
        expected = config.expectedValue().orElse(null);
        expectedAnyOf = Set.copyOf(config.expectedValues());
        regex = config.regex().orElse(null);
    }

    @Override
    public boolean test(R record) {
        Object data = target == Target.KEY ? record.key() : record.value();
        List<Object> found = field.valuesIn(data);
        return switch (operator) {
            case NULL -> found.isEmpty() || found.contains(null);
            case NOT_NULL -> found.stream().anyMatch(Objects::nonNull);
            case EQUALS, REGEX, IN -> anyTextMatches(found, leafSchema(record, data));
        };
    }

    private boolean anyTextMatches(List<Object> found, Schema schema) {
        for (Object value : found) {
            // Structs, maps, arrays and objects of Java types that Connect data does not use have no text.
            String text = CanonicalForm.textOrNull(value, schema);
            if (text != null && textMatches(text)) {
                return true;
            }
        }
        return false;
    }

    private boolean textMatches(String text) {
        return switch (operator) {
            case EQUALS -> expected.equals(text);
            case REGEX -> regex.matcher(text).matches();
            case IN -> expectedAnyOf.contains(text);
            case NULL, NOT_NULL -> throw new IllegalStateException("Not a text operator: " + operator);
        };
    }

    /** The schema of the addressed values, needed to tell Date, Time and Timestamp apart; null if schemaless. */
    private Schema leafSchema(R record, Object data) {
        Schema schema = data instanceof Struct struct ? struct.schema()
            : target == Target.KEY ? record.keySchema() : record.valueSchema();
        return schema == null ? null : field.schemaIn(schema).orElse(null);
    }

    @Override
    public ConfigDef config() {
        return FieldMatchesConfig.configDef();
    }

    @Override
    public void close() {
    }

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{target=" + target + ", field=" + field + ", operator=" + operator + "}";
    }
}
