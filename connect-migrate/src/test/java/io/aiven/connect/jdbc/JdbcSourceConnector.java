package io.aiven.connect.jdbc;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

import java.util.List;
import java.util.Map;

/**
 * A stand-in under the class name of Aiven's JDBC source, which is not available here: it runs no task and
 * accepts any offsets, so a test can store Aiven-shaped offsets for it through the worker's offsets API and
 * migrate them as if Aiven's connector had written them. It is Spillway test code, not Aiven's.
 */
public class JdbcSourceConnector extends SourceConnector {

    @Override
    public void start(Map<String, String> props) {
    }

    @Override
    public Class<? extends Task> taskClass() {
        return NoTask.class;
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
