package dev.spillway.connect.rest.pagination;

import java.util.Objects;

/**
 * Where reading resumes: request the page described by {@code state} and skip its first {@code skip} items,
 * which have already been emitted. The same pair is the in-memory position of a running task and, in a source
 * offset, the position a restarted task resumes from, so neither re-reads more than a page nor skips anything.
 */
public record PagePosition(PageState state, long skip) {

    public PagePosition {
        Objects.requireNonNull(state, "state");
        if (skip < 0) {
            throw new IllegalArgumentException("skip must be >= 0: " + skip);
        }
    }

    public static PagePosition start(PageState state) {
        return new PagePosition(state, 0);
    }

    @Override
    public String toString() {
        return state + (skip == 0 ? "" : " (skipping " + skip + ")");
    }
}
