package dev.spillway.connect.jdbc;

import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.jdbc.schema.TypeSettings;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the {@link JdbcSourceConnector}, composed of one settings class per concern, each declaring its
 * keys, parsing them and checking the keys that are only wrong together; {@link JdbcSourceTaskConfig} adds the
 * tables of one task. {@link #problems()} is shared by the constructor and {@code JdbcSourceConnector.validate()}.
 */
public class JdbcSourceConfig extends AbstractConfig {

    static final ConfigDef CONFIG_DEF = define(new ConfigDef());

    private final ConnectionSettings connection;
    private final TableSettings tables;
    private final ModeSettings mode;
    private final HorizonSettings horizon;
    private final RecordSettings records;
    private final PollingSettings polling;
    private final SnapshotSettings snapshot;
    private final TypeSettings types;

    /** The keys in the order of the generated reference: connection, tables, mode, records, polling, snapshot,
     * types. */
    private static ConfigDef define(ConfigDef def) {
        ConnectionSettings.define(def);
        TableSettings.define(def);
        ModeSettings.define(def);
        HorizonSettings.define(def);
        RecordSettings.define(def);
        PollingSettings.define(def);
        SnapshotSettings.define(def);
        return TypeSettings.define(def);
    }

    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    public JdbcSourceConfig(Map<?, ?> originals) {
        this(CONFIG_DEF, originals);
    }

    protected JdbcSourceConfig(ConfigDef def, Map<?, ?> originals) {
        this(def, originals, true);
    }

    private JdbcSourceConfig(ConfigDef def, Map<?, ?> originals, boolean check) {
        super(def, originals, false);
        this.connection = new ConnectionSettings(this);
        this.tables = new TableSettings(this);
        this.mode = new ModeSettings(this);
        this.horizon = new HorizonSettings(this);
        this.records = new RecordSettings(this);
        this.polling = new PollingSettings(this);
        this.snapshot = new SnapshotSettings(this);
        this.types = TypeSettings.from(this);
        if (check) {
            List<Problem> problems = problems();
            if (!problems.isEmpty()) {
                throw problems.get(0).toException();
            }
        }
    }

    /** Parsed and single-key validated, but without the cross-key check: for validate() to list every problem. */
    static JdbcSourceConfig unchecked(Map<?, ?> originals) {
        return new JdbcSourceConfig(CONFIG_DEF, originals, false);
    }

    /** The cross-key problems, each naming its key; empty if the combination is fine. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>(tables.problems());
        problems.addAll(mode.problems());
        problems.addAll(records.problems(tables.isQueryMode()));
        problems.addAll(connection.problems());
        return problems;
    }

    public ConnectionSettings connectionSettings() {
        return connection;
    }

    public TableSettings tableSettings() {
        return tables;
    }

    public ModeSettings modeSettings() {
        return mode;
    }

    public HorizonSettings horizonSettings() {
        return horizon;
    }

    public RecordSettings recordSettings() {
        return records;
    }

    public PollingSettings pollingSettings() {
        return polling;
    }

    public SnapshotSettings snapshotSettings() {
        return snapshot;
    }

    public TypeSettings typeSettings() {
        return types;
    }
}
