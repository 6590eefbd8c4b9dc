package dev.spillway.connect.smt;

import dev.spillway.connect.common.version.PluginVersion;
import dev.spillway.connect.smt.RouteByFieldConfig.OnMissing;
import dev.spillway.connect.smt.metrics.TransformMetrics;
import dev.spillway.connect.smt.record.RecordCoordinates;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends each record to a topic built from a template over its topic, key and value fields, such as
 * {@code orders-${value.region}}. See {@link RouteByFieldConfig} and {@code docs/smt/route-by-field.md}.
 *
 * <p>Reads both key and value, so there is one class rather than {@code Key}/{@code Value} variants. Keeps the
 * record's partition, as Kafka's own routers do. The template is parsed once, at configure time.
 *
 * <p>Record data chooses the topic, so built names pass a {@link TopicGate}: internal names (starting with
 * {@code _}) are always refused, and a required prefix and an allowed pattern can be set. A refused record goes to
 * the fallback topic if one is configured, and fails otherwise.
 *
 * @param <R> the record type
 */
public class RouteByField<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String OVERVIEW_DOC = "Sends each record to a topic built from a template such as"
        + " orders-${value.region} or ${topic}-${key.tenant}-${value.customer.country}, with fields of the key"
        + " and value of records with and without schemas. Values are sanitized into a legal topic name."
        + " Records whose fields are missing keep their topic, go to a fallback topic or fail, as configured.";

    /**
     * Distinct topics are counted by remembering their names; past this many (data can make up any number of
     * names) counting stops rather than memory growing.
     */
    static final int MAX_COUNTED_TOPICS = 10_000;
    /** Built names are quoted in errors cut to this length: they are record data. */
    private static final int MAX_QUOTED_NAME = 60;

    private TopicTemplate template;
    private OnMissing onMissing;
    private String fallbackTopic;
    private char replacement;
    private TopicGate gate;

    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final LongAdder refused = new LongAdder();
    private final TransformMetrics metrics = new TransformMetrics(TransformMetrics.typeOf(getClass()), set -> {
        set.gauge("distinct-topics", "Distinct topics this transform sent records to, the fallback topic"
            + " included (counting stops at " + MAX_COUNTED_TOPICS + ")", topics::size);
        set.gauge("refused-topics-total", "Records whose built topic name was refused (internal, or not allowed"
            + " by topic.required.prefix / topic.allowed.regex)", refused::sum);
    });

    @Override
    public void configure(Map<String, ?> props) {
        RouteByFieldConfig config = new RouteByFieldConfig(props);
        template = config.topicTemplate();
        onMissing = config.onMissing();
        fallbackTopic = config.fallbackTopic().orElse(null);
        replacement = config.replacementChar();
        gate = config.topicGate();
    }

    @Override
    public R apply(R record) {
        metrics.ensureRegistered();
        TopicTemplate.Rendered rendered;
        try {
            rendered = template.render(record, replacement);
        } catch (DataException e) {
            throw failure(record, e.getMessage(), e);
        }
        if (rendered.topic() != null) {
            Optional<String> refusal = gate.refusal(rendered.topic());
            if (refusal.isEmpty()) {
                return withTopic(record, rendered.topic());
            }
            refused.increment();
            if (fallbackTopic != null) {
                return withTopic(record, fallbackTopic);
            }
            List<String> placeholders = template.placeholders();
            throw failure(record, "the topic name built from " + (placeholders.isEmpty() ? "the template"
                : String.join(", ", placeholders)) + ", '" + cut(rendered.topic()) + "', is refused: " + refusal.get(), null);
        }
        return switch (onMissing) {
            case KEEP -> withTopic(record, record.topic());
            case FALLBACK -> withTopic(record, fallbackTopic);
            case FAIL -> throw failure(record, rendered.missingPlaceholder() + " has no value (the field is absent"
                + " or null, or the topic name came out empty), and " + RouteByFieldConfig.ON_MISSING_CONFIG + "="
                + OnMissing.FAIL.configValue(), null);
        };
    }

    private static String cut(String name) {
        return name.length() <= MAX_QUOTED_NAME ? name : name.substring(0, MAX_QUOTED_NAME) + "...";
    }

    private R withTopic(R record, String topic) {
        if (topics.size() < MAX_COUNTED_TOPICS) {
            topics.add(topic);
        }
        if (topic.equals(record.topic())) {
            return record;
        }
        return record.newRecord(topic, record.kafkaPartition(), record.keySchema(), record.key(),
            record.valueSchema(), record.value(), record.timestamp());
    }

    private DataException failure(R record, String problem, Throwable cause) {
        return new DataException("RouteByField could not route the record of " + RecordCoordinates.of(record)
            + " with template '" + template + "': " + problem, cause);
    }

    @Override
    public ConfigDef config() {
        return RouteByFieldConfig.configDef();
    }

    @Override
    public void close() {
        metrics.close();
    }

    /** Distinct topics records went to so far (at most {@value #MAX_COUNTED_TOPICS}); for metrics and tests. */
    public int distinctTopics() {
        return topics.size();
    }

    /** Records whose built topic name was refused so far; for metrics and tests. */
    public long refusedCount() {
        return refused.sum();
    }

    @Override
    public String version() {
        return PluginVersion.get();
    }
}
