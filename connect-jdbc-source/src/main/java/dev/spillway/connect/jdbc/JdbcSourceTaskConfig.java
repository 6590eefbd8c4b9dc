package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.snapshot.SnapshotRange;
import dev.spillway.connect.jdbc.snapshot.SplitStart;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A task's configuration: the connector's plus the tables and key ranges the task owns (empty in
 * query mode). */
public final class JdbcSourceTaskConfig extends JdbcSourceConfig {

    public static final String TASK_TABLES_CONFIG = "task.tables";
    private static final String TASK_TABLES_DOC = "The tables this task reads, each percent-encoded as"
        + " schema.table; set by the connector.";

    public static final String TASK_RANGES_CONFIG = "task.ranges";
    private static final String TASK_RANGES_DOC = "The key ranges of tables snapshotted in parallel that this task"
        + " reads; set by the connector.";

    public static final String TASK_SPLIT_TABLES_CONFIG = "task.split.tables";
    private static final String TASK_SPLIT_TABLES_DOC = "Where the own partition of each split table among"
        + " task.tables starts when it has no offset yet; set by the connector.";

    private static final ConfigDef TASK_CONFIG_DEF = new ConfigDef(CONFIG_DEF)
        .define(TASK_TABLES_CONFIG, Type.LIST, List.of(), Importance.HIGH, TASK_TABLES_DOC)
        .define(TASK_RANGES_CONFIG, Type.LIST, List.of(), Importance.HIGH, TASK_RANGES_DOC)
        .define(TASK_SPLIT_TABLES_CONFIG, Type.LIST, List.of(), Importance.HIGH, TASK_SPLIT_TABLES_DOC);

    public JdbcSourceTaskConfig(Map<?, ?> originals) {
        super(TASK_CONFIG_DEF, originals);
    }

    public List<TableId> tables() {
        return getList(TASK_TABLES_CONFIG).stream().map(TableId::decode).toList();
    }

    public List<SnapshotRange> ranges() {
        return getList(TASK_RANGES_CONFIG).stream().map(SnapshotRange::decode).toList();
    }

    public Map<TableId, SplitStart> splitStarts() {
        Map<TableId, SplitStart> starts = new HashMap<>();
        getList(TASK_SPLIT_TABLES_CONFIG).stream().map(SplitStart::decode).forEach(s -> starts.put(s.table(), s));
        return starts;
    }
}
