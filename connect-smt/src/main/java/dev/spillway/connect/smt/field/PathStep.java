package dev.spillway.connect.smt.field;

import java.util.Objects;

/**
 * One step of a {@link FieldPath}: a struct field or map key, one array element, or every array element.
 */
public sealed interface PathStep permits PathStep.Name, PathStep.Index, PathStep.AnyIndex {

    /** A struct field, or a map entry whose key's string form equals {@code name}. */
    record Name(String name) implements PathStep {
        public Name {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The array element at a zero-based position. */
    record Index(int index) implements PathStep {
        public Index {
            if (index < 0) {
                throw new IllegalArgumentException("Array index must not be negative: " + index);
            }
        }

        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    /** Every element of an array ({@code [*]}). */
    record AnyIndex() implements PathStep {
        @Override
        public String toString() {
            return "[*]";
        }
    }
}
