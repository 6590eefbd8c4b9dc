package dev.spillway.connect.smt.value;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A modifiable copy of a map that keeps its iteration order, held in two arrays until it is changed
 * structurally.
 *
 * <p>Why: copying a record's map into a {@link LinkedHashMap} (to keep its field order) costs a hash, a table
 * slot and a 40-byte node per entry, which on a wide row is most of what masking a few of its fields costs.
 * Copying references into two arrays costs a fraction of that; lookups build a hash index over the arrays when
 * first needed (small maps are scanned instead). It is a real copy, not a view: later changes to the source map
 * do not show here, nor do changes here show in the source.
 *
 * <p>Replacing the value of a key that is present (by {@code put}, {@code Entry.setValue}, {@code replaceAll})
 * changes the arrays in place. The first structural change (a new key, a removal, {@code clear}) moves the
 * entries into a {@link LinkedHashMap} in the same order, which then does all the work. Like {@code
 * LinkedHashMap}: null keys and values are allowed, iterators fail fast on structural changes not made through
 * them, and the map is not thread-safe for writes; concurrent reads are safe.
 */
public final class OrderedArrayMap extends AbstractMap<Object, Object> {

    /** Up to this many entries, a lookup scans the keys rather than building an index. */
    private static final int SCAN_LIMIT = 8;

    private Object[] keys;
    private Object[] values;
    /** Lazy open-addressing index: slot to entry position + 1, 0 for empty; volatile so that readers share it. */
    private volatile int[] index;
    /** Holds the entries after the first structural change; from then on the arrays are not used. */
    private LinkedHashMap<Object, Object> moved;
    private int structuralChanges;

