package dev.spillway.connect.smt;

import dev.spillway.connect.common.text.SafeText;
import dev.spillway.connect.common.version.PluginVersion;
import dev.spillway.connect.smt.CdcUnwrapConfig.DeleteTombstoneHandling;
import dev.spillway.connect.smt.cdc.Envelope;
import dev.spillway.connect.smt.cdc.HeaderFieldDrop;
import dev.spillway.connect.smt.cdc.MetadataField;
import dev.spillway.connect.smt.cdc.NonEnvelopeRecords;
import dev.spillway.connect.smt.cdc.Operation;
import dev.spillway.connect.smt.cdc.RowLayouts;
import dev.spillway.connect.smt.cdc.RowTopic;
import dev.spillway.connect.smt.metrics.TransformMetrics;
import dev.spillway.connect.smt.record.RecordCoordinates;
import dev.spillway.connect.smt.schema.DerivedSchemas;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replaces a Debezium-style change event with the row it carries, like Debezium's {@code ExtractNewRecordState}
 * with the same settings, for workers that do not have Debezium's jars. See {@link CdcUnwrapConfig} and
 * {@code docs/smt/cdc-unwrap.md}.
 *
 * <p>Only {@link Value} exists: the change event envelope is always the record value, while the key of a change
 * event is the row's primary key as it is, with nothing to unwrap.
 *
 * <p>Works on envelopes with a schema ({@link Struct}) and without ({@code Map}), where Debezium's transform passes
 * schemaless values through unchanged. Records that are not change events pass through unchanged too, but are
 * counted and the first one is logged as a warning. Derived schemas are built once per input schema and cached;
 * records are never modified.
 *
 * @param <R> the record type
 */
