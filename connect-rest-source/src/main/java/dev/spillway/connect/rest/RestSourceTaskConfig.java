package dev.spillway.connect.rest;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import java.util.List;
import java.util.Map;

/** A task's configuration: the connector's plus the endpoints the task owns. */
public final class RestSourceTaskConfig extends RestSourceConfig {

    public static final String TASK_ENDPOINTS_CONFIG = "task.endpoints";
    private static final String TASK_ENDPOINTS_DOC = "The entries of 'endpoints' this task polls; set by the"
        + " connector.";

    private static final ConfigDef TASK_CONFIG_DEF = new ConfigDef(CONFIG_DEF)
        .define(TASK_ENDPOINTS_CONFIG, Type.LIST, Importance.HIGH, TASK_ENDPOINTS_DOC);

    public RestSourceTaskConfig(Map<?, ?> originals) {
        super(TASK_CONFIG_DEF, originals);
    }

    /** Only this task's entries; the per-endpoint settings still come from the whole configuration. */
    @Override
    public List<String> endpointEntries() {
        return getList(TASK_ENDPOINTS_CONFIG);
    }
}
