package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.discovery.TableId;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import java.util.List;
import java.util.Map;

/** A task's configuration: the connector's plus the tables the task owns (empty in query mode). */
public final class JdbcSourceTaskConfig extends JdbcSourceConfig {

    public static final String TASK_TABLES_CONFIG = "task.tables";
    private static final String TASK_TABLES_DOC = "The tables this task reads, each percent-encoded as"
        + " schema.table; set by the connector.";

    private static final ConfigDef TASK_CONFIG_DEF = new ConfigDef(CONFIG_DEF)
        .define(TASK_TABLES_CONFIG, Type.LIST, List.of(), Importance.HIGH, TASK_TABLES_DOC);

    public JdbcSourceTaskConfig(Map<?, ?> originals) {
        super(TASK_CONFIG_DEF, originals);
    }

    public List<TableId> tables() {
        return getList(TASK_TABLES_CONFIG).stream().map(TableId::decode).toList();
    }
}
