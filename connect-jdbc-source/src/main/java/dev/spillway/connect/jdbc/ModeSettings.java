package dev.spillway.connect.jdbc;

import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.common.config.VisibleWhen;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.util.ArrayList;
import java.util.List;

/** The read {@link Mode} and the columns and starting points it reads by; config UIs show only what it uses. */
public final class ModeSettings {

    static final String GROUP = "Mode";

    public static final String MODE_CONFIG = "mode";
    private static final String MODE_DOC = "bulk: the whole table every poll.interval.ms (deletes show as rows"
        + " that stop appearing). incrementing: new rows by a strictly increasing column (inserts only)."
        + " timestamp: new and updated rows by a last-modified column. timestamp+incrementing: the same, with the"
        + " incrementing column ordering rows that share a timestamp (the most precise mode). In the incremental"
        + " modes a row is only read once no transaction still open could commit an older one: see horizon.mode"
        + " and docs/jdbc-source.md.";

    public static final String INCREMENTING_COLUMN_CONFIG = "incrementing.column.name";
    private static final String INCREMENTING_COLUMN_DOC = "The strictly increasing column (a sequence, identity,"
        + " SERIAL or AUTO_INCREMENT; integer or NUMERIC of scale 0, beyond BIGINT is fine) for incrementing and"
        + " timestamp+incrementing. Values must come from the database when the row is inserted.";

    public static final String TIMESTAMP_COLUMNS_CONFIG = "timestamp.column.name";
    private static final String TIMESTAMP_COLUMNS_DOC = "The last-modified column for timestamp and"
        + " timestamp+incrementing, or several, comma-separated, combined as COALESCE in that order (e.g."
        + " updated_at,created_at). The database must set it when the row is written (DEFAULT now() plus an"
        + " update trigger on PostgreSQL; DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP on MariaDB), never"
        + " the application's clock.";

    public static final String TIMESTAMP_INITIAL_CONFIG = "timestamp.initial";
    private static final String TIMESTAMP_INITIAL_DOC = "Where a timestamp mode starts when no offset is stored:"
        + " 'earliest' (every row) or 'now' (rows written from the connector's first start on).";

    public static final String INCREMENTING_INITIAL_CONFIG = "incrementing.initial";
    private static final String INCREMENTING_INITIAL_DOC = "Where incrementing mode starts when no offset is"
        + " stored: 'earliest' (every row) or 'now' (ids above the highest one at the first start).";

    /** The keys some mode reads, re-validated whenever the mode changes. */
    private static final List<String> DEPENDENTS = List.of(INCREMENTING_COLUMN_CONFIG, TIMESTAMP_COLUMNS_CONFIG,
        TIMESTAMP_INITIAL_CONFIG, INCREMENTING_INITIAL_CONFIG, HorizonSettings.HORIZON_MODE_CONFIG,
        HorizonSettings.HORIZON_DELAY_CONFIG);

    private final Mode mode;
    private final String incrementingColumn;
    private final List<String> timestampColumns;
    private final InitialPosition timestampInitial;
    private final InitialPosition incrementingInitial;

    ModeSettings(AbstractConfig config) {
        this.mode = ConfigChoice.parse(Mode.class, MODE_CONFIG, config.getString(MODE_CONFIG));
        this.incrementingColumn = config.getString(INCREMENTING_COLUMN_CONFIG).trim();
        this.timestampColumns = RecordSettings.columns(config.getList(TIMESTAMP_COLUMNS_CONFIG));
        this.timestampInitial = ConfigChoice.parse(InitialPosition.class, TIMESTAMP_INITIAL_CONFIG,
            config.getString(TIMESTAMP_INITIAL_CONFIG));
        this.incrementingInitial = ConfigChoice.parse(InitialPosition.class, INCREMENTING_INITIAL_CONFIG,
            config.getString(INCREMENTING_INITIAL_CONFIG));
    }

    /** Adds this concern's keys to the connector's ConfigDef. */
    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def.define(MODE_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigChoice.validator(Mode.class),
                Importance.HIGH, MODE_DOC, GROUP, ++order, Width.MEDIUM, "Mode", DEPENDENTS,
                ConfigChoice.recommender(Mode.class))
            .define(INCREMENTING_COLUMN_CONFIG, Type.STRING, "", Importance.HIGH, INCREMENTING_COLUMN_DOC, GROUP,
                ++order, Width.MEDIUM, "Incrementing column", List.of(), shownFor(INCREMENTING_COLUMN_CONFIG))
            .define(TIMESTAMP_COLUMNS_CONFIG, Type.LIST, List.of(), Importance.HIGH, TIMESTAMP_COLUMNS_DOC, GROUP,
                ++order, Width.MEDIUM, "Timestamp columns", List.of(), shownFor(TIMESTAMP_COLUMNS_CONFIG))
            .define(TIMESTAMP_INITIAL_CONFIG, Type.STRING, InitialPosition.EARLIEST.configValue(),
                ConfigChoice.validator(InitialPosition.class), Importance.MEDIUM, TIMESTAMP_INITIAL_DOC, GROUP,
                ++order, Width.SHORT, "Initial timestamp", List.of(),
                shownFor(TIMESTAMP_INITIAL_CONFIG).listing(InitialPosition.class))
            .define(INCREMENTING_INITIAL_CONFIG, Type.STRING, InitialPosition.EARLIEST.configValue(),
                ConfigChoice.validator(InitialPosition.class), Importance.MEDIUM, INCREMENTING_INITIAL_DOC, GROUP,
                ++order, Width.SHORT, "Initial id", List.of(),
                shownFor(INCREMENTING_INITIAL_CONFIG).listing(InitialPosition.class));
    }

    /** Visible only while the mode is one that reads {@code key}. */
    static VisibleWhen shownFor(String key) {
        return VisibleWhen.keyIs(MODE_CONFIG, Mode.reading(key));
    }

    /** Each column key the mode requires must be set. */
    List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (mode.usesIncrementing() && incrementingColumn.isEmpty()) {
            problems.add(new Problem(INCREMENTING_COLUMN_CONFIG, "mode=" + mode.configValue()
                + " needs incrementing.column.name: the strictly increasing id column."));
        }
        if (mode.usesTimestamp() && timestampColumns.isEmpty()) {
            problems.add(new Problem(TIMESTAMP_COLUMNS_CONFIG, "mode=" + mode.configValue()
                + " needs timestamp.column.name: the last-modified column(s)."));
        }
        return problems;
    }

    public Mode mode() {
        return mode;
    }

    public String incrementingColumn() {
        return incrementingColumn;
    }

    public List<String> timestampColumns() {
        return timestampColumns;
    }

    public boolean timestampFromNow() {
        return timestampInitial == InitialPosition.NOW;
    }

    public boolean incrementingFromNow() {
        return incrementingInitial == InitialPosition.NOW;
    }
}
