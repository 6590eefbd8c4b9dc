package dev.spillway.connect.jdbc;

import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.jdbc.metrics.PartitionMetrics;
import dev.spillway.connect.jdbc.offset.SourceOffset;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceTask.TransactionBoundary;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code mode} setting: how a table is read. Each mode knows the column keys it needs, the keys it reads at
 * all (config UIs show only those), which reader it uses and whether it can deliver exactly once.
 *
 * <p>Exactly-once delivery (KIP-618) needs a restart to resume exactly where the last committed transaction
 * ended. The incremental modes resume after the exact (ts, id) or id of the last record. Timestamp mode only
 * emits whole timestamp groups per poll, so it needs transactions of whole polls ({@code transaction.boundary=poll},
 * the default) or the connector's own boundaries. Bulk mode cannot resume mid-snapshot, so it needs the
 * connector's boundaries: one transaction per snapshot.
 */
public enum Mode implements ConfigChoice {

    BULK("bulk", List.of(), List.of()) {
        @Override
        PartitionReader newReader(PartitionReader.Context context, PartitionReader.Source source, SourceOffset offset,
                                  PartitionMetrics metrics) {
            return new BulkReader(context, source, offset, metrics);
        }

        @Override
        public ExactlyOnceSupport exactlyOnce(TransactionBoundary boundary) {
            return boundary == TransactionBoundary.CONNECTOR ? ExactlyOnceSupport.SUPPORTED
                : ExactlyOnceSupport.UNSUPPORTED;
        }
    },

    INCREMENTING("incrementing", List.of(ModeSettings.INCREMENTING_COLUMN_CONFIG),
        List.of(ModeSettings.INCREMENTING_INITIAL_CONFIG, HorizonSettings.HORIZON_MODE_CONFIG,
            HorizonSettings.HORIZON_DELAY_CONFIG)) {
        @Override
        PartitionReader newReader(PartitionReader.Context context, PartitionReader.Source source, SourceOffset offset,
                                  PartitionMetrics metrics) {
            return new IncrementingReader(context, source, offset, metrics);
        }
    },

    TIMESTAMP("timestamp", List.of(ModeSettings.TIMESTAMP_COLUMNS_CONFIG),
        List.of(ModeSettings.TIMESTAMP_INITIAL_CONFIG, HorizonSettings.HORIZON_MODE_CONFIG,
            HorizonSettings.HORIZON_DELAY_CONFIG)) {
        @Override
        PartitionReader newReader(PartitionReader.Context context, PartitionReader.Source source, SourceOffset offset,
                                  PartitionMetrics metrics) {
            return new TimestampReader(context, source, offset, null, metrics);
        }

        @Override
        public ExactlyOnceSupport exactlyOnce(TransactionBoundary boundary) {
            return boundary == TransactionBoundary.INTERVAL ? ExactlyOnceSupport.UNSUPPORTED
                : ExactlyOnceSupport.SUPPORTED;
        }
    },

    TIMESTAMP_INCREMENTING("timestamp+incrementing",
        List.of(ModeSettings.INCREMENTING_COLUMN_CONFIG, ModeSettings.TIMESTAMP_COLUMNS_CONFIG),
        List.of(ModeSettings.TIMESTAMP_INITIAL_CONFIG, HorizonSettings.HORIZON_MODE_CONFIG,
            HorizonSettings.HORIZON_DELAY_CONFIG)) {
        @Override
        PartitionReader newReader(PartitionReader.Context context, PartitionReader.Source source, SourceOffset offset,
                                  PartitionMetrics metrics) {
            return new TimestampReader(context, source, offset,
                context.config().modeSettings().incrementingColumn(), metrics);
        }
    };

    private final String configValue;
    private final List<String> requiredKeys;
    private final List<String> optionalKeys;

    Mode(String configValue, List<String> requiredKeys, List<String> optionalKeys) {
        this.configValue = configValue;
        this.requiredKeys = requiredKeys;
        this.optionalKeys = optionalKeys;
    }

    @Override
    public String configValue() {
        return configValue;
    }

    /** The keys this mode cannot run without: its id and/or timestamp column(s). */
    public List<String> requiredKeys() {
        return requiredKeys;
    }

    /** True if this mode orders rows by the incrementing column. */
    public boolean usesIncrementing() {
        return requiredKeys.contains(ModeSettings.INCREMENTING_COLUMN_CONFIG);
    }

    /** True if this mode orders rows by the last-modified column(s). */
    public boolean usesTimestamp() {
        return requiredKeys.contains(ModeSettings.TIMESTAMP_COLUMNS_CONFIG);
    }

    /** The modes that read {@code key}, for the recommenders that hide it in the others. */
    static Mode[] reading(String key) {
        return Arrays.stream(values()).filter(m -> m.requiredKeys.contains(key) || m.optionalKeys.contains(key))
            .toArray(Mode[]::new);
    }

    /** The reader of one table or query in this mode. */
    abstract PartitionReader newReader(PartitionReader.Context context, PartitionReader.Source source,
                                       SourceOffset offset, PartitionMetrics metrics);

    /** Whether this mode is exactly-once under the worker's {@code transaction.boundary}. */
    public ExactlyOnceSupport exactlyOnce(TransactionBoundary boundary) {
        return ExactlyOnceSupport.SUPPORTED;
    }
}
