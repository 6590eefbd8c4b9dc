package dev.spillway.testcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void picksDistinctBindableLoopbackPorts() throws IOException {
        int[] ports = FreePorts.pick(5);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(5);
        for (int port : ports) {
            assertThat(port).isBetween(1, 65535);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(FreePorts.LOOPBACK, port));
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void neverHandsOutThePortOfAnotherProcessAgain() {
        int[] first = FreePorts.pick(3);
        int[] second = FreePorts.pick(3);

        assertThat(second).doesNotContain(first);
        assertThat(FreePorts.pick()).isNotIn(Arrays.stream(first).boxed().toList());
    }
}
