package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** stop() while poll() waits for a connection to a database that is down. */
class JdbcSourceTaskStopTest {

    @Test
    void stopEndsAPollWaitingForAConnectionToADatabaseThatIsDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> props = TestDatabase.POSTGRES.taskConfig("s", "t", "incrementing");
        props.put("connection.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/test");
        // Far longer than the wait below: only stop() can end the poll in time.
        props.put("connection.timeout.ms", "600000");
        JdbcSourceTask task = new JdbcSourceTask();
        task.start(props);
        CompletableFuture<Throwable> poll = CompletableFuture.supplyAsync(() -> {
            try {
                task.poll();
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        Thread.sleep(1000);
        task.stop();
        assertThat(poll.get(120, TimeUnit.SECONDS)).as("what the poll ended with").isNull();
    }
}
