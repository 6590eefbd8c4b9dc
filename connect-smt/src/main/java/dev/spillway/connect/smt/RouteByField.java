package dev.spillway.connect.smt;

import dev.spillway.connect.smt.RouteByFieldConfig.OnMissing;
import dev.spillway.connect.smt.record.RecordCoordinates;
import dev.spillway.connect.smt.version.PluginVersion;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

import java.util.Map;

/**
 * Sends each record to a topic built from a template over its topic, key and value fields, such as
 * {@code orders-${value.region}}. See {@link RouteByFieldConfig} and {@code docs/smt/route-by-field.md}.
 *
 * <p>Reads both key and value, so there is one class rather than {@code Key}/{@code Value} variants. Keeps the
 * record's partition, as Kafka's own routers do. The template is parsed once, at configure time.
 *
 * @param <R> the record type
 */
public class RouteByField<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String OVERVIEW_DOC = "Sends each record to a topic built from a template such as"
        + " orders-${value.region} or ${topic}-${key.tenant}-${value.customer.country}, with fields of the key"
        + " and value of records with and without schemas. Values are sanitized into a legal topic name."
        + " Records whose fields are missing keep their topic, go to a fallback topic or fail, as configured.";

    private TopicTemplate template;
    private OnMissing onMissing;
    private String fallbackTopic;
    private char replacement;

    @Override
    public void configure(Map<String, ?> props) {
        RouteByFieldConfig config = new RouteByFieldConfig(props);
        template = config.topicTemplate();
        onMissing = config.onMissing();
        fallbackTopic = config.fallbackTopic().orElse(null);
        replacement = config.replacementChar();
    }

    @Override
    public R apply(R record) {
        TopicTemplate.Rendered rendered;
        try {
            rendered = template.render(record, replacement);
        } catch (DataException e) {
            throw failure(record, e.getMessage(), e);
        }
        if (rendered.topic() != null) {
            return withTopic(record, rendered.topic());
        }
        return switch (onMissing) {
            case KEEP -> record;
            case FALLBACK -> withTopic(record, fallbackTopic);
            case FAIL -> throw failure(record, rendered.missingPlaceholder() + " has no value (the field is absent"
                + " or null, or the topic name came out empty), and " + RouteByFieldConfig.ON_MISSING_CONFIG + "="
                + OnMissing.FAIL.configValue(), null);
        };
    }

    private R withTopic(R record, String topic) {
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
    }

    @Override
    public String version() {
        return PluginVersion.get();
    }
}
