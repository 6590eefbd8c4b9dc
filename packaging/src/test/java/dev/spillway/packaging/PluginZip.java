package dev.spillway.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads the built plugin zip: its entries, its lib/ jars and the plugin classes their service files declare. */
public final class PluginZip {

    static final List<String> PLUGIN_SERVICES = List.of(
            "org.apache.kafka.connect.source.SourceConnector",
            "org.apache.kafka.connect.sink.SinkConnector",
            "org.apache.kafka.connect.transforms.Transformation",
            "org.apache.kafka.connect.transforms.predicates.Predicate",
            "org.apache.kafka.connect.storage.Converter",
            "org.apache.kafka.connect.storage.HeaderConverter",
            "org.apache.kafka.common.config.provider.ConfigProvider");

    private final Path zip;

    PluginZip(Path zip) {
        this.zip = zip;
    }

    public static PluginZip fromSystemProperty() {
        String path = System.getProperty("spillway.zip");
        if (path == null) {
            throw new IllegalStateException("System property spillway.zip is not set: run through Maven (mvn verify)");
        }
        return new PluginZip(Path.of(path));
    }

    public Path path() {
        return zip;
    }

    public List<String> entries() {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Jar file names directly under the top-level folder's {@code lib/}. */
    List<String> libJars() {
        return entries().stream()
                .filter(name -> name.matches("[^/]+/lib/[^/]+\\.jar"))
                .map(name -> name.substring(name.lastIndexOf('/') + 1))
                .sorted()
                .toList();
    }

    public String read(String entrySuffix) {
        return new String(readBytes(entrySuffix), StandardCharsets.UTF_8);
    }

    public byte[] readBytes(String entrySuffix) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.stream().filter(e -> e.getName().endsWith(entrySuffix)).findFirst()
                    .orElseThrow(() -> new AssertionError("No entry ending in " + entrySuffix + " in " + zip));
            try (InputStream in = file.getInputStream(entry)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Service interface → plugin classes, read from the service files inside every lib/ jar. */
    public Map<String, List<String>> declaredPlugins() {
        Map<String, List<String>> plugins = new TreeMap<>();
        forEachLibJarEntry((jar, entry, content) -> {
            String name = entry.getName();
            if (name.startsWith("META-INF/services/")) {
                String service = name.substring("META-INF/services/".length());
                if (PLUGIN_SERVICES.contains(service)) {
                    new String(content, StandardCharsets.UTF_8).lines()
                            .map(line -> line.replaceFirst("#.*", "").trim())
                            .filter(line -> !line.isEmpty())
                            .forEach(cls -> plugins.computeIfAbsent(service, s -> new ArrayList<>()).add(cls));
                }
            }
        });
        return plugins;
    }

    /** Every class file name ({@code a/b/C.class}) in the lib/ jars. */
    List<String> classFiles() {
        List<String> classes = new ArrayList<>();
        forEachLibJarEntry((jar, entry, content) -> {
            if (entry.getName().endsWith(".class")) {
                classes.add(entry.getName());
            }
        });
        return classes;
    }

    interface JarEntryVisitor {
        void visit(String jar, JarEntry entry, byte[] content) throws IOException;
    }

    private void forEachLibJarEntry(JarEntryVisitor visitor) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry outer : file.stream().filter(e -> e.getName().matches("[^/]+/lib/[^/]+\\.jar")).toList()) {
                try (JarInputStream jar = new JarInputStream(file.getInputStream(outer))) {
                    for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                        visitor.visit(outer.getName(), entry, jar.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
