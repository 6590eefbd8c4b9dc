package dev.spillway.connect.rest;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.rest.extract.JsonPointers;
import dev.spillway.connect.rest.extract.ResponseFormat;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigDef;

import java.util.Map;
import java.util.Optional;

/** The settings of the records made from items: where items are, their key, value, timestamp and topic. */
public final class RecordSettings {

    private static final String GROUP = "Records";

    public static final String RECORDS_POINTER_CONFIG = "records.pointer";
    public static final String RECORDS_POINTER_DOC = "JSON pointer to the array of items in a response, e.g."
        + " /items or /data/results; empty if the response is the array itself. A response without it fails"
        + " (after retries) instead of passing for an empty page.";
    public static final String RECORDS_POINTER_DEFAULT = "";

    public static final String RECORDS_FORMAT_CONFIG = "records.format";
    public static final String RECORDS_FORMAT_DOC = "How items are laid out in a response: 'json' (default), one JSON"
        + " document with the items at records.pointer; 'ndjson', JSON Lines / NDJSON as bulk exports send them:"
        + " one item per line (records.pointer is not used), read in one pass over the body, which is bounded by"
        + " http.response.max.bytes like any other; an empty body is an empty page. With ndjson the body holds no"
        + " cursor or next link, so pagination.type must be none, link-header, page-number, offset-limit or since.";
    public static final String RECORDS_FORMAT_DEFAULT = ResponseFormat.JSON.configValue();

    public static final String KEY_POINTER_CONFIG = "key.pointer";
    public static final String KEY_POINTER_DOC = "JSON pointer, inside each item, to the record key, e.g. /id;"
        + " the key is a string (numbers printed, objects as JSON). Unset for null keys.";

    public static final String VALUE_FORMAT_CONFIG = "value.format";
    public static final String VALUE_FORMAT_DOC = "Record value. 'json-string' (default): the item's JSON text"
        + " with a STRING schema, exactly as the API sent it (numbers keep every digit); works with every"
        + " converter, and with StringConverter the topic holds the API's JSON unchanged. 'schemaless': the item"
        + " as Map/List without a schema, for JsonConverter with schemas.enable=false and transforms that edit"
        + " fields; integers beyond 64 bits become doubles. Structs with inferred schemas are not supported yet.";
    public static final String VALUE_FORMAT_DEFAULT = ValueFormat.JSON_STRING.configValue();

    public static final String TIMESTAMP_POINTER_CONFIG = "timestamp.pointer";
    public static final String TIMESTAMP_POINTER_DOC = "JSON pointer, inside each item, to the record timestamp:"
        + " epoch milliseconds or an ISO-8601 instant. Unset (default): the time the item was read. Beware: topics"
        + " delete records by their timestamp, so items older than the topic's retention.ms are deleted at once,"
        + " and brokers may reject timestamps too far in the past (log.message.timestamp.before.max.ms).";

    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    public static final String TOPIC_PREFIX_DOC = "Value of ${prefix} in topic.template.";
    public static final String TOPIC_PREFIX_DEFAULT = "";

    public static final String TOPIC_TEMPLATE_CONFIG = "topic.template";
    public static final String TOPIC_TEMPLATE_DOC = "Topic of each endpoint; ${prefix} is topic.prefix and"
        + " ${endpoint} the endpoint name. Characters Kafka does not allow become '_'. endpoint.<name>.topic"
        + " overrides it for one endpoint.";
    public static final String TOPIC_TEMPLATE_DEFAULT = "${prefix}${endpoint}";

    private final Map<String, ?> values;

    /** @param values parsed values of a configuration that went through {@link #define} */
    public RecordSettings(Map<String, ?> values) {
        this.values = values;
    }

    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def.define(RECORDS_POINTER_CONFIG, Type.STRING, RECORDS_POINTER_DEFAULT, JsonPointers.validator(false),
                Importance.HIGH, RECORDS_POINTER_DOC, GROUP, ++order, Width.MEDIUM, "Records pointer")
            .define(RECORDS_FORMAT_CONFIG, Type.STRING, RECORDS_FORMAT_DEFAULT,
                ConfigChoice.validator(ResponseFormat.class), Importance.MEDIUM, RECORDS_FORMAT_DOC, GROUP, ++order,
                Width.SHORT, "Response format", ConfigChoice.recommender(ResponseFormat.class))
            .define(KEY_POINTER_CONFIG, Type.STRING, null, JsonPointers.validator(true), Importance.MEDIUM,
                KEY_POINTER_DOC, GROUP, ++order, Width.MEDIUM, "Key pointer")
            .define(VALUE_FORMAT_CONFIG, Type.STRING, VALUE_FORMAT_DEFAULT, ConfigChoice.validator(ValueFormat.class),
                Importance.MEDIUM, VALUE_FORMAT_DOC, GROUP, ++order, Width.SHORT, "Value format",
                ConfigChoice.recommender(ValueFormat.class))
            .define(TIMESTAMP_POINTER_CONFIG, Type.STRING, null, JsonPointers.validator(true), Importance.LOW,
                TIMESTAMP_POINTER_DOC, GROUP, ++order, Width.MEDIUM, "Timestamp pointer")
            .define(TOPIC_PREFIX_CONFIG, Type.STRING, TOPIC_PREFIX_DEFAULT, Importance.MEDIUM, TOPIC_PREFIX_DOC,
                GROUP, ++order, Width.MEDIUM, "Topic prefix")
            .define(TOPIC_TEMPLATE_CONFIG, Type.STRING, TOPIC_TEMPLATE_DEFAULT, new NonEmptyString(),
                Importance.MEDIUM, TOPIC_TEMPLATE_DOC, GROUP, ++order, Width.MEDIUM, "Topic template");
    }

    /** The connector's records pointer, which endpoints without endpoint.<name>.records.pointer use. */
    public String recordsPointer() {
        return (String) values.get(RECORDS_POINTER_CONFIG);
    }

    public ResponseFormat recordsFormat() {
        return ConfigChoice.parse(ResponseFormat.class, RECORDS_FORMAT_CONFIG,
            (String) values.get(RECORDS_FORMAT_CONFIG));
    }

    /** The topic of an endpoint without endpoint.<name>.topic. */
    public String topic(String endpoint) {
        return TopicNames.render((String) values.get(TOPIC_TEMPLATE_CONFIG), (String) values.get(TOPIC_PREFIX_CONFIG),
            endpoint);
    }

    public Optional<JsonPointer> keyPointer() {
        return pointer(KEY_POINTER_CONFIG);
    }

    public ValueFormat valueFormat() {
        return ConfigChoice.parse(ValueFormat.class, VALUE_FORMAT_CONFIG, (String) values.get(VALUE_FORMAT_CONFIG));
    }

    public Optional<JsonPointer> timestampPointer() {
        return pointer(TIMESTAMP_POINTER_CONFIG);
    }

    private Optional<JsonPointer> pointer(String key) {
        return Optional.ofNullable((String) values.get(key)).map(JsonPointers::parse);
    }
}
