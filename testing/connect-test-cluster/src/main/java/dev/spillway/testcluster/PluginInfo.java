package dev.spillway.testcluster;

/**
 * A plugin as listed by {@code GET /connector-plugins}.
 *
 * @param type e.g. {@code source}, {@code sink}, {@code transformation}, {@code converter}, {@code predicate}
 * @param version the version the plugin reports, or {@code null} if it reports none
 */
public record PluginInfo(String className, String type, String version) {
}
