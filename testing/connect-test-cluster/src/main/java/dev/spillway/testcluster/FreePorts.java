package dev.spillway.testcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Picks free TCP ports on the loopback interface. */
final class FreePorts {

    static final InetAddress LOOPBACK;

    static {
        try {
            LOOPBACK = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Ports handed out by this JVM. A process keeps its ports across restarts, so a port must not be given to another
     * process in the meantime just because it is momentarily unbound.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final int MAX_ATTEMPTS = 100;

    private FreePorts() {
    }

    static int pick() {
        return pick(1)[0];
    }

    /** Returns {@code count} distinct ports that were free a moment ago and were never handed out by this JVM. */
    static synchronized int[] pick(int count) {
        List<ServerSocket> held = new ArrayList<>();
        int[] ports = new int[count];
        try {
            int found = 0;
            for (int attempt = 0; found < count && attempt < MAX_ATTEMPTS; attempt++) {
                // Keep every socket bound until all are picked so the OS cannot hand us the same port twice.
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.bind(new InetSocketAddress(LOOPBACK, 0));
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    ports[found++] = port;
                }
            }
            if (found < count) {
                throw new IllegalStateException("Could not find " + count + " free loopback ports");
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind a loopback port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a bound, never-connected server socket does not fail in practice.
                }
            }
        }
    }
}
