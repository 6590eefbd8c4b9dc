package dev.spillway.packaging.docs;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Renders one Markdown page per plugin from its {@link ConfigDef}, so the reference in {@code docs/config/} is
 * written by the code it describes and cannot drift from it.
 */
final class ConfigDocRenderer {

    static final String GENERATED_NOTE = "<!-- Generated from the plugins' ConfigDefs by packaging/src/test/java/"
            + "dev/spillway/packaging/docs/ConfigDocsTest.java. Do not edit: run "
            + "`mvn -B -pl packaging -am test` and commit the result. -->";

    private ConfigDocRenderer() {
    }

    /** File name → content, for every plugin page and the index. */
    static Map<String, String> render(List<PluginCatalog.Plugin> plugins, ClassLoader loader) {
        Map<String, List<PluginCatalog.Plugin>> byTopLevel = plugins.stream().collect(
                Collectors.groupingBy(PluginCatalog.Plugin::topLevelClassName, TreeMap::new, Collectors.toList()));
        Map<String, String> pages = new TreeMap<>();
        StringBuilder index = new StringBuilder()
                .append("# Configuration reference\n\n")
                .append(GENERATED_NOTE).append("\n\n")
                .append("| plugin | kind | classes |\n|---|---|---|\n");
        byTopLevel.forEach((topLevel, variants) -> {
            String fileName = fileName(topLevel);
            pages.put(fileName, page(topLevel, variants, loader));
            index.append("| [").append(simpleName(topLevel)).append("](").append(fileName).append(") | ")
                    .append(variants.get(0).kind()).append(" | ")
                    .append(variants.stream().map(p -> "`" + p.className() + "`").collect(Collectors.joining("<br>")))
                    .append(" |\n");
        });
        if (byTopLevel.isEmpty()) {
            index.append("| _none yet_ | | |\n");
        }
        pages.put("README.md", index.toString());
        return pages;
    }

    static String fileName(String topLevelClassName) {
        String simple = simpleName(topLevelClassName);
        return simple.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT) + ".md";
    }

    private static String page(String topLevel, List<PluginCatalog.Plugin> variants, ClassLoader loader) {
        Object instance = instantiate(variants.get(0).className(), loader);
        ConfigDef def = configDef(instance);
        StringBuilder out = new StringBuilder();
        out.append("# ").append(simpleName(topLevel)).append("\n\n").append(GENERATED_NOTE).append("\n\n");
        overview(topLevel, loader).ifPresent(text -> out.append(text.strip()).append("\n\n"));
        out.append("| class | kind | version |\n|---|---|---|\n");
        for (PluginCatalog.Plugin variant : variants) {
            out.append("| `").append(variant.className()).append("` | ").append(variant.kind()).append(" | ")
                    .append(version(instantiate(variant.className(), loader))).append(" |\n");
        }
        out.append('\n');
        if (def.configKeys().isEmpty()) {
            out.append("This plugin takes no configuration.\n");
            return out.toString();
        }
        for (Map.Entry<String, List<ConfigKey>> group : groups(def).entrySet()) {
            out.append("## ").append(group.getKey()).append("\n\n");
            for (ConfigKey key : group.getValue()) {
                key(out, key);
            }
        }
        return out.toString();
    }

    private static void key(StringBuilder out, ConfigKey key) {
        out.append("### `").append(key.name).append("`\n\n");
        if (key.documentation != null && !key.documentation.isBlank()) {
            out.append(key.documentation.strip()).append("\n\n");
        }
        out.append("- Type: ").append(key.type.name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        if (!key.hasDefault()) {
            out.append("- Required: yes\n");
        } else {
            out.append("- Default: ").append(defaultValue(key)).append('\n');
        }
        if (key.validator != null) {
            String valid = key.validator.toString();
            if (!valid.isBlank() && !valid.contains("@")) {
                out.append("- Valid values: ").append(valid.strip()).append('\n');
            }
        }
        out.append("- Importance: ").append(key.importance.name().toLowerCase(java.util.Locale.ROOT)).append("\n\n");
    }

    private static String defaultValue(ConfigKey key) {
        Object value = key.defaultValue;
        if (value == null) {
            return "null";
        }
        if (key.type == Type.PASSWORD || value instanceof Password) {
            return "[hidden]";
        }
        String text = key.type == Type.LIST && value instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(value);
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    /** Keys by group, groups in declaration order, keys in {@code orderInGroup} then name order. */
    private static Map<String, List<ConfigKey>> groups(ConfigDef def) {
        Map<String, List<ConfigKey>> groups = new LinkedHashMap<>();
        for (String group : def.groups()) {
            groups.put(group, new ArrayList<>());
        }
        for (ConfigKey key : def.configKeys().values()) {
            groups.computeIfAbsent(key.group == null ? "Other" : key.group, g -> new ArrayList<>()).add(key);
        }
        groups.values().forEach(keys -> keys.sort(
                Comparator.comparingInt((ConfigKey k) -> k.orderInGroup).thenComparing(k -> k.name)));
        groups.values().removeIf(List::isEmpty);
        return groups;
    }

    private static java.util.Optional<String> overview(String topLevel, ClassLoader loader) {
        try {
            Field field = Class.forName(topLevel, false, loader).getField("OVERVIEW_DOC");
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                return java.util.Optional.ofNullable((String) field.get(null));
            }
        } catch (ReflectiveOperationException e) {
            // A plugin without an overview just gets none.
        }
        return java.util.Optional.empty();
    }

    private static Object instantiate(String className, ClassLoader loader) {
        try {
            return Class.forName(className, true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Plugin " + className + " listed in META-INF/services cannot be "
                    + "instantiated with a public no-argument constructor, so no worker can load it either", e);
        }
    }

    private static ConfigDef configDef(Object plugin) {
        ConfigDef def;
        if (plugin instanceof Connector connector) {
            def = connector.config();
        } else if (plugin instanceof Transformation<?> transformation) {
            def = transformation.config();
        } else if (plugin instanceof Predicate<?> predicate) {
            def = predicate.config();
        } else if (plugin instanceof Converter converter) {
            def = converter.config();
        } else if (plugin instanceof HeaderConverter converter) {
            def = converter.config();
        } else {
            def = new ConfigDef();
        }
        return Objects.requireNonNull(def, () -> plugin.getClass().getName() + ".config() returned null");
    }

    private static String version(Object plugin) {
        return plugin instanceof Versioned versioned ? versioned.version() : "";
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
