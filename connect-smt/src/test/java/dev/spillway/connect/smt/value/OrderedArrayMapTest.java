package dev.spillway.connect.smt.value;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderedArrayMapTest {

    /** An ordered map of {@code size} entries k0=v0 ... with a null key and a null value among them. */
    private static LinkedHashMap<Object, Object> source(int size) {
        LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
        for (int i = size - 1; i >= 0; i--) {
            map.put(i == 3 ? null : "k" + i, i == 2 ? null : "v" + i);
        }
        return map;
    }

    /** A copy of {@code source} with the given keys' values replaced: key, new value, key, new value... */
    private static OrderedArrayMap copy(Map<Object, Object> source, Object... replacements) {
        Object[] triples = new Object[replacements.length / 2 * 3];
        for (int i = 0; i < replacements.length / 2; i++) {
            triples[3 * i] = replacements[2 * i];
            // The old value as the source holds it: found by identity.
            triples[3 * i + 1] = source.get(replacements[2 * i]);
            triples[3 * i + 2] = replacements[2 * i + 1];
        }
        return OrderedArrayMap.copyReplacing(source, triples, replacements.length / 2);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8, 9, 50})
    void isACopyInTheSourcesOrderWithTheChangesApplied(int size) {
        LinkedHashMap<Object, Object> source = source(size);
        LinkedHashMap<Object, Object> expected = new LinkedHashMap<>(source);
        expected.put("k1", "masked");
        expected.put(null, "nulled");

        OrderedArrayMap copy = copy(source, "k1", "masked", null, "nulled");

        assertThat(copy).containsExactlyEntriesOf(expected);
        assertThat(copy).isEqualTo(expected).hasSameHashCodeAs(expected).hasToString(expected.toString());
        assertThat(expected).isEqualTo(copy);
        for (Object key : source.keySet()) {
            assertThat(copy.containsKey(key)).isTrue();
            assertThat(copy.get(key)).isEqualTo(expected.get(key));
        }
        assertThat(copy.containsKey("absent")).isFalse();
        assertThat(copy.get("absent")).isNull();
        assertThat(copy.getOrDefault("absent", "d")).isEqualTo("d");
        assertThat(copy.getOrDefault("k2", "d")).isNull();
        assertThat(copy.containsValue("masked")).isTrue();
    }

    @Test
    void isIndependentOfTheSourceBothWays() {
        LinkedHashMap<Object, Object> source = source(20);
        Map<Object, Object> before = new LinkedHashMap<>(source);
        OrderedArrayMap copy = copy(source, "k5", "x");
        Map<Object, Object> copied = new LinkedHashMap<>(copy);

        source.put("k6", "changed");
        source.remove("k7");
        source.put("new", "entry");
        assertThat(copy).containsExactlyEntriesOf(copied);

        source.clear();
        source.putAll(before);
        copy.put("k8", "changed");
        copy.put("added", "entry");
        copy.remove("k9");
        assertThat(source).containsExactlyEntriesOf(before);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 30})
    void behavesLikeALinkedHashMapWhenChanged(int size) {
        LinkedHashMap<Object, Object> expected = source(size);
        OrderedArrayMap copy = copy(source(size));

        // Replacing present keys keeps the arrays; adding and removing moves the entries into a LinkedHashMap.
        assertThat(copy.put("k0", "a")).isEqualTo(expected.put("k0", "a"));
        assertThat(copy.put("k1", null)).isEqualTo(expected.put("k1", null));
        copy.replaceAll((k, v) -> v + "!");
        expected.replaceAll((k, v) -> v + "!");
        assertThat(copy).containsExactlyEntriesOf(expected);
        assertThat(copy.remove("absent")).isNull();
        assertThat(copy.put("new", "n")).isEqualTo(expected.put("new", "n"));
        assertThat(copy.remove("k2")).isEqualTo(expected.remove("k2"));
        assertThat(copy.putIfAbsent("k0", "ignored")).isEqualTo(expected.putIfAbsent("k0", "ignored"));
        assertThat(copy.merge("new", "m", (a, b) -> a + "" + b))
            .isEqualTo(expected.merge("new", "m", (a, b) -> a + "" + b));
        assertThat(copy).containsExactlyEntriesOf(expected).hasSize(expected.size());
        copy.clear();
        assertThat(copy).isEmpty();
        copy.put("again", 1);
        assertThat(copy).containsExactly(Map.entry("again", 1));
    }

    @Test
    void entriesAndIteratorsWriteThrough() {
        LinkedHashMap<Object, Object> expected = source(12);
        OrderedArrayMap copy = copy(source(12));

        for (Map.Entry<Object, Object> entry : copy.entrySet()) {
            if ("k4".equals(entry.getKey())) {
                assertThat(entry.setValue("set")).isEqualTo("v4");
                assertThat(entry.getValue()).isEqualTo("set");
            }
        }
        expected.put("k4", "set");
        assertThat(copy).containsExactlyEntriesOf(expected);

        Iterator<Map.Entry<Object, Object>> it = copy.entrySet().iterator();
        Iterator<Map.Entry<Object, Object>> expectedIt = expected.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Object, Object> entry = it.next();
            assertThat(entry).isEqualTo(expectedIt.next());
            if (entry.getKey() == null || "k7".equals(entry.getKey()) || "k0".equals(entry.getKey())) {
                it.remove();
                expectedIt.remove();
            } else if ("k5".equals(entry.getKey())) {
                entry.setValue("after the move");
                expected.put("k5", "after the move");
            }
        }
        assertThat(expectedIt.hasNext()).isFalse();
        assertThat(copy).containsExactlyEntriesOf(expected);
        assertThat(copy.keySet()).containsExactlyElementsOf(expected.keySet());
        assertThat(new ArrayList<>(copy.values())).containsExactlyElementsOf(expected.values());
        assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void iteratorsFailFastOnStructuralChangesMadeElsewhere() {
        OrderedArrayMap copy = copy(source(10));
        Iterator<Map.Entry<Object, Object>> it = copy.entrySet().iterator();
        it.next();
        copy.put("k1", "replacing is fine");
        it.next();
        copy.put("new", "adding is not");
        assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);

        OrderedArrayMap other = copy(source(10));
        assertThatThrownBy(() -> other.forEach((k, v) -> other.remove("k1")))
            .isInstanceOf(ConcurrentModificationException.class);
    }

    @Test
    void forEachVisitsEntriesInOrder() {
        LinkedHashMap<Object, Object> expected = source(10);
        OrderedArrayMap copy = copy(source(10), "k9", "nine");
        expected.put("k9", "nine");
        Map<Object, Object> seen = new LinkedHashMap<>();
        copy.forEach(seen::put);
        assertThat(seen).containsExactlyEntriesOf(expected);
    }

    @Test
    void copiesAPlainHashMapInItsOwnOrder() {
        HashMap<Object, Object> source = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            source.put("key" + i, i);
        }
        OrderedArrayMap copy = copy(source, "key7", "seven");
        assertThat(copy.keySet()).containsExactlyElementsOf(source.keySet());
        assertThat(copy.get("key7")).isEqualTo("seven");
        assertThat(copy.get("key8")).isEqualTo(8);
    }

    @Test
    void refusesAChangeOfAnAbsentKey() {
        assertThatThrownBy(() -> copy(source(5), "absent", "x"))
            .isInstanceOf(ConcurrentModificationException.class);
    }
}
