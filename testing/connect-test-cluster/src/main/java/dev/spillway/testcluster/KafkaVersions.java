package dev.spillway.testcluster;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Kafka versions integration tests run against, and version-string helpers. */
public final class KafkaVersions {

    /** System property holding a comma-separated list of Kafka versions; Failsafe sets it from the root pom. */
    public static final String PROPERTY = "spillway.it.kafka.versions";
    public static final String DEFAULT = "3.9.2,4.3.1";

    private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+)*([.-][A-Za-z0-9.-]+)?");
    private static final Pattern LEADING_NUMBERS = Pattern.compile("^([0-9]+)(?:\\.([0-9]+))?");

    private KafkaVersions() {
    }

    /**
     * The versions in system property {@value #PROPERTY} (default {@value #DEFAULT}), for parameterized tests, e.g.
     * {@code @MethodSource("dev.spillway.testcluster.KafkaVersions#fromSystemProperty")}.
     */
    public static List<String> fromSystemProperty() {
        return parse(System.getProperty(PROPERTY));
    }

    /** Parses a comma-separated list; blanks are ignored, duplicates dropped, a blank list means {@value #DEFAULT}. */
    public static List<String> parse(String list) {
        Set<String> versions = new LinkedHashSet<>();
        if (list != null) {
            for (String part : list.split(",")) {
                String version = part.trim();
                if (!version.isEmpty()) {
                    versions.add(requireValid(version));
                }
            }
        }
        return versions.isEmpty() ? parse(DEFAULT) : List.copyOf(versions);
    }

    /** Checks that {@code version} looks like a Maven version of Kafka, e.g. {@code 3.9.2} or {@code 4.1.0-rc1}. */
    public static String requireValid(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("Not a Kafka version: '" + version + "'");
        }
        return version;
    }

    /** The major version: 3 for {@code 3.9.2}, 4 for {@code 4.3.1}. */
    public static int major(String version) {
        return group(version, 1);
    }

    /** The minor version: 9 for {@code 3.9.2}, 0 when absent. */
    public static int minor(String version) {
        return group(version, 2);
    }

    /** Whether {@code version} is at least {@code major.minor}. */
    public static boolean atLeast(String version, int major, int minor) {
        int actualMajor = major(version);
        return actualMajor > major || actualMajor == major && minor(version) >= minor;
    }

    private static int group(String version, int group) {
        Matcher matcher = LEADING_NUMBERS.matcher(requireValid(version));
        if (!matcher.find()) {
            throw new IllegalArgumentException("Not a Kafka version: '" + version + "'");
        }
        String value = matcher.group(group);
        return value == null ? 0 : Integer.parseInt(value);
    }
}
