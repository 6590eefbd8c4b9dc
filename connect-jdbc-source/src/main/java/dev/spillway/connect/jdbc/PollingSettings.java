package dev.spillway.connect.jdbc;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.time.Duration;

/** How many rows one poll of a table returns, and how long a table without new rows rests. */
public final class PollingSettings {

    private static final String GROUP = "Polling";

    public static final String BATCH_MAX_ROWS_CONFIG = "batch.max.rows";
    private static final String BATCH_MAX_ROWS_DOC = "At most this many rows per poll() of one table (also the"
        + " fetch size of bulk reads, which stream through tables of any size). In timestamp mode, rows sharing"
        + " the last timestamp of a batch are kept for the next one, and a single timestamp with more rows than"
        + " this is read whole.";

    public static final String POLL_INTERVAL_CONFIG = "poll.interval.ms";
    private static final String POLL_INTERVAL_DOC = "How long a table that had no new rows waits before it is"
        + " asked again (and how often bulk mode re-reads a table).";

    private final int batchMaxRows;
    private final Duration pollInterval;

    PollingSettings(AbstractConfig config) {
        this.batchMaxRows = config.getInt(BATCH_MAX_ROWS_CONFIG);
        this.pollInterval = Duration.ofMillis(config.getLong(POLL_INTERVAL_CONFIG));
    }

    /** Adds this concern's keys to the connector's ConfigDef. */
    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def.define(BATCH_MAX_ROWS_CONFIG, Type.INT, 1000, Range.between(1, 1_000_000), Importance.LOW,
                BATCH_MAX_ROWS_DOC, GROUP, ++order, Width.SHORT, "Batch rows")
            .define(POLL_INTERVAL_CONFIG, Type.LONG, 5_000L, Range.atLeast(10), Importance.MEDIUM,
                POLL_INTERVAL_DOC, GROUP, ++order, Width.SHORT, "Poll interval");
    }

    public int batchMaxRows() {
        return batchMaxRows;
    }

    public Duration pollInterval() {
        return pollInterval;
    }
}
