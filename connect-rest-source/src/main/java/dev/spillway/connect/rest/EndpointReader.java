package dev.spillway.connect.rest;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.rest.extract.Item;
import dev.spillway.connect.rest.extract.PageParser;
import dev.spillway.connect.rest.extract.ParsedPage;
import dev.spillway.connect.rest.http.ApiRequest;
import dev.spillway.connect.rest.http.HttpFetcher;
import dev.spillway.connect.rest.metrics.EndpointMetrics;
import dev.spillway.connect.rest.pagination.PagePosition;
import dev.spillway.connect.rest.pagination.PageProgress;
import dev.spillway.connect.rest.pagination.Pagination;
import dev.spillway.connect.rest.pagination.PaginationSettings;
import dev.spillway.connect.rest.pagination.PaginationType;
import dev.spillway.connect.rest.pagination.ParamPlacement;
import dev.spillway.connect.rest.pagination.SincePagination;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks one endpoint page by page and keeps its position in memory between polls.
 *
 * <p>A <em>walk</em> reads pages from the current position until the pagination says there is no next page, then
 * waits {@code poll.interval.ms} and starts a new walk from the position it reached, so new items are found. The
 * position is only moved past a page once records for all its items have been handed out: each record's offset is
 * the position just after it (the page's request state and the number of its items emitted), and the last record
 * of a page carries the position the reader moves to. A restart from any committed offset therefore neither
 * skips nor repeats an item, provided the API returns the same page for the same request.
 */
final class EndpointReader {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointReader.class);

    private final Endpoint endpoint;
    private final Pagination pagination;
    /** Where the pagination state goes in the request. */
    private final ParamPlacement placement;
    /** The page size, for ${limit} in templated parameters. */
    private final int limit;
    private final HttpFetcher fetcher;
    private final PageParser parser;
    private final RecordFactory records;
    private final int maxPages;
    private final Duration pollInterval;
    private final EndpointMetrics metrics;

    private PagePosition position;
    private boolean walking;
    private int pagesInWalk;
    private final Set<PagePosition> requestedInWalk = new HashSet<>();
    private long dueAtNanos;
    /** Whether the hint to set pagination.since.filter=exclusive was logged; once per task is enough. */
    private boolean warnedExclusive;

    EndpointReader(Endpoint endpoint, Pagination pagination, PaginationSettings settings, HttpFetcher fetcher,
                   RecordFactory records, int maxPages, Duration pollInterval, PagePosition start,
                   EndpointMetrics metrics) {
        this.endpoint = endpoint;
        this.pagination = pagination;
        this.placement = settings.placement();
        this.limit = settings.limit();
        this.fetcher = fetcher;
        List<JsonPointer> bodyPointers = new ArrayList<>(pagination.bodyPointers());
        bodyPointers.addAll(records.pageHeaders().bodyPointers());
        this.parser = new PageParser(endpoint.recordsPointer(), bodyPointers, endpoint.format());
        this.records = records;
        this.maxPages = maxPages;
        this.pollInterval = pollInterval;
        this.position = start;
        this.dueAtNanos = System.nanoTime();
        this.metrics = metrics;
        observeWatermark();
    }

    /** True if the walk is by since watermark, whose lag behind now is a metric. */
    static boolean bySince(Pagination pagination) {
        return pagination.kind() == PaginationType.SINCE;
    }

    private void observeWatermark() {
        if (bySince(pagination)) {
            // The highest value emitted: with an exclusive filter the value sent lags one behind it.
            metrics.watermark(position.state().string(SincePagination.TIE)
                .or(() -> position.state().string(SincePagination.SINCE)).orElse(null));
        }
    }

    Endpoint endpoint() {
        return endpoint;
    }

    PagePosition position() {
        return position;
    }

    /** {@link System#nanoTime()} at which the next page should be read. */
    long dueAtNanos() {
        return dueAtNanos;
    }

    /** Postpones the next request, e.g. after a transient failure the fetcher already retried. */
    void postpone(Duration delay) {
        dueAtNanos = System.nanoTime() + delay.toNanos();
    }

    /** Reads the page at the current position and returns records for its items not emitted yet. */
    List<SourceRecord> readPage() {
        if (!walking) {
            walking = true;
            pagesInWalk = 0;
            requestedInWalk.clear();
        }
        PagePosition at = position;
        requestedInWalk.add(at);
        URI uri;
        try {
            uri = pagination.uri(endpoint.url(), at.state());
        } catch (IllegalArgumentException e) {
            throw new ConnectException("Endpoint '" + endpoint.name() + "': " + e.getMessage());
        }
        ApiRequest request;
        try {
            request = PageRequests.request(endpoint, placement, uri, at.state(), limit, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new ConnectException("Endpoint '" + endpoint.name() + "': " + e.getMessage());
        }
        Fetched fetched = fetcher.send(endpoint.name(), request, metrics, response -> {
            ParsedPage page = response.statusCode() == 204 ? ParsedPage.noContent(uri, response.headers())
                : parser.parse(uri, response.body(), response.headers());
            // Which items were emitted before, and where a restart resumes after each of the others.
            PageProgress progress = pagination.progress(at);
            List<Integer> fresh = new ArrayList<>();
            List<PagePosition> resumeAt = new ArrayList<>();
            for (int i = 0; i < page.items().size(); i++) {
                if (!progress.alreadyEmitted(page.items().get(i), i)) {
                    fresh.add(i);
                    resumeAt.add(progress.position());
                }
            }
            boolean looksExclusive = pagination instanceof SincePagination since && since.looksExclusive(at, page);
            return new Fetched(page, pagination.next(at, page), fresh, resumeAt, progress.position(), looksExclusive);
        });
        if (fetched.looksExclusive() && !warnedExclusive) {
            warnedExclusive = true;
            LOG.warn("Endpoint '{}': asked for items from {} on, the API returned none at that value, although {}"
                + " item(s) at it were emitted before: it seems to filter with '>' rather than '>='. Items sharing"
                + " one value across a page end are then lost; set {}=exclusive for this endpoint", endpoint.name(),
                at.state(), at.skip(), PaginationSettings.SINCE_FILTER_CONFIG);
        }
        long readAt = System.currentTimeMillis();
        pagesInWalk++;

        List<Item> items = fetched.page().items();
        int count = items.size();
        int emitted = fetched.fresh().size();
        Optional<PagePosition> next = fetched.next();
        PagePosition after;
        boolean walkEnds;
        if (count == 0) {
            walkEnds = true;
            after = at;
            if (next.isPresent() && !next.get().equals(at)) {
                LOG.warn("Endpoint '{}': the page at {} is empty but links to a next page; ending the walk here and"
                    + " asking again in {} ms", endpoint.name(), at, pollInterval.toMillis());
            }
        } else if (next.isEmpty()) {
            walkEnds = true;
            after = fetched.endOfPage();
        } else if (requestedInWalk.contains(next.get())) {
            walkEnds = true;
            after = fetched.endOfPage();
            if (emitted > 0 && !next.get().equals(after)) {
                LOG.warn("Endpoint '{}': the page at {} links back to {}, which this walk already read; ending the"
                    + " walk instead of looping, next walk in {} ms", endpoint.name(), at, next.get(),
                    pollInterval.toMillis());
            }
        } else if (pagesInWalk >= maxPages) {
            walkEnds = true;
            after = next.get();
            LOG.warn("Endpoint '{}': read {} pages in one walk ({}={}); pausing the walk, it continues from {} in {}"
                + " ms", endpoint.name(), pagesInWalk, PaginationSettings.MAX_PAGES_CONFIG, maxPages, after,
                pollInterval.toMillis());
        } else {
            walkEnds = false;
            after = next.get();
        }

        List<Header> pageHeaders = emitted == 0 ? List.of() : records.pageHeaders().of(fetched.page());
        List<SourceRecord> result = new ArrayList<>(emitted);
        for (int n = 0; n < emitted; n++) {
            int i = fetched.fresh().get(n);
            // The last record carries the position the reader moves to, so a restart continues from there.
            PagePosition resumeAt = n == emitted - 1 ? after : fetched.resumeAt().get(n);
            result.add(records.record(items.get(i), i, at.state(), resumeAt, readAt, pageHeaders));
        }
        position = after;
        metrics.pageRead(result.size());
        observeWatermark();
        if (walkEnds) {
            walking = false;
            dueAtNanos = System.nanoTime() + pollInterval.toNanos();
            LOG.debug("Endpoint '{}': walk ended after {} page(s) at {}", endpoint.name(), pagesInWalk, position);
        } else {
            dueAtNanos = System.nanoTime();
        }
        return result;
    }

    /**
     * A page read: the indexes of its items not emitted before, the position after each of them, and the position
     * after the whole page, which a walk that stops at this page resumes from.
     */
    private record Fetched(ParsedPage page, Optional<PagePosition> next, List<Integer> fresh,
                           List<PagePosition> resumeAt, PagePosition endOfPage, boolean looksExclusive) {
    }
}
