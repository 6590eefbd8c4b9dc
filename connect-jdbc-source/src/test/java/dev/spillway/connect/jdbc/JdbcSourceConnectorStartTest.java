package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** start() with a database nobody listens for: the connector runs with no tasks instead of failing. */
class JdbcSourceConnectorStartTest {

    private static final String MONITOR_THREAD = "spillway-jdbc-table-monitor-";

    @Test
    void aRefusedConnectionAtStartLeavesTheConnectorRunningWithNoTasksAndStopEndsTheRetries() throws Exception {
        Map<String, String> props = TestDatabase.POSTGRES.taskConfig("s", "t", "incrementing");
        props.put("name", "start-outage-unit");
        props.put("connection.url", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/test");
        props.put("connection.password", "secret-pw");
        props.put("table.poll.interval.ms", "0");
        JdbcSourceConnector connector = new JdbcSourceConnector();
        RecordingConnectorContext context = new RecordingConnectorContext();
        connector.initialize(context);
        connector.start(props);
        assertThat(connector.taskConfigs(4)).as("no tasks while the tables are unknown").isEmpty();
        assertThat(monitorThreadAlive()).as("discovery retried on the monitor, although table.poll.interval.ms=0")
            .isTrue();
        connector.stop();
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (monitorThreadAlive() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(monitorThreadAlive()).as("monitor thread after stop()").isFalse();
        assertThat(context.reconfigurations).hasValue(0);
        assertThat(context.errors).isEmpty();
    }

    @Test
    void aUrlNoDriverAcceptsStillFailsStartAtOnce() {
        Map<String, String> props = TestDatabase.POSTGRES.taskConfig("s", "t", "incrementing");
        props.put("connection.url", "jdbc:nosuchdb://127.0.0.1:1/test");
        JdbcSourceConnector connector = new JdbcSourceConnector();
        connector.initialize(new RecordingConnectorContext());
        assertThatThrownBy(() -> connector.start(props)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("connection.url");
    }

    private static boolean monitorThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.isAlive() && t.getName().equals(MONITOR_THREAD + "start-outage-unit"));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
