package dev.spillway.connect.rest;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.common.config.VisibleWhen;
import dev.spillway.connect.json.InferConflicts;
import dev.spillway.connect.json.InferNumbers;
import dev.spillway.connect.rest.extract.ItemStructs;
import dev.spillway.connect.rest.extract.JsonPointers;
import dev.spillway.connect.rest.extract.PageHeaders;
import dev.spillway.connect.rest.extract.ResponseFormat;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigDef;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of the records made from items: where items are, their key, value (and how Structs are inferred),
 * timestamp, topic and the headers copied from their page.
 */
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
        + " fields; integers beyond 64 bits become doubles. 'struct': the item as a Struct whose schema is"
        + " inferred from its shape, by the same rules as the ParseJson transform (fields in document order, all"
        + " optional; integers int64; see value.struct.numbers and value.struct.conflicts), cached per shape, for"
        + " JsonConverter with schemas.enable=true and Avro/Protobuf/JSON Schema converters, without a transform."
        + " An item that is not an object gets the optional schema of its own type (STRING, INT64, ARRAY, ...).";
    public static final String VALUE_FORMAT_DEFAULT = ValueFormat.JSON_STRING.configValue();

    public static final String VALUE_STRUCT_NUMBERS_CONFIG = "value.struct.numbers";
    public static final String VALUE_STRUCT_NUMBERS_DOC = "With value.format=struct, what numbers that are not"
        + " 64-bit integers become (ParseJson's infer.numbers). 'float64' (default): FLOAT64, which may round them."
        + " 'decimal': a Decimal with the number's own scale, exactly; in one array, or one field across array"
        + " elements, the largest scale wins. Items with other scales have other schemas.";
    public static final String VALUE_STRUCT_NUMBERS_DEFAULT = InferNumbers.FLOAT64.configValue();

    public static final String VALUE_STRUCT_CONFLICTS_CONFIG = "value.struct.conflicts";
    public static final String VALUE_STRUCT_CONFLICTS_DOC = "With value.format=struct, what to do when elements of"
        + " one array in an item have types no single schema fits, such as [1, \"a\"] (ParseJson's"
        + " infer.conflicts). 'fail' (default): the task fails with the endpoint, page, item and place; none of"
        + " the page's records is emitted, so nothing is skipped and a restarted task reads the page again."
        + " 'string': the conflicting values become strings holding their JSON text.";
    public static final String VALUE_STRUCT_CONFLICTS_DEFAULT = InferConflicts.FAIL.configValue();

    public static final String PAGE_HEADERS_CONFIG = "records.page.headers";
    public static final String PAGE_HEADERS_DOC = "Values of each page copied onto every record of that page as"
        + " string headers, comma-separated name:source entries. The source is a JSON pointer into the response"
        + " body outside the records array (request_id:/meta/request_id) or header:<name> for a response header"
        + " (trace:header:X-Request-Id). A missing or null value, an object or an array adds no header. With"
        + " records.format=ndjson only response headers. Names starting with 'spillway.' are reserved, and"
        + " response headers that may carry credentials (Authorization, Set-Cookie, names with auth, token,"
        + " secret, session, api-key...) are refused. You choose what is copied: copy nothing secret."
        + " endpoint.<name>.records.page.headers replaces it for one endpoint.";
    public static final String PAGE_HEADERS_DEFAULT = "";

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
            .define(VALUE_STRUCT_NUMBERS_CONFIG, Type.STRING, VALUE_STRUCT_NUMBERS_DEFAULT,
                ConfigChoice.validator(InferNumbers.class), Importance.LOW, VALUE_STRUCT_NUMBERS_DOC, GROUP, ++order,
                Width.SHORT, "Struct numbers",
                VisibleWhen.keyIs(VALUE_FORMAT_CONFIG, ValueFormat.STRUCT).listing(InferNumbers.class))
            .define(VALUE_STRUCT_CONFLICTS_CONFIG, Type.STRING, VALUE_STRUCT_CONFLICTS_DEFAULT,
                ConfigChoice.validator(InferConflicts.class), Importance.LOW, VALUE_STRUCT_CONFLICTS_DOC, GROUP,
                ++order, Width.SHORT, "Struct type conflicts",
                VisibleWhen.keyIs(VALUE_FORMAT_CONFIG, ValueFormat.STRUCT).listing(InferConflicts.class))
            .define(PAGE_HEADERS_CONFIG, Type.LIST, PAGE_HEADERS_DEFAULT, Importance.LOW, PAGE_HEADERS_DOC, GROUP,
                ++order, Width.LONG, "Page headers")
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

    /** How items become Structs with value.format=struct; a new instance (and shape cache) per call. */
    public ItemStructs structs() {
        return new ItemStructs(
            ConfigChoice.parse(InferNumbers.class, VALUE_STRUCT_NUMBERS_CONFIG,
                (String) values.get(VALUE_STRUCT_NUMBERS_CONFIG)),
            ConfigChoice.parse(InferConflicts.class, VALUE_STRUCT_CONFLICTS_CONFIG,
                (String) values.get(VALUE_STRUCT_CONFLICTS_CONFIG)));
    }

    /** What is copied from each page of {@code endpoint} onto its records; only when {@link #problems} is empty. */
    public PageHeaders pageHeaders(Endpoint endpoint, EndpointSettings endpoints) {
        return PageHeaders.parse(pageHeaderEntries(endpoint.name(), endpoints), endpoint.recordsPointer().toString(),
            recordsFormat());
    }

    /** The endpoint's own endpoint.<name>.records.page.headers, or the connector's records.page.headers. */
    @SuppressWarnings("unchecked")
    private List<String> pageHeaderEntries(String endpoint, EndpointSettings endpoints) {
        String own = endpoints.override(endpoint, EndpointSettings.ENDPOINT_PAGE_HEADERS_SUFFIX);
        if (own == null) {
            return (List<String>) values.get(PAGE_HEADERS_CONFIG);
        }
        return Arrays.stream(own.split(",")).map(String::trim).filter(entry -> !entry.isEmpty()).toList();
    }

    /** The page headers that cannot work with the endpoints' records pointers and the records format. */
    public List<Problem> problems(EndpointSettings endpoints) {
        Set<Problem> problems = new LinkedHashSet<>();
        Set<String> names;
        try {
            names = new TreeSet<>(EndpointSettings.names(endpoints.entries()));
        } catch (IllegalArgumentException e) {
            return List.of(); // Reported on 'endpoints'.
        }
        for (String name : names) {
            String own = endpoints.override(name, EndpointSettings.ENDPOINT_PAGE_HEADERS_SUFFIX);
            String pointer = Optional.ofNullable(endpoints.override(name,
                EndpointSettings.ENDPOINT_RECORDS_POINTER_SUFFIX)).orElse(recordsPointer());
            try {
                PageHeaders.parse(pageHeaderEntries(name, endpoints), pointer, recordsFormat());
            } catch (IllegalArgumentException e) {
                problems.add(own == null ? new Problem(PAGE_HEADERS_CONFIG, e.getMessage()
                        + (names.size() > 1 ? " (endpoint '" + name + "')" : ""))
                    : new Problem(EndpointSettings.ENDPOINTS_CONFIG, EndpointSettings.ENDPOINT_PREFIX + name + "."
                        + EndpointSettings.ENDPOINT_PAGE_HEADERS_SUFFIX + ": " + e.getMessage()));
            }
        }
        return List.copyOf(problems);
    }

    public Optional<JsonPointer> timestampPointer() {
        return pointer(TIMESTAMP_POINTER_CONFIG);
    }

    private Optional<JsonPointer> pointer(String key) {
        return Optional.ofNullable((String) values.get(key)).map(JsonPointers::parse);
    }
}
