package dev.spillway.connect.jdbc.discovery;

/** A readable table or view found in the catalog, with the row count its statistics estimate (0 if unknown). */
public record DiscoveredTable(TableId id, TableType type, long estimatedRows) {
}
