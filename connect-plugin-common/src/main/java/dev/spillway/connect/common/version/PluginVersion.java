package dev.spillway.connect.common.version;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The Spillway version, as every plugin's {@code version()} reports it.
 *
 * <p>Read from a resource Maven filters at build time. The resource sits next to this class rather than at the
 * root of the jar, so that other plugins in the same plugin directory cannot shadow it.
 */
public final class PluginVersion {

    private static final String RESOURCE = "spillway-plugin.properties";
    private static final String UNKNOWN = "unknown";
    private static final String VERSION = load();

    private PluginVersion() {
    }

    /** The version, such as {@code 0.1.0}, or {@code unknown} if the build did not record it. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = PluginVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").trim();
            // An unfiltered placeholder means the resource was not processed by the build.
            return version.isEmpty() || version.startsWith("${") ? UNKNOWN : version;
        } catch (IOException e) {
            // A version string must never stop the plugin from loading.
            return UNKNOWN;
        }
    }
}
