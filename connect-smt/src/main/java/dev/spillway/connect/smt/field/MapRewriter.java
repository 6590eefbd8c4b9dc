package dev.spillway.connect.smt.field;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The schemaless half of {@link FieldPaths}: copies maps and lists with their addressed values updated. */
final class MapRewriter {

    private MapRewriter() {
    }

    static Object rewriteSchemaless(Object value, PathTrie node, LeafValueUpdater updater) {
        if (node == null) {
            return value;
        }
        if (node.terminal() != null) {
            return updater.update(node.terminal(), null, value);
        }
        if (value instanceof Map<?, ?> map) {
            if (!node.namesMayMatchNonTextKeys() || hasOnlyStringKeys(map)) {
                return rewriteNamedEntries(map, node, updater);
            }
            MapChanges changes = null;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                PathTrie child = node.child(PathTrie.keyText(entry.getKey()));
                if (child == null) {
                    continue;
                }
                Object result = rewriteSchemaless(entry.getValue(), child, updater);
                if (result != entry.getValue()) {
                    changes = MapChanges.add(changes, node.namedChildren().size(), entry, result);
                }
            }
            return changes != null ? changes.applyTo(map) : value;
        }
        if (value instanceof List<?> list) {
            List<Object> updated = null;
            for (int i = 0; i < list.size(); i++) {
                Object element = list.get(i);
                Object result = rewriteSchemaless(element, node.element(i), updater);
                if (result != element && updated == null) {
                    updated = new ArrayList<>(list);
                }
                if (updated != null) {
                    updated.set(i, result);
                }
            }
            return updated != null ? updated : value;
        }
        // Absent, null, or a plain value where the path expects a container.
        return value;
    }

    /**
     * When only String keys can match the paths' names (always, unless a name looks like a number or boolean),
     * the map is looked up by those names, not walked: a record usually has many more fields than paths.
     */
    private static Object rewriteNamedEntries(Map<?, ?> map, PathTrie node, LeafValueUpdater updater) {
        Map<String, PathTrie> children = node.namedChildrenByName();
        MapChanges changes = null;
        for (Map.Entry<String, PathTrie> child : children.entrySet()) {
            String key = child.getKey();
            Object current;
            try {
                current = map.get(key);
                if (current == null && !map.containsKey(key)) {
                    continue;
                }
            } catch (ClassCastException e) {
                // A sorted map of other keys (a TreeMap<Integer, ...> from an upstream transform) holds no String.
                continue;
            }
            Object result = rewriteSchemaless(current, child.getValue(), updater);
            if (result != current) {
                changes = MapChanges.add(changes, children.size(), key, current, result);
            }
        }
        return changes != null ? changes.applyTo(map) : map;
    }

    private static boolean hasOnlyStringKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }
}
