package dev.spillway.connect.smt.predicates;

import dev.spillway.connect.common.version.PluginVersion;
import dev.spillway.connect.smt.cdc.Envelope;
import dev.spillway.connect.smt.cdc.Operation;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import java.util.Map;

/**
 * Matches the records that stand for a deleted row in a Debezium-style change stream: change events with
 * {@code op=d} (with a schema or without) and tombstones (records whose value is null). With {@code negate=true} it
 * matches every other record: inserts, reads and updates, but also truncates, {@code op=m} messages and records that
 * are not change events.
 *
 * <p>Records that are not change events (nor tombstones) never match. Takes no configuration; never fails a record.
 *
 * @param <R> the record type
 */
public class IsCdcDelete<R extends ConnectRecord<R>> implements Predicate<R>, Versioned {

    public static final String OVERVIEW_DOC = "Matches Debezium-style deletes: change events whose op is 'd' (values"
        + " with a schema or schemaless maps) and tombstones (records with a null value). With negate=true it"
        + " matches every other record instead: inserts, snapshot reads and updates, but also truncates, op=m"
        + " messages and records that are not change events (heartbeats, schema changes), which never match.";

    private static final ConfigDef CONFIG_DEF = new ConfigDef();

    @Override
    public void configure(Map<String, ?> props) {
    }

    @Override
    public boolean test(R record) {
        Object value = record.value();
        if (value == null) {
            return true;
        }
        Envelope.Recognition recognition = Envelope.recognize(value);
        return recognition.isEnvelope() && Operation.DELETE.code().equals(recognition.envelope().opCode());
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef(CONFIG_DEF);
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
        return getClass().getSimpleName();
    }
}
