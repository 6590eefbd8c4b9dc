package dev.spillway.testcluster;

import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A worker's MBeans read the way operators read them: over remote JMX on a loopback port (start the workers with
 * {@link #remoteJmxOptions(int)}), or through a local agent started in a running JVM with the Attach API, which
 * needs no port chosen in advance (for workers added later).
 */
public final class Jmx {

    private Jmx() {
    }

    /** A free loopback port for {@link #remoteJmxOptions(int)}. */
    public static int freeLoopbackPort() {
        return FreePorts.pick();
    }

    /** Worker JVM options: remote JMX without authentication on one loopback port (registry and connections). */
    public static List<String> remoteJmxOptions(int port) {
        return List.of(
            "-Dcom.sun.management.jmxremote.port=" + port,
            "-Dcom.sun.management.jmxremote.rmi.port=" + port,
            "-Dcom.sun.management.jmxremote.host=127.0.0.1",
            "-Dcom.sun.management.jmxremote.local.only=true",
            "-Dcom.sun.management.jmxremote.authenticate=false",
            "-Dcom.sun.management.jmxremote.ssl=false",
            "-Djava.rmi.server.hostname=127.0.0.1");
    }

    /** A client of the remote JMX that {@link #remoteJmxOptions(int)} opened on {@code port}. */
    public static JMXConnector connect(int port) throws IOException {
        return JMXConnectorFactory.connect(new JMXServiceURL(
            "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
    }

    /** A JMX connection to a local JVM through the management agent the Attach API starts in it. */
    public static JMXConnector attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
            vm.detach();
        }
    }

    /** A numeric attribute as a double. */
    public static double value(MBeanServerConnection mbeans, ObjectName name, String attribute) throws Exception {
        return ((Number) mbeans.getAttribute(name, attribute)).doubleValue();
    }

    /**
     * Spillway's metrics on any version: its own {@code spillway} domain, and the worker's KIP-877 plugin metrics
     * ({@code kafka.connect:type=plugins}, 4.1+), where only plugins that register metrics appear.
     */
    public static Set<ObjectName> spillwayMBeans(MBeanServerConnection mbeans) throws Exception {
        Set<ObjectName> names = new HashSet<>(mbeans.queryNames(new ObjectName("spillway:*"), null));
        names.addAll(mbeans.queryNames(new ObjectName("kafka.connect:type=plugins,*"), null));
        return names;
    }

    /** The {@code task} tags of these MBeans. */
    public static Set<String> taskTags(Set<ObjectName> names) {
        return names.stream().map(name -> name.getKeyProperty("task")).collect(Collectors.toSet());
    }
}
