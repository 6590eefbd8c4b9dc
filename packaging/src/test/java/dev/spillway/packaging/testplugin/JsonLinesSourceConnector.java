package dev.spillway.packaging.testplugin;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Test-only source: each line of a file holds a record's key and value as JsonConverter JSON (with or without
 * the schema envelope), so a test can feed a real worker records of exactly the shape it wants, e.g.
 * Debezium-style change events, and watch Spillway's transforms work on them inside the worker.
 */
public class JsonLinesSourceConnector extends SourceConnector {

    static final String FILE = "file";
    static final String TOPIC = "topic";
    static final String SCHEMAS_ENABLE = "schemas.enable";

    static final ConfigDef CONFIG = new ConfigDef()
            .define(FILE, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "File of JSON lines {\"key\":..,\"value\":..}")
            .define(TOPIC, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Topic to write to")
            .define(SCHEMAS_ENABLE, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.LOW,
                    "Whether key and value are JsonConverter schema envelopes");

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JsonLinesSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        return "test";
    }
}
