package dev.spillway.migrate;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectRestTest {

    @Test
    void anUnreachableWorkerOrABadUrlIsAOneLineRefusal() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertThatThrownBy(() -> new ConnectRest("http://127.0.0.1:" + port).get("/connectors/a/config"))
            .isInstanceOf(MigrationRefused.class).hasMessageContaining("GET /connectors/a/config at")
            .hasMessageNotContaining("null");
        assertThatThrownBy(() -> new ConnectRest("not a url").get("/x")).isInstanceOf(MigrationRefused.class)
            .hasMessageContaining("--connect-url");
    }

    @Test
    void theCommandLineExitsWithThreeAndOneLineOnStderr() {
        StringWriter err = new StringWriter();
        int code = SpillwayMigrate.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "jdbc",
            "--connect-url", "bad url", "--from", "a", "--to", "b");
        assertThat(code).isEqualTo(SpillwayMigrate.REFUSED);
        assertThat(err.toString().strip()).startsWith("spillway-migrate: ").doesNotContain("\n");
    }
}
