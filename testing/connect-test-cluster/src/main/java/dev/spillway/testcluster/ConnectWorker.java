package dev.spillway.testcluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A Kafka Connect distributed worker in a JVM of its own. */
public final class ConnectWorker extends ConnectWorkerProcess {

    static final String MAIN_CLASS = "org.apache.kafka.connect.cli.ConnectDistributed";

    private final int index;

    ConnectWorker(int index, String clusterName, KafkaDistribution distribution, String bootstrapServers, Path dir,
                  Path logFile, List<Path> pluginPath, Map<String, String> extraProperties, List<String> jvmOptions,
                  Map<String, String> logLevels, Duration startupTimeout) {
        super("worker-" + index, "Connect worker " + index, clusterName, distribution, dir, logFile,
                port -> properties(clusterName, bootstrapServers, port, pluginPath, extraProperties), MAIN_CLASS,
                List.of(), jvmOptions, logLevels, startupTimeout);
        this.index = index;
    }

    /**
     * The worker configuration. {@code overrides} win over the defaults, and a {@code null} override removes a
     * default. Internal topics are named after the cluster so that several clusters could share a broker.
     */
    static Map<String, String> properties(String clusterName, String bootstrapServers, int port,
                                          List<Path> pluginPath, Map<String, String> overrides) {
        Map<String, String> props = commonProperties(bootstrapServers, port, pluginPath);
        props.put("group.id", clusterName);
        props.put("config.storage.topic", clusterName + "-configs");
        props.put("offset.storage.topic", clusterName + "-offsets");
        props.put("status.storage.topic", clusterName + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        // The default of 5 minutes keeps the tasks of a killed worker unassigned far longer than any test waits.
        props.put("scheduled.rebalance.max.delay.ms", "10000");
        return withOverrides(props, overrides);
    }

    /** Position of this worker in its cluster, from 0. */
    public int index() {
        return index;
    }

    /** The id Connect reports in statuses for this worker: {@code 127.0.0.1:<port>}. */
    public String workerId() {
        return "127.0.0.1:" + port();
    }
}
