package dev.spillway.migrate;

import dev.spillway.connect.jdbc.offset.SourcePartition;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JDBC source connectors {@code spillway-migrate jdbc} moves from. Aiven's is a fork of an older Confluent
 * release and stores the same partitions and offsets (learnt from its public source, not copied: protocol-1
 * {@code {"protocol": "1", "table": "<catalog>.<schema>.<table>"}}, protocol-0 {@code {"table": "<table>"}},
 * {@code {"query": "query"}}; {@code incrementing} as a long, {@code timestamp} in epoch milliseconds with
 * {@code timestamp_nanos}), and resumes after them the same way. What differs is where it starts a table that has
 * no stored offset: after {@code incrementing.initial} and {@code timestamp.initial.ms}, positions Spillway
 * cannot start from; so such a table is refused when one of them is set, rather than read from its first row.
 */
enum OldConnector {
    CONFLUENT("io.confluent.connect.jdbc.JdbcSourceConnector", "Confluent"),
    AIVEN("io.aiven.connect.jdbc.JdbcSourceConnector", "Aiven");

    /** Aiven's keys for the first position of a table without an offset, with the modes that read them. */
    private static final Map<String, Set<String>> AIVEN_INITIAL_KEYS = Map.of(
        "incrementing.initial", Set.of("incrementing", "timestamp+incrementing"),
        "timestamp.initial.ms", Set.of("timestamp", "timestamp+incrementing"));

    final String className;
    final String label;

    OldConnector(String className, String label) {
        this.className = className;
        this.label = label;
    }

    /** The connector of {@code connector.class}, or a refusal naming the classes the tool takes. */
    static OldConnector of(String connectorClass) {
        for (OldConnector old : values()) {
            if (old.className.equals(connectorClass)) {
                return old;
            }
        }
        throw new MigrationRefused("the old connector is neither Confluent's nor Aiven's JDBC source (connector.class="
            + connectorClass + ", expected one of " + Arrays.stream(values()).map(o -> o.className)
                .collect(Collectors.joining(", ")) + ")");
    }

    /**
     * Refuses a table that has no stored offset when the old connector would have started it at a position of
     * its own ({@code incrementing.initial}, {@code timestamp.initial.ms}): Spillway would read it from the first
     * row. With the defaults (-1, 0) that position only skips ids of -1 and below, or timestamps up to the epoch.
     *
     * @param tables     the tables the old connector reads (schema.table), or the query partition
     * @param withOffset the partitions that have a translated offset
     */
    void checkStartOfTablesWithoutOffset(Map<String, String> config, Collection<SourcePartition> tables,
                                         Collection<SourcePartition> withOffset) {
        if (this != AIVEN) {
            return;
        }
        String mode = config.getOrDefault("mode", "");
        for (Map.Entry<String, Set<String>> key : AIVEN_INITIAL_KEYS.entrySet()) {
            String value = config.get(key.getKey());
            if (value == null || isDefault(key.getKey(), value) || !key.getValue().contains(mode)) {
                continue;
            }
            for (SourcePartition table : tables) {
                if (!withOffset.contains(table)) {
                    throw new MigrationRefused(key.getKey() + "=" + value + " cannot be carried over exactly: "
                        + table.name() + " has no stored offset, so Spillway would read it from its first row where"
                        + " Aiven's connector starts after " + value + "; let the old connector commit an offset"
                        + " for it first, or remove it from table.whitelist");
                }
            }
        }
    }

    private static boolean isDefault(String key, String value) {
        return value.trim().equals(key.equals("incrementing.initial") ? "-1" : "0");
    }

    /** The tables a whitelist names, each as schema.table (names without a schema get {@code defaultSchema}). */
    static List<SourcePartition> listedTables(String whitelist, String defaultSchema) {
        return Arrays.stream(whitelist.split(",")).map(String::trim).filter(name -> !name.isEmpty())
            .map(name -> SourcePartition.table(name.contains(".") ? name : defaultSchema + "." + name))
            .toList();
    }
}
