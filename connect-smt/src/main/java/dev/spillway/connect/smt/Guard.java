package dev.spillway.connect.smt;

import dev.spillway.connect.common.text.SafeText;
import dev.spillway.connect.common.version.PluginVersion;
import dev.spillway.connect.smt.GuardConfig.InnerTransform;
import dev.spillway.connect.smt.metrics.TransformMetrics;
import dev.spillway.connect.smt.record.RecordCoordinates;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a chain of inner transforms and sends records they fail on to an error topic instead of failing the task:
 * a dead letter queue for the transformation stage of source connectors, which Connect itself only has for sink
 * connectors. See {@link GuardConfig} and {@code docs/smt/guard.md}.
 *
 * <p>A routed record is the record as it entered Guard, re-targeted to the error topic with no partition (sink
 * records, which must have one, keep theirs), carrying
 * the {@code __connect.errors.*} context headers that Connect's sink dead letter queue writes (as string header
 * values) and {@value #ALIAS_HEADER}.
 *
 * @param <R> the record type
 */
public class Guard<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String OVERVIEW_DOC = "Runs a chain of inner transforms (configured like the worker's own"
        + " chain) and, when one throws, sends the record as it entered Guard to an error topic with the"
        + " __connect.errors.* headers of Connect's dead letter queue, instead of failing the task: a dead letter"
        + " queue for the transforms of source connectors.";

    /** Header names and values as Kafka's {@code DeadLetterQueueReporter} writes them (KIP-298). */
    public static final String HEADER_PREFIX = "__connect.errors.";
    public static final String TOPIC_HEADER = HEADER_PREFIX + "topic";
    public static final String PARTITION_HEADER = HEADER_PREFIX + "partition";
    public static final String OFFSET_HEADER = HEADER_PREFIX + "offset";
    public static final String CONNECTOR_NAME_HEADER = HEADER_PREFIX + "connector.name";
    public static final String TASK_ID_HEADER = HEADER_PREFIX + "task.id";
    public static final String STAGE_HEADER = HEADER_PREFIX + "stage";
    public static final String EXECUTING_CLASS_HEADER = HEADER_PREFIX + "class.name";
    public static final String EXCEPTION_CLASS_HEADER = HEADER_PREFIX + "exception.class.name";
    public static final String EXCEPTION_MESSAGE_HEADER = HEADER_PREFIX + "exception.message";
    public static final String EXCEPTION_STACKTRACE_HEADER = HEADER_PREFIX + "exception.stacktrace";
    /** Which inner transform failed: Spillway's own addition. */
    public static final String ALIAS_HEADER = "__spillway.errors.transform.alias";
    /** The name of Connect's {@code Stage.TRANSFORMATION}. */
    public static final String TRANSFORMATION_STAGE = "TRANSFORMATION";

    private static final List<String> CONTEXT_HEADERS = List.of(TOPIC_HEADER, PARTITION_HEADER, OFFSET_HEADER,
        CONNECTOR_NAME_HEADER, TASK_ID_HEADER, STAGE_HEADER, EXECUTING_CLASS_HEADER, EXCEPTION_CLASS_HEADER,
        EXCEPTION_MESSAGE_HEADER, EXCEPTION_STACKTRACE_HEADER, ALIAS_HEADER);

    private static final Logger log = LoggerFactory.getLogger(Guard.class);
    /** Exception messages are cut to this in the WARN line; the header has them whole. */
    private static final int MAX_LOGGED_MESSAGE = 500;

    private final LongAdder routed = new LongAdder();
    private final TransformMetrics metrics = new TransformMetrics(TransformMetrics.typeOf(getClass()),
        set -> set.gauge("error-topic-records-total", "Records an inner transform failed on, sent to the error"
            + " topic", routed::sum));
    private List<Stage<R>> chain = List.of();
    private String errorTopic;
    private boolean includeStacktrace;
    private String connectorName;

    private record Stage<R extends ConnectRecord<R>>(String alias, Transformation<R> transform) {
    }

    @Override
    public void configure(Map<String, ?> props) {
        GuardConfig config = new GuardConfig(props);
        errorTopic = config.errorTopic();
        includeStacktrace = config.includeStacktrace();
        connectorName = config.connectorName().orElse(null);
        List<Stage<R>> stages = new ArrayList<>();
        try {
            for (InnerTransform inner : config.innerTransforms()) {
                stages.add(new Stage<>(inner.alias(), instantiate(inner)));
            }
        } catch (RuntimeException e) {
            stages.forEach(stage -> closeQuietly(stage));
            throw e;
        }
        chain = List.copyOf(stages);
    }

    @SuppressWarnings("unchecked")
    private Transformation<R> instantiate(InnerTransform inner) {
        String prefix = GuardConfig.TRANSFORM_PREFIX + inner.alias() + ".";
        Transformation<R> transform;
        try {
            transform = (Transformation<R>) inner.type().getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new ConfigException(prefix + GuardConfig.TYPE_SUFFIX, inner.type().getName(),
                "the constructor failed: " + e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            // LinkageError: the class's static initialiser (run only now, see GuardConfig) threw, or a class it
            // needs is missing; a worker should see a configuration error, not an Error from configure().
            throw new ConfigException(prefix + GuardConfig.TYPE_SUFFIX, inner.type().getName(),
                "could not instantiate the class: " + e);
        }
        try {
            transform.configure(inner.config());
        } catch (RuntimeException e) {
            closeQuietly(new Stage<>(inner.alias(), transform));
            throw new ConfigException("Inner transform '" + inner.alias() + "' (" + prefix + "*) rejected its"
                + " configuration: " + e.getMessage());
        }
        return transform;
    }

    @Override
    public R apply(R record) {
        metrics.ensureRegistered();
        R current = record;
        for (Stage<R> stage : chain) {
            try {
                current = stage.transform().apply(current);
            } catch (RetriableException e) {
                // Transient: let the worker retry the whole chain (errors.retry.timeout) rather than drop it here.
                throw e;
            } catch (RuntimeException e) {
                routed.increment();
                // One line: the message often quotes record data (a JSON token, a value), which must not be able
                // to forge log lines. The header keeps it whole, as Connect's dead letter queue does.
                log.warn("Inner transform '{}' ({}) failed on the record of {}; sending it to '{}': {}",
                    stage.alias(), stage.transform().getClass().getName(), RecordCoordinates.of(record),
                    errorTopic, SafeText.oneLine(e.toString(), MAX_LOGGED_MESSAGE));
                return toErrorTopic(record, stage, e);
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private R toErrorTopic(R record, Stage<R> stage, RuntimeException error) {
        Headers headers = record.headers().duplicate();
        // One value per header: a record routed before (or carrying stale context) gets this failure's context.
        CONTEXT_HEADERS.forEach(headers::remove);
        headers.addString(TOPIC_HEADER, record.topic());
        if (record.kafkaPartition() != null) {
            headers.addString(PARTITION_HEADER, String.valueOf(record.kafkaPartition()));
        }
        if (record instanceof SinkRecord sinkRecord) {
            headers.addString(OFFSET_HEADER, String.valueOf(sinkRecord.kafkaOffset()));
        }
        if (connectorName != null) {
            headers.addString(CONNECTOR_NAME_HEADER, connectorName);
        }
        headers.addString(STAGE_HEADER, TRANSFORMATION_STAGE);
        headers.addString(EXECUTING_CLASS_HEADER, stage.transform().getClass().getName());
        headers.addString(EXCEPTION_CLASS_HEADER, error.getClass().getName());
        headers.addString(EXCEPTION_MESSAGE_HEADER, error.getMessage());
        if (includeStacktrace) {
            headers.addString(EXCEPTION_STACKTRACE_HEADER, stackTrace(error));
        }
        headers.addString(ALIAS_HEADER, stage.alias());
        // Source records: no partition, the producer chooses. Sink records cannot have none; they keep theirs.
        Integer partition = record instanceof SinkRecord ? record.kafkaPartition() : null;
        return record.newRecord(errorTopic, partition, record.keySchema(), record.key(), record.valueSchema(),
            record.value(), record.timestamp(), headers);
    }

    private static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            error.printStackTrace(writer);
        }
        return text.toString();
    }

    /** How many records went to the error topic since this instance was created; for metrics. */
    public long routedCount() {
        return routed.sum();
    }

    /** The configured inner transforms, in order; for tests. */
    List<Transformation<R>> innerTransforms() {
        return chain.stream().map(Stage::transform).toList();
    }

    @Override
    public ConfigDef config() {
        return GuardConfig.configDef();
    }

    @Override
    public void close() {
        metrics.close();
        chain.forEach(Guard::closeQuietly);
        chain = List.of();
    }

    private static void closeQuietly(Stage<?> stage) {
        try {
            stage.transform().close();
        } catch (RuntimeException e) {
            log.warn("Inner transform '{}' failed to close", stage.alias(), e);
        }
    }

    @Override
    public String version() {
        return PluginVersion.get();
    }
}
