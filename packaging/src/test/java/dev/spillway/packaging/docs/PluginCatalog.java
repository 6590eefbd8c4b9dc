package dev.spillway.packaging.docs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Spillway plugins that the classpath declares in {@code META-INF/services}, the same files that a
 * worker with {@code plugin.discovery=service_load} reads.
 */
final class PluginCatalog {

    /** Service interfaces a worker discovers, with the word the docs use for each. */
    static final Map<String, String> SERVICE_KINDS = Map.of(
            "org.apache.kafka.connect.source.SourceConnector", "source connector",
            "org.apache.kafka.connect.sink.SinkConnector", "sink connector",
            "org.apache.kafka.connect.transforms.Transformation", "transformation",
            "org.apache.kafka.connect.transforms.predicates.Predicate", "predicate",
            "org.apache.kafka.connect.storage.Converter", "converter",
            "org.apache.kafka.connect.storage.HeaderConverter", "header converter",
            "org.apache.kafka.common.config.provider.ConfigProvider", "config provider");

    private static final String OWN_PACKAGE = "dev.spillway.";

    record Plugin(String className, String kind) {
        /** The class a doc page is named after: {@code Mask$Value} is documented with {@code Mask}. */
        String topLevelClassName() {
            int nested = className.indexOf('$');
            return nested < 0 ? className : className.substring(0, nested);
        }
    }

    private PluginCatalog() {
    }

    static List<Plugin> spillwayPlugins(ClassLoader loader) {
        List<Plugin> plugins = new ArrayList<>();
        new TreeMap<>(SERVICE_KINDS).forEach((service, kind) -> {
            for (String className : serviceEntries(loader, service)) {
                if (className.startsWith(OWN_PACKAGE)) {
                    plugins.add(new Plugin(className, kind));
                }
            }
        });
        plugins.sort((a, b) -> a.className().compareTo(b.className()));
        return plugins;
    }

    private static List<String> serviceEntries(ClassLoader loader, String service) {
        List<String> names = new ArrayList<>();
        try {
            Enumeration<URL> files = loader.getResources("META-INF/services/" + service);
            for (URL file : Collections.list(files)) {
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
                    reader.lines()
                            .map(line -> line.replaceFirst("#.*", "").trim())
                            .filter(line -> !line.isEmpty())
                            .forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read service files for " + service, e);
        }
        return names;
    }
}
