package dev.spillway.connect.smt.field;

import dev.spillway.connect.smt.value.OrderedArrayMap;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entries of one map that a walk replaces, collected so that the map is copied once, with all of them, in
 * the map's own iteration order. Copies are modifiable.
 */
final class MapChanges {
    /** Triples of key, old value, new value. */
    private Object[] triples;
    private int count;

    private MapChanges(int capacity) {
        triples = new Object[Math.max(1, capacity) * 3];
    }

    static MapChanges add(MapChanges changes, int expected, Map.Entry<?, ?> entry, Object newValue) {
        return add(changes, expected, entry.getKey(), entry.getValue(), newValue);
    }

    /** Adds to {@code changes}, or to new changes sized for {@code expected} if it is null. */
    static MapChanges add(MapChanges changes, int expected, Object key, Object oldValue, Object newValue) {
        MapChanges to = changes != null ? changes : new MapChanges(expected);
        int at = to.count * 3;
        if (at == to.triples.length) {
            to.triples = Arrays.copyOf(to.triples, at * 2);
        }
        to.triples[at] = key;
        to.triples[at + 1] = oldValue;
        to.triples[at + 2] = newValue;
        to.count++;
        return to;
    }

    Map<Object, Object> applyTo(Map<?, ?> map) {
        if (map instanceof HashMap) {
            // Keys of a HashMap (or LinkedHashMap) are distinct by equals, which the array copy relies on.
            return OrderedArrayMap.copyReplacing(map, triples, count);
        }
        // Other maps may hold keys that are equal but distinct (an IdentityHashMap, a TreeMap with its own
        // comparator); copying them merges those as any Map.put would.
        Map<Object, Object> copy = new LinkedHashMap<>(map);
        for (int i = 0; i < count * 3; i += 3) {
            copy.put(triples[i], triples[i + 2]);
        }
        return copy;
    }
}
