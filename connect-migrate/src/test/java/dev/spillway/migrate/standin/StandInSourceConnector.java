package dev.spillway.migrate.standin;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.source.SourceConnector;

import java.util.List;
import java.util.Map;

/**
 * What the stand-ins for other vendors' JDBC sources share: they run no task and accept any offsets, so a test can
 * store vendor-shaped offsets for them through the worker's offsets API. Each stand-in adds only its class name
 * (and its task's); its plugin directory holds this package's jar too, as plugins do not see each other's classes.
 */
public abstract class StandInSourceConnector extends SourceConnector {

    @Override
    public void start(Map<String, String> props) {
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of();
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public String version() {
        return "stand-in";
    }

    @Override
    public boolean alterOffsets(Map<String, String> config, Map<Map<String, ?>, Map<String, ?>> offsets) {
        return true;
    }
}
