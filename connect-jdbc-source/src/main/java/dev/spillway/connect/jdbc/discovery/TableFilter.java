package dev.spillway.connect.jdbc.discovery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which discovered tables a connector reads: those whose {@code schema.table} fully matches one include regex and
 * no exclude regex, and whose type is wanted. Names from the config are only ever matched against names the
 * catalog returned, never put into SQL, so an injection-looking entry simply matches nothing.
 */
public final class TableFilter {

    private final List<Pattern> includes;
    private final List<Pattern> excludes;
    private final Set<TableType> types;

    public TableFilter(List<Pattern> includes, List<Pattern> excludes, Set<TableType> types) {
        this.includes = List.copyOf(includes);
        this.excludes = List.copyOf(excludes);
        this.types = Set.copyOf(types);
    }

    public boolean matches(DiscoveredTable table) {
        String name = table.id().qualified();
        return types.contains(table.type())
            && includes.stream().anyMatch(p -> p.matcher(name).matches())
            && excludes.stream().noneMatch(p -> p.matcher(name).matches());
    }

    /** The matching tables, sorted by name so that every call sees the same order. */
    public List<DiscoveredTable> select(Collection<DiscoveredTable> tables) {
        List<DiscoveredTable> selected = new ArrayList<>();
        for (DiscoveredTable table : tables) {
            if (matches(table)) {
                selected.add(table);
            }
        }
        selected.sort((a, b) -> a.id().compareTo(b.id()));
        return selected;
    }
}
