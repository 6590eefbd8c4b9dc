package dev.spillway.testcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A private server stops, crashes and comes back on the same port; its processes carry the owner tag. */
class DatabaseServerIT {

    @ParameterizedTest
    @EnumSource(DatabaseServer.Kind.class)
    void stopsKillsAndRestartsOnTheSamePort(DatabaseServer.Kind kind, @TempDir Path logs) throws Exception {
        long serverPid;
        try (DatabaseServer server = DatabaseServer.start(kind, logs)) {
            int port = server.port();
            assertThat(server.jdbcUrl("db")).endsWith("://127.0.0.1:" + port + "/db");
            connect(port);
            serverPid = server.pid().orElseThrow();
            assertThat(ProcessRegistry.ownerOf(ProcessHandle.of(serverPid).orElseThrow().info().arguments()
                .map(List::of).orElseThrow()))
                .hasValueSatisfying(owner -> assertThat(owner.pid()).isEqualTo(ProcessHandle.current().pid()));

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> connect(port)).isInstanceOf(IOException.class);
            server.start();
            connect(port);

            server.kill();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> connect(port)).isInstanceOf(IOException.class);
            server.start();
            connect(port);
            assertThat(server.port()).isEqualTo(port);
        }
        assertThat(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @ParameterizedTest
    @EnumSource(DatabaseServer.Kind.class)
    void passesServerOptionsOnEveryStart(DatabaseServer.Kind kind, @TempDir Path logs) throws Exception {
        List<String> options = kind == DatabaseServer.Kind.POSTGRESQL ? List.of("-c", "wal_level=logical")
            : List.of("--log-bin=binlog", "--binlog-format=ROW", "--server-id=1");
        try (DatabaseServer server = DatabaseServer.start(kind, logs, options)) {
            connect(server.port());
            assertThat(arguments(server)).containsSubsequence(options);

            server.stop();
            server.start();
            connect(server.port());
            assertThat(arguments(server)).containsSubsequence(options);
        }
    }

    private static List<String> arguments(DatabaseServer server) {
        return ProcessHandle.of(server.pid().orElseThrow()).orElseThrow().info().arguments().map(List::of)
            .orElseThrow();
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        }
    }
}