    private OrderedArrayMap(Object[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    /**
     * A copy of {@code map}, in its iteration order, with some values replaced. {@code changes} holds {@code count}
     * triples: a key of {@code map}, its value there, and the value it has in the copy instead. The triples are
     * reordered as they are found.
     *
     * <p>The source's keys must be distinct under {@code equals} (true of every {@code HashMap}, not of an
     * {@code IdentityHashMap} or a {@code TreeMap} with its own comparator), and each changed key must be in it.
     *
     * @throws ConcurrentModificationException if {@code map} changes meanwhile or lacks a changed key
     */
    public static OrderedArrayMap copyReplacing(Map<?, ?> map, Object[] changes, int count) {
        Copier copier = new Copier(map.size(), changes, count);
        // forEach walks a HashMap's table (or a LinkedHashMap's list) without an iterator.
        map.forEach(copier);
        if (copier.next != copier.keys.length || copier.pending != 0) {
            throw new ConcurrentModificationException();
        }
        return new OrderedArrayMap(copier.keys, copier.values);
    }

    /** Fills the arrays of a copy, applying the changes on the way. */
    private static final class Copier implements BiConsumer<Object, Object> {
        final Object[] keys;
        final Object[] values;
        final Object[] changes;
        int pending;
        int next;

        Copier(int size, Object[] changes, int count) {
            keys = new Object[size];
            values = new Object[size];
            this.changes = changes;
            pending = count * 3;
        }

        @Override
        public void accept(Object key, Object value) {
            if (next == keys.length) {
                throw new ConcurrentModificationException();
            }
            Object stored = value;
            // A changed entry is spotted by its old value's identity first, which needs no look at the key.
            for (int c = 0; c < pending; c += 3) {
                if (changes[c + 1] == value && Objects.equals(changes[c], key)) {
                    stored = changes[c + 2];
                    pending -= 3;
                    System.arraycopy(changes, pending, changes, c, 3);
                    break;
                }
            }
            keys[next] = key;
            values[next] = stored;
            next++;
        }
    }

    @Override
    public int size() {
        return moved != null ? moved.size() : keys.length;
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return moved != null ? moved.containsKey(key) : indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        if (moved != null) {
            return moved.get(key);
        }
        int i = indexOf(key);
        return i >= 0 ? values[i] : null;
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        if (moved != null) {
            return moved.getOrDefault(key, defaultValue);
        }
        int i = indexOf(key);
        return i >= 0 ? values[i] : defaultValue;
    }

    @Override
    public Object put(Object key, Object value) {
        if (moved == null) {
            int i = indexOf(key);
            if (i >= 0) {
                Object old = values[i];
                values[i] = value;
                return old;
            }
            move();
        }
        int before = moved.size();
        Object old = moved.put(key, value);
        if (moved.size() != before) {
            structuralChanges++;
        }
        return old;
    }

    @Override
    public Object remove(Object key) {
        if (moved == null) {
            if (indexOf(key) < 0) {
                return null;
            }
            move();
        }
        int before = moved.size();
        Object old = moved.remove(key);
        if (moved.size() != before) {
            structuralChanges++;
        }
        return old;
    }

    @Override
    public void clear() {
        if (moved == null) {
            move();
        }
        moved.clear();
        structuralChanges++;
    }

    @Override
    public void forEach(BiConsumer<? super Object, ? super Object> action) {
        if (moved != null) {
            moved.forEach(action);
            return;
        }
        Object[] k = keys;
        Object[] v = values;
        int expected = structuralChanges;
        for (int i = 0; i < k.length; i++) {
            action.accept(k[i], v[i]);
            if (structuralChanges != expected) {
                throw new ConcurrentModificationException();
            }
        }
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        return new EntrySet();
    }

    /** Where {@code key} is in the arrays, or -1. */
    private int indexOf(Object key) {
        Object[] k = keys;
        if (k.length <= SCAN_LIMIT) {
            for (int i = 0; i < k.length; i++) {
                if (Objects.equals(k[i], key)) {
                    return i;
                }
            }
            return -1;
        }
        int[] slots = index;
        if (slots == null) {
            slots = buildIndex(k);
            index = slots;
        }
        int mask = slots.length - 1;
        for (int s = spread(key) & mask; ; s = (s + 1) & mask) {
            int entry = slots[s];
            if (entry == 0) {
                return -1;
            }
            if (Objects.equals(k[entry - 1], key)) {
                return entry - 1;
            }
        }
    }

    private static int[] buildIndex(Object[] keys) {
        // At most half full, so that probes stay short and an empty slot always ends them.
        int[] slots = new int[Integer.highestOneBit(Math.max(keys.length, 2) * 2 - 1) << 1];
        int mask = slots.length - 1;
        for (int i = 0; i < keys.length; i++) {
            int s = spread(keys[i]) & mask;
            while (slots[s] != 0) {
                s = (s + 1) & mask;
            }
            slots[s] = i + 1;
        }
        return slots;
    }

    private static int spread(Object key) {
        int h = key == null ? 0 : key.hashCode();
        return h ^ (h >>> 16);
    }

    /** Moves the entries into a LinkedHashMap before a structural change. */
    private void move() {
        Object[] k = keys;
        Object[] v = values;
        LinkedHashMap<Object, Object> map = new LinkedHashMap<>(Math.max(16, (int) (k.length / 0.75f) + 1));
        for (int i = 0; i < k.length; i++) {
            map.put(k[i], v[i]);
        }
        moved = map;
        keys = null;
        values = null;
        index = null;
        structuralChanges++;
    }

    private final class EntrySet extends AbstractSet<Entry<Object, Object>> {
        @Override
        public int size() {
            return OrderedArrayMap.this.size();
        }

        @Override
        public void clear() {
            OrderedArrayMap.this.clear();
        }

        @Override
        public Iterator<Entry<Object, Object>> iterator() {
            return moved != null ? moved.entrySet().iterator() : new ArrayIterator();
        }
    }

    /**
     * Iterates the arrays as they were when it was made. A removal through it moves the entries into the
     * LinkedHashMap; the entries after it are still there, so it carries on over the arrays, reading values from
     * the map.
     */
    private final class ArrayIterator implements Iterator<Entry<Object, Object>> {
        private final Object[] k = keys;
        private final Object[] v = values;
        private int next;
        private int expected = structuralChanges;
        private boolean canRemove;

        @Override
        public boolean hasNext() {
            return next < k.length;
        }

        @Override
        public Entry<Object, Object> next() {
            checkUnchanged();
            if (next >= k.length) {
                throw new NoSuchElementException();
            }
            canRemove = true;
            return new ArrayEntry(k, v, next++);
        }

        @Override
        public void remove() {
            if (!canRemove) {
                throw new IllegalStateException();
            }
            checkUnchanged();
            canRemove = false;
            OrderedArrayMap.this.remove(k[next - 1]);
            expected = structuralChanges;
        }

        private void checkUnchanged() {
            if (structuralChanges != expected) {
                throw new ConcurrentModificationException();
            }
        }
    }

    /** An entry that reads and writes through the map, like a LinkedHashMap's. */
    private final class ArrayEntry implements Entry<Object, Object> {
        private final Object[] k;
        private final Object[] v;
        private final int i;

        ArrayEntry(Object[] k, Object[] v, int i) {
            this.k = k;
            this.v = v;
            this.i = i;
        }

        @Override
        public Object getKey() {
            return k[i];
        }

        @Override
        public Object getValue() {
            return moved != null ? moved.get(k[i]) : v[i];
        }

        @Override
        public Object setValue(Object value) {
            if (moved != null) {
                return moved.put(k[i], value);
            }
            Object old = v[i];
            v[i] = value;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry<?, ?> e && Objects.equals(getKey(), e.getKey())
                && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(getKey()) ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return getKey() + "=" + getValue();
        }
    }
}
