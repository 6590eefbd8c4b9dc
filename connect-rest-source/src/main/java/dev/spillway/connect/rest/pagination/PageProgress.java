package dev.spillway.connect.rest.pagination;

import dev.spillway.connect.rest.extract.Item;
import dev.spillway.connect.rest.net.MalformedPageException;

/**
 * Goes through the items of one page read at a position, in page order: says which of them were emitted before
 * (and are skipped) and where a restart resumes once an item has been handed out. One instance per page read.
 */
public interface PageProgress {

    /**
     * Takes the next item of the page; call once per item, in order.
     *
     * @return true if the item was emitted before and is skipped, false if it is emitted now
     * @throws MalformedPageException if the item lacks what the position needs (e.g. a since value)
     */
    boolean alreadyEmitted(Item item, int index) throws MalformedPageException;

    /** Where a restart resumes once the items taken so far are all handed out. */
    PagePosition position();

    /**
     * Counting progress for strategies whose positions name one page: the first {@code skip} items of the page were
     * emitted, and after item {@code i} the position is the same page with {@code i + 1} items emitted.
     */
    static PageProgress byCount(PagePosition at) {
        return new PageProgress() {
            private long taken;

            @Override
            public boolean alreadyEmitted(Item item, int index) {
                taken++;
                return taken <= at.skip();
            }

            @Override
            public PagePosition position() {
                return new PagePosition(at.state(), Math.max(at.skip(), taken));
            }
        };
    }
}
