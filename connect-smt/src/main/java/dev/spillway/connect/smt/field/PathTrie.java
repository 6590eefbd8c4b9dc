package dev.spillway.connect.smt.field;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A node of the prefix tree of a set of field paths, so that several paths are applied in one walk.
 *
 * <p>Normalised on construction so that walkers need no special cases: a node where a path ends has no children
 * (the shorter path addresses the whole value), and every specific array index already includes what {@code [*]}
 * addresses, so element {@code i} is handled by exactly one node. Not modified after {@link #of}.
 */
final class PathTrie {

    private FieldPath terminal;
    private final Map<String, PathTrie> names = new LinkedHashMap<>();
    private final Map<Integer, PathTrie> indexes = new TreeMap<>();
    private PathTrie anyIndex;
    /** Whether some name here could be the text of a map key that is not a String (see {@link #keyText}). */
    private boolean namesMayMatchNonTextKeys;

    private PathTrie() {
    }

    static PathTrie of(Collection<FieldPath> paths) {
        PathTrie root = new PathTrie();
        for (FieldPath path : paths) {
            root.insert(path);
        }
        root.normalize();
        return root;
    }

    /** The string a map key is compared by: a path names keys as text, whatever the key's type. */
    static String keyText(Object key) {
        return key instanceof String ? (String) key : String.valueOf(key);
    }

    private void insert(FieldPath path) {
        PathTrie node = this;
        for (PathStep step : path.steps()) {
            if (step instanceof PathStep.Name name) {
                node = node.names.computeIfAbsent(name.name(), k -> new PathTrie());
            } else if (step instanceof PathStep.Index index) {
                node = node.indexes.computeIfAbsent(index.index(), k -> new PathTrie());
            } else {
                if (node.anyIndex == null) {
                    node.anyIndex = new PathTrie();
                }
                node = node.anyIndex;
            }
        }
        if (node.terminal == null) {
            node.terminal = path;
        }
    }

    private void normalize() {
        if (terminal != null) {
            names.clear();
            indexes.clear();
            anyIndex = null;
            return;
        }
        if (anyIndex != null) {
            for (PathTrie indexed : indexes.values()) {
                indexed.mergeCopyOf(anyIndex);
            }
        }
        namesMayMatchNonTextKeys = names.keySet().stream().anyMatch(PathTrie::mayBeTextOfNonTextKey);
        names.values().forEach(PathTrie::normalize);
        indexes.values().forEach(PathTrie::normalize);
        if (anyIndex != null) {
            anyIndex.normalize();
        }
    }

    /** Adds (deep copies of) everything {@code other} addresses to this node. */
    private void mergeCopyOf(PathTrie other) {
        if (terminal == null) {
            terminal = other.terminal;
        }
        other.names.forEach((name, child) -> names.computeIfAbsent(name, k -> new PathTrie()).mergeCopyOf(child));
        other.indexes.forEach((index, child) ->
            indexes.computeIfAbsent(index, k -> new PathTrie()).mergeCopyOf(child));
        if (other.anyIndex != null) {
            if (anyIndex == null) {
                anyIndex = new PathTrie();
            }
            anyIndex.mergeCopyOf(other.anyIndex);
        }
    }

    /** The path that ends at this node, or {@code null} if paths only pass through it. */
    FieldPath terminal() {
        return terminal;
    }

    /** The node for a struct field or map key, or {@code null} if no path continues there. */
    PathTrie child(String name) {
        return names.get(name);
    }

    Collection<PathTrie> namedChildren() {
        return names.values();
    }

    /**
     * Whether a map key that is not a String could have one of this node's names as its text. Keys of Connect
     * data other than Strings are numbers, booleans, bytes, dates and containers, and none of them prints as a
     * plain identifier such as {@code email}; so only other names need the map's keys checked.
     */
    boolean namesMayMatchNonTextKeys() {
        return namesMayMatchNonTextKeys;
    }

    private static boolean mayBeTextOfNonTextKey(String name) {
        return !PLAIN_IDENTIFIER.matcher(name).matches() || name.equals("true") || name.equals("false")
            || name.equals("NaN") || name.equals("Infinity");
    }

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The nodes for struct fields or map keys by name; not to be modified. */
    Map<String, PathTrie> namedChildrenByName() {
        return names;
    }

    /** The node for array element {@code index}, or {@code null} if no path addresses it. */
    PathTrie element(int index) {
        PathTrie indexed = indexes.isEmpty() ? null : indexes.get(index);
        return indexed != null ? indexed : anyIndex;
    }

    /** Whether {@code [*]} continues from this node, so that every array element is addressed. */
    boolean addressesEveryElement() {
        return anyIndex != null;
    }

    /** Every distinct node an array element can be handled by. */
    List<PathTrie> elementChildren() {
        List<PathTrie> children = new ArrayList<>(indexes.values());
        if (anyIndex != null) {
            children.add(anyIndex);
        }
        return children;
    }

    /** Some path that ends at or below this node, to name in error messages. */
    FieldPath anyTerminalBelow() {
        if (terminal != null) {
            return terminal;
        }
        List<PathTrie> children = new ArrayList<>(names.values());
        children.addAll(elementChildren());
        for (PathTrie child : children) {
            FieldPath found = child.anyTerminalBelow();
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
