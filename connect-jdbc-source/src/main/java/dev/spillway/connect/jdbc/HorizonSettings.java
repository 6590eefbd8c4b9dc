package dev.spillway.connect.jdbc;

import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.jdbc.dialect.TransactionHorizon;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.time.Duration;
import java.util.List;

/**
 * How the incremental modes avoid rows that commit late ({@link TransactionHorizon}). Listed with the mode keys,
 * since only the incremental modes read them.
 */
public final class HorizonSettings {

    public static final String HORIZON_MODE_CONFIG = "horizon.mode";
    private static final String HORIZON_MODE_DOC = "How the incremental modes avoid losing rows that commit late."
        + " 'database': bound every query by the oldest transaction still in flight, as the database reports it"
        + " (PostgreSQL: pg_stat_activity, needs superuser or pg_read_all_stats; MariaDB/MySQL: INNODB_TRX and"
        + " PROCESSLIST, needs PROCESS); fail if that is not allowed. 'auto': the same, but without the privilege"
        + " (or with the generic dialect) fall back to horizon.delay.ms with a warning. 'delay': only"
        + " horizon.delay.ms, a guess that loses rows of transactions open longer than it.";

    public static final String HORIZON_DELAY_CONFIG = "horizon.delay.ms";
    private static final String HORIZON_DELAY_DOC = "Without the database horizon: how long after its timestamp"
        + " (or after its id was seen) a row counts as final. Longer is safer and slower.";
    /** Public for spillway-migrate, which compares an old connector's delay with it. */
    public static final long HORIZON_DELAY_DEFAULT = 10_000L;

    private final TransactionHorizon.Mode mode;
    private final Duration delay;

    HorizonSettings(AbstractConfig config) {
        this.mode = TransactionHorizon.Mode.parse(config.getString(HORIZON_MODE_CONFIG));
        this.delay = Duration.ofMillis(config.getLong(HORIZON_DELAY_CONFIG));
    }

    /** Adds this concern's keys to the connector's ConfigDef, after the mode keys in their group. */
    static ConfigDef define(ConfigDef def) {
        int order = (int) def.configKeys().values().stream().filter(k -> ModeSettings.GROUP.equals(k.group)).count();
        return def.define(HORIZON_MODE_CONFIG, Type.STRING, TransactionHorizon.Mode.AUTO.configValue(),
                ConfigChoice.validator(TransactionHorizon.Mode.class), Importance.MEDIUM, HORIZON_MODE_DOC,
                ModeSettings.GROUP, ++order, Width.SHORT, "Horizon", List.of(),
                ModeSettings.shownFor(HORIZON_MODE_CONFIG).listing(TransactionHorizon.Mode.class))
            .define(HORIZON_DELAY_CONFIG, Type.LONG, HORIZON_DELAY_DEFAULT, Range.atLeast(0), Importance.MEDIUM,
                HORIZON_DELAY_DOC, ModeSettings.GROUP, ++order, Width.SHORT, "Horizon delay", List.of(),
                ModeSettings.shownFor(HORIZON_DELAY_CONFIG));
    }

    public TransactionHorizon.Mode mode() {
        return mode;
    }

    public Duration delay() {
        return delay;
    }
}