public abstract class CdcUnwrap<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String OVERVIEW_DOC = "Replaces a Debezium-style change event (before, after, source, op,"
        + " ts_ms, transaction) in the record value with the row it carries, as Debezium's ExtractNewRecordState"
        + " does and with the same settings: inserts, snapshot reads and updates become their 'after' row; deletes"
        + " and tombstones are handled by delete.tombstone.handling.mode; change event metadata can be added as"
        + " fields or headers. Works on values with a schema (Struct) and without (Map). Truncate events are"
        + " dropped and log messages (op=m) pass through, as with Debezium. Records that are not change events"
        + " pass through unchanged; they are counted and the first is logged as a warning.";

    private static final Logger log = LoggerFactory.getLogger(CdcUnwrap.class);

    /** Records of a task usually share a handful of schemas; this bounds memory if they do not. */
    private static final int SCHEMA_CACHE_SIZE = 16;

    private static final String DELETED = "true";
    private static final String NOT_DELETED = "false";

    private final NonEnvelopeRecords nonEnvelopeRecords = new NonEnvelopeRecords(log::warn);
    private final TransformMetrics metrics = new TransformMetrics(TransformMetrics.typeOf(getClass()),
        set -> set.gauge("non-envelope-records-total", "Records passed through unchanged: not change events",
            nonEnvelopeRecords::count));

    private DeleteTombstoneHandling deletes;
    private boolean replaceNullWithDefault;
    private RowTopic rowTopic;
    private List<MetadataField> addFields;
    private List<MetadataField> addHeaders;
    private MetadataField operationHeader;
    private HeaderFieldDrop fieldDrop;
    private RowLayouts rowLayouts;
    private DerivedSchemas<List<HeaderSpec>> headerLayouts;

    @Override
    public void configure(Map<String, ?> props) {
        CdcUnwrapConfig config = new CdcUnwrapConfig(props);
        deletes = config.deleteTombstoneHandling();
        replaceNullWithDefault = config.rewriteReplacesNullWithDefault();
        rowTopic = config.routeByField();
        addFields = config.addFields();
        addHeaders = config.addHeaders();
        operationHeader = addHeaders.stream().filter(MetadataField::isOperation).findFirst().orElse(null);
        fieldDrop = config.headerFieldDrop();
        rowLayouts = new RowLayouts(deletes.rewrites() ? CdcUnwrapConfig.DELETED_FIELD : null, addFields);
        headerLayouts = new DerivedSchemas<>(SCHEMA_CACHE_SIZE, this::deriveHeaderLayout);
        log.debug("Configured {} with {}={}, adding fields {} and headers {}, dropping fields listed in {}",
            getClass().getName(), CdcUnwrapConfig.DELETE_TOMBSTONE_HANDLING_MODE_CONFIG, deletes.configValue(),
            addFields, addHeaders, fieldDrop);
    }

    @Override
    public R apply(R record) {
        metrics.ensureRegistered();
        Object value = record.value();
        if (value == null) {
            return applyToTombstone(record);
        }
        Envelope.Recognition recognition = Envelope.recognize(value);
        if (!recognition.isEnvelope()) {
            nonEnvelopeRecords.record(getClass().getName(), RecordCoordinates.of(record), recognition.reason());
            return record;
        }
        try {
            return applyToEnvelope(record, recognition.envelope());
        } catch (DataException e) {
            throw new DataException("CdcUnwrap could not unwrap the change event at " + RecordCoordinates.of(record)
                + ": " + e.getMessage(), e);
        }
    }

    private R applyToTombstone(R record) {
        if (!deletes.keepsTombstones()) {
            return null;
        }
        if (operationHeader == null) {
            return record;
        }
        // As Debezium does: a kept tombstone stands for a delete, and that is all that is known about it. Its
        // header is a required string there, unlike the optional ones taken from change events.
        Headers headers = record.headers().duplicate();
        headers.add(operationHeader.outputName(), Operation.DELETE.code(), Schema.STRING_SCHEMA);
        return newRecord(record, record.valueSchema(), null, headers);
    }

    private R applyToEnvelope(R record, Envelope envelope) {
        Operation operation = envelope.operation().orElseThrow(() -> new DataException("unknown operation "
            + (envelope.opCode() == null ? "(op is null)" : "op='" + SafeText.oneLine(envelope.opCode(), 20) + "'")
            + "; expected one of c, r, u, d, t, m"));
        switch (operation) {
            case MESSAGE:
                // Not a row change: Debezium's transform passes these through as well.
                return record;
            case TRUNCATE:
                log.trace("Dropping a truncate event at {}", RecordCoordinates.of(record));
                return null;
            case DELETE:
                return applyToDelete(record, envelope);
            default:
                Object row = envelope.row(Envelope.AFTER);
                if (row == null) {
                    throw new DataException("op='" + operation.code() + "' but '" + Envelope.AFTER + "' is null");
                }
                return route(dropFromKey(unwrap(record, envelope, Envelope.AFTER, row, NOT_DELETED)), row);
        }
    }

    private R applyToDelete(R record, Envelope envelope) {
        if (deletes == DeleteTombstoneHandling.DROP) {
            return null;
        }
        // As in Debezium, a delete is routed by its old row whatever it becomes.
        return route(dropFromKey(deleteRecord(record, envelope)), envelope.row(Envelope.BEFORE));
    }

    private R deleteRecord(R record, Envelope envelope) {
        switch (deletes) {
            case TOMBSTONE:
                // Debezium keeps the row schema here (its JDBC sink relies on it); only the value is null.
                Schema rowSchema = envelope.rowSchema(Envelope.AFTER).orElse(null);
                return newRecord(record, rowSchema, null, headersFor(record, envelope));
            case DELETE_TO_TOMBSTONE:
                return newRecord(record, null, null, headersFor(record, envelope));
            default:
                Object row = envelope.row(Envelope.BEFORE);
                if (row == null) {
                    throw new DataException("op='d' but '" + Envelope.BEFORE + "' is null, so " + deletes.configValue()
                        + " has no row to rewrite; the source connector may not capture old row values");
                }
                return unwrap(record, envelope, Envelope.BEFORE, row, DELETED);
        }
    }

    /** The record on the topic its row names, if {@code route.by.field} is set and the row names one. */
    private R route(R record, Object row) {
        if (!rowTopic.enabled()) {
            return record;
        }
        return rowTopic.topicFrom(row)
            .map(topic -> {
                if (record instanceof SourceRecord) {
                    // The worker will produce it there: row data must not pick an internal topic. An illegal name
                    // is left to the producer, since a later transform may still rename it; a sink record's topic
                    // only names where the sink writes, as in Debezium.
                    TopicGate.INTERNAL_ONLY.refusal(topic).ifPresent(why -> {
                        throw new DataException("route.by.field: the row's topic '" + SafeText.oneLine(topic, 60)
                            + "' is refused for a source record: " + why);
                    });
                }
                return record.newRecord(topic, record.kafkaPartition(), record.keySchema(), record.key(),
                    record.valueSchema(), record.value(), record.timestamp(), record.headers());
            })
            .orElse(record);
    }

    /**
     * Emits {@code row} with the {@code __deleted} marker (rewrite modes only) and the configured fields, less the
     * fields that the drop.fields.header.name header lists. As in Debezium, the rows of inserts and updates lose
     * them after the fields are added, rewritten deletes before.
     */
    private R unwrap(R record, Envelope envelope, String rowField, Object row, String deletedMarker) {
        String deleted = deletes.rewrites() ? deletedMarker : null;
        boolean delete = Envelope.BEFORE.equals(rowField);
        Headers headers = headersFor(record, envelope);
        List<String> dropNames = fieldDrop.namesIn(headers);
        if (!envelope.hasSchema()) {
            return newRecord(record, null, schemalessRow(envelope, (Map<?, ?>) row, deleted, dropNames, delete),
                headers);
        }
        // Always a derived, required row schema, even with nothing to add: Debezium rebuilds every row it emits
        // this way, and a registry sees the optional 'after' schema as a different subject version.
        Schema rowSchema = envelope.rowSchema(rowField).orElseThrow();
        RowLayouts.Layout layout = rowLayouts.get(envelope.schema(), rowSchema, Set.of());
        // Raw values, as in Debezium: a null stays null even where the column has a default, except in the rewrite
        // modes with replace.null.with.default, where Debezium's InsertField puts the default in, and where the
        // fields are dropped through Kafka's ReplaceField, which does the same.
        boolean rebuilt = false;
        if (!dropNames.isEmpty()) {
            RowLayouts.Layout full = layout;
            Set<String> dropped = fieldDrop.droppedFrom(full.schema(), dropNames,
                name -> !delete || !full.isAdded(name));
            rebuilt = fieldDrop.rewrites(dropNames, dropped);
            layout = dropped.isEmpty() ? full : rowLayouts.get(envelope.schema(), rowSchema, dropped);
        }
        boolean defaults = replaceNullWithDefault || rebuilt;
        Struct source = (Struct) row;
        Struct output = new Struct(layout.schema());
        for (Field field : rowSchema.fields()) {
            Object fieldValue = defaults ? source.get(field) : source.getWithoutDefault(field.name());
            if (fieldValue != null && layout.schema().field(field.name()) != null) {
                output.put(field.name(), fieldValue);
            }
        }
        if (deleted != null && layout.schema().field(CdcUnwrapConfig.DELETED_FIELD) != null) {
            output.put(CdcUnwrapConfig.DELETED_FIELD, deleted);
        }
        Struct envelopeStruct = (Struct) envelope.value();
        for (RowLayouts.AddedField added : layout.addedFields()) {
            Object value = added.resolved().valueIn(envelopeStruct);
            if (value == null && rebuilt && !delete) {
                // Added before ReplaceField runs on an insert or update, so it reads their defaults too.
                value = layout.schema().field(added.schemaFieldName()).schema().defaultValue();
            }
            output.put(added.schemaFieldName(), value);
        }
        return newRecord(record, layout.schema(), output, headers);
    }

    private Object schemalessRow(Envelope envelope, Map<?, ?> row, String deleted, List<String> dropNames,
                                 boolean delete) {
        if (deleted == null && addFields.isEmpty() && dropNames.isEmpty()) {
            return row;
        }
        Map<Object, Object> output = new LinkedHashMap<>(row);
        if (deleted != null) {
            putNew(output, CdcUnwrapConfig.DELETED_FIELD, deleted);
        }
        if (delete) {
            output.keySet().removeAll(dropNames);
        }
        Map<?, ?> envelopeMap = (Map<?, ?>) envelope.value();
        for (MetadataField field : addFields) {
            Optional<MetadataField.Found> found = field.valueIn(envelopeMap);
            if (found.isPresent()) {
                putNew(output, field.outputName(), found.get().value());
            }
        }
        if (!delete) {
            output.keySet().removeAll(dropNames);
        }
        return output;
    }

    /** The record with the key fields that the drop.fields.header.name header lists dropped, if asked to. */
    private R dropFromKey(R record) {
        if (record == null || !fieldDrop.fromKey()) {
            return record;
        }
        HeaderFieldDrop.Key key = fieldDrop.key(record.keySchema(), record.key(), fieldDrop.namesIn(record.headers()));
        if (key.value() == record.key()) {
            return record;
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), key.schema(), key.value(),
            record.valueSchema(), record.value(), record.timestamp(), record.headers());
    }

    private static void putNew(Map<Object, Object> row, String name, Object value) {
        if (row.containsKey(name)) {
            throw new DataException(RowLayouts.collision(name));
        }
        row.put(name, value);
    }

    /** A copy of the record's headers (never shared with it), plus the configured ones. */
    private Headers headersFor(R record, Envelope envelope) {
        Headers headers = record.headers().duplicate();
        if (addHeaders.isEmpty()) {
            return headers;
        }
        if (envelope.hasSchema()) {
            Struct envelopeStruct = (Struct) envelope.value();
            for (HeaderSpec spec : headerLayout(envelope.schema())) {
                headers.add(spec.name(), spec.resolved().valueIn(envelopeStruct), spec.resolved().schema());
            }
        } else {
            Map<?, ?> envelopeMap = (Map<?, ?>) envelope.value();
            for (MetadataField field : addHeaders) {
                field.valueIn(envelopeMap).ifPresent(found -> headers.add(field.outputName(), found.value(), null));
            }
        }
        return headers;
    }

    private List<HeaderSpec> headerLayout(Schema envelopeSchema) {
        return headerLayouts.get(envelopeSchema);
    }

    private List<HeaderSpec> deriveHeaderLayout(Schema envelopeSchema) {
        List<HeaderSpec> specs = new ArrayList<>(addHeaders.size());
        for (MetadataField field : addHeaders) {
            field.resolve(envelopeSchema).ifPresent(resolved -> specs.add(new HeaderSpec(field.outputName(),
                resolved)));
        }
        return List.copyOf(specs);
    }

    /** How many records passed through because they were not change events, since the transform was created. */
    public long nonEnvelopeRecordCount() {
        return nonEnvelopeRecords.count();
    }

    @Override
    public ConfigDef config() {
        return CdcUnwrapConfig.configDef();
    }

    @Override
    public void close() {
        metrics.close();
        rowLayouts = null;
        headerLayouts = null;
    }

    @Override
    public String version() {
        return PluginVersion.get();
    }

    abstract R newRecord(R record, Schema valueSchema, Object value, Headers headers);

    private record HeaderSpec(String name, MetadataField.Resolved resolved) {
    }

    /** Unwraps the change event in the record value. */
    public static final class Value<R extends ConnectRecord<R>> extends CdcUnwrap<R> {
        @Override
        R newRecord(R record, Schema valueSchema, Object value, Headers headers) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                valueSchema, value, record.timestamp(), headers);
        }
    }
}
